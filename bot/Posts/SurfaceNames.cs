namespace ChatOpsReply.Posts;

/// <summary>Where a command came from, as the audit trail records it; the chat surfaces are also outbox targets.</summary>
public static class SurfaceNames
{
    public const string Console = "console";
    public const string Slack = "slack";
    public const string Teams = "teams";

    /// <summary>An SLA timer that fired.</summary>
    public const string Timer = "timer";

    /// <summary>A customer message that arrived (a post or a follow-up).</summary>
    public const string Ingest = "ingest";

    /// <summary>A declared crisis's approved holding statement, sent to each of its posts.</summary>
    public const string Crisis = "crisis";

    /// <summary>The outbox or a platform's status callback, saying how a reply's delivery went.</summary>
    public const string Delivery = "delivery";
}
