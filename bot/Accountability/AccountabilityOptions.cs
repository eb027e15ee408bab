namespace ChatOpsReply.Accountability;

/// <summary>The "Accountability" section: people, queues with their chains, sensitivity and crisis.</summary>
public sealed class AccountabilityOptions
{
    public const string Section = "Accountability";

    public List<PersonOptions> People { get; set; } = [];

    /// <summary>Queues in the order routing tries them; the first that matches a post takes it.</summary>
    public List<QueueOptions> Queues { get; set; } = [];

    /// <summary>The queue for posts no queue's rules match; the first queue when empty.</summary>
    public string? DefaultQueue { get; set; }

    public List<SensitivityOptions> Sensitivities { get; set; } = [];

    public CrisisOptions Crisis { get; set; } = new();
}
