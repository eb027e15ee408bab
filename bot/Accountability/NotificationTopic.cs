namespace ChatOpsReply.Accountability;

/// <summary>What a person may be told about directly (a Slack DM, a Teams 1:1 chat), beyond the mentions in a card's thread.</summary>
public enum NotificationTopic
{
    /// <summary>Someone handed a post to them.</summary>
    HandedToYou,

    /// <summary>A post climbed to their tier: nobody claimed it, or its owner missed the reply.</summary>
    Escalated,

    /// <summary>A reply waits for their approval.</summary>
    Approval,

    /// <summary>Someone named them in an internal note.</summary>
    Mention,
}
