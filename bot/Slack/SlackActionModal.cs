using System.Text.Json;
using ChatOpsReply.Cards;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Slack;

/// <summary>
/// The modal that asks an action's inputs (a reply, a reason, a person): what it asks, the
/// lines under its inputs, and the state it carries in <c>private_metadata</c>. Opened by a
/// button, redrawn as the person types or chooses, submitted as the action.
/// </summary>
public sealed class SlackActionModal(SlackAnswers answers)
{
    /// <summary>The modal's callback id.</summary>
    public const string CallbackId = "chatopsreply.action";

    public const string DraftHint = "Your reply is checked against the house rules as you type.";

    private static readonly IReadOnlySet<string> AnswerSelect = new HashSet<string> { CommandInputFields.AnswerId };

    /// <summary>The state of one of our modals, or null for any other view.</summary>
    public static SlackModalState? StateOf(JsonElement view) =>
        SlackPayload.String(view, "callback_id") == CallbackId ? SlackModalState.Parse(SlackPayload.String(view, "private_metadata")) : null;

    /// <summary>What the modal asks for an action: the draft also offers the library's answers.</summary>
    public async Task<CardAction> AskedAsync(CustomerPost post, CardAction action, CancellationToken cancellationToken) =>
        action.Id == nameof(PostTrigger.SubmitDraft) ? await answers.DraftAsync(post, action, cancellationToken: cancellationToken).ConfigureAwait(false) : action;

    public static BlockKitModalOptions Options(SlackModalState state, IReadOnlyList<string> notes)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new(CallbackId, state.Serialize())
        {
            LiveCheckInput = state.Action == nameof(PostTrigger.SubmitDraft) ? CommandInputFields.Text : null,
            ExternalSelects = state.Action == nameof(PostTrigger.SubmitDraft) ? AnswerSelect : new HashSet<string>(),
            Revision = state.Revision,
            Notes = notes,
        };
    }
}
