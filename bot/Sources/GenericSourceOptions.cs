namespace ChatOpsReply.Sources;

public sealed class GenericSourceOptions
{
    /// <summary>
    /// The HMAC secret senders sign <c>POST /api/posts</c> with. When empty, a secret is
    /// generated once and kept in <see cref="SecretFile"/>, and only requests from this machine are accepted.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>Where a generated secret is kept (readable by the service's user only), beside the database by default.</summary>
    public string SecretFile { get; set; } = "data/generic-webhook-secret";

    /// <summary>
    /// Where approved replies to posts no connected platform takes are POSTed, signed like
    /// inbound posts with <see cref="Secret"/>, and retried until the receiver answers 2xx.
    /// </summary>
    public Uri? ReplyUrl { get; set; }

    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
