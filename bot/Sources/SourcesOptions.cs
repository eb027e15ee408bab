namespace ChatOpsReply.Sources;

/// <summary>The "Sources" section: inbound webhooks.</summary>
public sealed class SourcesOptions
{
    public const string Section = "Sources";

    public GenericSourceOptions Generic { get; set; } = new();
}
