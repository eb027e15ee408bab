using ChatOpsReply.Accountability;
using System.Text.Json;
using ChatOpsReply.Cards;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Slack;

/// <summary>
/// An input used inside an open action modal: typing in the reply asks for a live guideline
/// check, choosing a library answer fills the reply in. Either redraws the modal once the
/// acknowledgement is gone.
/// </summary>
public sealed partial class SlackModalRedraws(
    IPostStore store,
    PostCardBuilder cards,
    LiveReplyCheck checks,
    SlackPeople people,
    SlackWebApi slack,
    SlackFollowUps followUps,
    SlackAnswers answers,
    SlackActionModal modal,
    ILogger<SlackModalRedraws> logger)
{
    public void Handle(JsonElement payload)
    {
        if (SlackPayload.Property(payload, "actions") is not { ValueKind: JsonValueKind.Array } actions || actions.GetArrayLength() == 0)
        {
            return;
        }

        var action = actions[0];
        // Slack: an action in a modal names its input block in block_id (action ids change with the modal's revision), docs.slack.dev/reference/interaction-payloads/block_actions-payload
        switch (SlackPayload.String(action, "block_id"))
        {
            case CommandInputFields.Text:
                LiveCheck(payload, SlackPayload.String(action, "value"));
                break;
            case CommandInputFields.AnswerId:
                AnswerChosen(payload, SlackPayload.String(action, "selected_option", "value"));
                break;
        }
    }

    /// <summary>Typing in the draft's text asks for a live guideline check: the modal is redrawn with the result.</summary>
    private void LiveCheck(JsonElement payload, string? text) =>
        Redraw(payload, "live check", keepNewer: true, async (post, offered, state, _, ct) =>
            new Redrawn(await modal.AskedAsync(post, offered, ct).ConfigureAwait(false), FindingLines.Of(await checks.CheckAsync(post, text, ct).ConfigureAwait(false), text), state));

    /// <summary>
    /// Choosing a library answer fills the reply in with it, personalised for the post and the
    /// person, and checks it; a placeholder nobody can fill is named. The inputs move to a new
    /// revision, or Slack would keep what was typed before.
    /// </summary>
    private void AnswerChosen(JsonElement payload, string? answerId) =>
        // The choice is the person's latest word: no hash, so a live check still in flight cannot stop it.
        Redraw(payload, "answer chosen", keepNewer: false, async (post, offered, state, person, ct) =>
        {
            var (draft, filled, problem) = await answers.FillAsync(post, person, offered, answerId, ct).ConfigureAwait(false);
            IReadOnlyList<string> notes = problem is not null ? [$"✗ {problem}"] : FindingLines.Of(await checks.CheckAsync(post, filled, ct).ConfigureAwait(false), filled);
            return new Redrawn(draft, notes, filled is null ? state : state with { Revision = state.Revision + 1 });
        });

    /// <summary>Redraws an open modal after the person used one of its inputs, once the acknowledgement is gone.</summary>
    /// <param name="keepNewer">Send the view's hash, so a redraw never overwrites a newer view.</param>
    private void Redraw(JsonElement payload, string what, bool keepNewer, Func<CustomerPost, CardAction, SlackModalState, Person, CancellationToken, Task<Redrawn>> redraw)
    {
        var view = SlackPayload.Property(payload, "view") ?? default;
        var state = SlackActionModal.StateOf(view);
        var viewId = SlackPayload.String(view, "id");
        if (state is null || viewId is null)
        {
            return;
        }

        var hash = keepNewer ? SlackPayload.String(view, "hash") : null;
        var userId = SlackPayload.String(payload, "user", "id") ?? "";
        followUps.Enqueue(what, async ct =>
        {
            var post = await store.GetAsync(state.PostId, ct).ConfigureAwait(false);
            var person = await people.FindAsync(userId, ct).ConfigureAwait(false);
            if (post is null || person is null || cards.Build(post, person) is not { } card || card.Actions.FirstOrDefault(a => a.Id == state.Action) is not { } offered)
            {
                return;
            }

            var redrawn = await redraw(post, offered, state, person, ct).ConfigureAwait(false);
            // Slack: passing the hash makes a stale update fail (hash_conflict) instead of overwriting a newer one, docs.slack.dev/reference/methods/views.update
            var updated = await slack.UpdateViewAsync(viewId, hash, BlockKitRenderer.Modal(card, redrawn.Action, SlackActionModal.Options(redrawn.State, redrawn.Notes)), ct).ConfigureAwait(false);
            if (!updated.Ok && updated.Error.Code != "hash_conflict")
            {
                LogModalFailed(post.Id, updated.Error.ToString());
            }
        });
    }

    /// <summary>A modal redrawn: the action it asks, the lines under it, and its state.</summary>
    private readonly record struct Redrawn(CardAction Action, IReadOnlyList<string> Notes, SlackModalState State);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack modal for post {PostId} failed to redraw: {Error}")]
    private partial void LogModalFailed(string postId, string error);
}
