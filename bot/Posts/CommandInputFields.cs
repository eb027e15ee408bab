using System.Globalization;

namespace ChatOpsReply.Posts;

/// <summary>The names of the fields a card action's input is sent back in, the same on every surface.</summary>
public static class CommandInputFields
{
    public const string Text = "text";
    public const string Comment = "comment";
    public const string AssignTo = "assignTo";
    public const string AnswerId = "answerId";
    public const string AnswerVersion = "answerVersion";

    /// <summary>Check and resend: what the owner found (<see cref="NotThere"/> or <see cref="Arrived"/>).</summary>
    public const string Checked = "checked";

    public const string NotThere = "not-there";
    public const string Arrived = "arrived";

    /// <summary>
    /// Builds a trigger's input from the fields a surface received. A named library answer is
    /// only a claim here (not unmodified, not approved); the library verifies it before the workflow decides.
    /// </summary>
    public static TriggerInput Read(PostTrigger trigger, Func<string, string?> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var comment = Blank(field(Comment));
        return trigger switch
        {
            PostTrigger.SubmitDraft => new DraftInput(Blank(field(Text)), Answer(field)) { Comment = comment },
            PostTrigger.Reassign => new HandOverInput(Blank(field(AssignTo))) { Comment = comment },
            PostTrigger.Resend => new ResendInput(Blank(field(Checked)) switch { NotThere => ResendCheck.NotThere, Arrived => ResendCheck.Arrived, _ => null }) { Comment = comment },
            PostTrigger.RecordConsent => new ConsentInput(null) { Comment = comment },
            _ => new CommentInput { Comment = comment },
        };
    }

    private static CannedAnswerUse? Answer(Func<string, string?> field) =>
        Blank(field(AnswerId)) is { } answerId
            ? new CannedAnswerUse(answerId, int.TryParse(field(AnswerVersion), CultureInfo.InvariantCulture, out var version) ? version : 0, Unmodified: false, LegalApproved: false)
            : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
