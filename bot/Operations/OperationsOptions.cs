namespace ChatOpsReply.Operations;

/// <summary>The "Operations" section: who may read readiness and metrics.</summary>
public sealed class OperationsOptions
{
    public const string Section = "Operations";

    /// <summary>
    /// A bearer token scrapers and load balancers send (<c>Authorization: Bearer …</c>) for
    /// /readyz and /metrics from another machine; without it they answer on loopback only.
    /// </summary>
    public string? ScrapeToken { get; set; }
}
