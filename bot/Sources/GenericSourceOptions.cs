namespace ChatOpsReply.Sources;

public sealed class GenericSourceOptions
{
    /// <summary>
    /// The HMAC secret senders sign <c>POST /api/posts</c> with. When empty, a secret is
    /// generated at start, printed once, and only requests from this machine are accepted.
    /// </summary>
    public string? Secret { get; set; }
}
