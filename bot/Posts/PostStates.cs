namespace ChatOpsReply.Posts;

public static class PostStates
{
    /// <summary>The states in which a post waits on someone, the most urgent first: what every list of work shows.</summary>
    public static readonly IReadOnlyList<PostState> WaitingOnSomeone =
        [PostState.Crisis, PostState.Escalated, PostState.Open, PostState.Claimed, PostState.AwaitingApproval, PostState.Approved];

    /// <summary>Where a state comes in <see cref="WaitingOnSomeone"/>: lower is more urgent; -1 for a post waiting on nobody.</summary>
    public static int Urgency(PostState state)
    {
        for (var i = 0; i < WaitingOnSomeone.Count; i++)
        {
            if (WaitingOnSomeone[i] == state)
            {
                return i;
            }
        }

        return -1;
    }
}
