namespace ChatOpsReply.Slack;

/// <summary>
/// What someone typed after the slash command, split into a verb and its argument:
/// <c>/replies queue billing</c> is ("queue", "billing"). An empty text is "help".
/// </summary>
public sealed record SlashCommandText(string Verb, string Argument)
{
    public static SlashCommandText Parse(string? text)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
        {
            return new SlashCommandText("help", "");
        }

        var space = trimmed.IndexOfAny([' ', '\t', '\n']);
        return space < 0
            ? new SlashCommandText(trimmed.ToLowerInvariant(), "")
            : new SlashCommandText(trimmed[..space].ToLowerInvariant(), trimmed[(space + 1)..].Trim());
    }
}
