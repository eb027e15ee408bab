namespace ChatOpsReply.Posts;

/// <summary>The names of the fields a card action's input is sent back in, the same on every surface.</summary>
public static class CommandInputFields
{
    public const string Text = "text";
    public const string Comment = "comment";
    public const string AssignTo = "assignTo";
    public const string AnswerId = "answerId";
    public const string AnswerVersion = "answerVersion";

    /// <summary>
    /// Builds a command's input from the fields a surface received. A named library answer is
    /// only a claim here (not unmodified, not approved); the library verifies it before the workflow decides.
    /// </summary>
    public static CommandInput Read(Func<string, string?> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var answerId = Blank(field(AnswerId));
        return new CommandInput
        {
            Text = Blank(field(Text)),
            Comment = Blank(field(Comment)),
            AssignTo = Blank(field(AssignTo)),
            Answer = answerId is null
                ? null
                : new CannedAnswerUse(answerId, int.TryParse(field(AnswerVersion), System.Globalization.CultureInfo.InvariantCulture, out var version) ? version : 0, Unmodified: false, LegalApproved: false),
        };
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
