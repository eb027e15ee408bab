namespace ChatOpsReply.Posts;

/// <summary>The names of the fields a card action's input is sent back in, the same on every surface.</summary>
public static class CommandInputFields
{
    public const string Text = "text";
    public const string Comment = "comment";
    public const string AssignTo = "assignTo";
    public const string AnswerId = "answerId";

    /// <summary>Builds a command's input from the fields a surface received.</summary>
    public static CommandInput Read(Func<string, string?> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return new CommandInput
        {
            Text = Blank(field(Text)),
            Comment = Blank(field(Comment)),
            AssignTo = Blank(field(AssignTo)),
        };
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
