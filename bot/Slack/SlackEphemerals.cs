namespace ChatOpsReply.Slack;

/// <summary>Answers to the person who acted alone (an ephemeral message in the channel), sent after the acknowledgement.</summary>
public sealed class SlackEphemerals(SlackFollowUps followUps, SlackWebApi slack)
{
    public void Tell(string? channel, string? userId, string? text)
    {
        if (channel is null || string.IsNullOrEmpty(userId) || text is null)
        {
            return;
        }

        followUps.Enqueue("ephemeral answer", ct => slack.PostEphemeralAsync(channel, userId, text, ct));
    }
}
