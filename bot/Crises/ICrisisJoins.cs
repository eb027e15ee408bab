namespace ChatOpsReply.Crises;

/// <summary>What else happens when a new post joins a declared crisis on arrival (the holding statement, in Library/).</summary>
public interface ICrisisJoins
{
    Task JoinedAsync(Crisis crisis, string postId, CancellationToken cancellationToken);
}
