


namespace ChatOpsReply.Slack;

/// <summary>The fields of a slash command ChatOpsReply reads (the same over HTTP and Socket Mode).</summary>
public sealed record SlashCommandRequest(string Command, string Text, string UserId, string? ChannelId, string? TriggerId)
{
    /// <summary>Reads the documented field names from any source of fields (a form, a Socket Mode payload).</summary>
    // Slack: slash command fields command, text, user_id, channel_id, trigger_id, docs.slack.dev/interactivity/implementing-slash-commands
    public static SlashCommandRequest Read(Func<string, string?> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return new SlashCommandRequest(field("command") ?? "", field("text") ?? "", field("user_id") ?? "", field("channel_id"), field("trigger_id"));
    }
}
