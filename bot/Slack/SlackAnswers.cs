using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json;
using System.Text;
using ChatOpsReply.Accountability;
using ChatOpsReply.Cards;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Library.Search;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Slack;

/// <summary>
/// The approved-answer library in Slack: <c>/replies answers &lt;words&gt;</c>, the answer select of
/// the draft modal (its options served from the in-process index as the person types), and the
/// reply filled in from the chosen answer for the post and the person replying. Only approved
/// answers are offered: what frontline staff pick is what managers (and legal) signed off.
/// </summary>
public sealed class SlackAnswers(AnswerLibrary library, IPostStore store, ConsoleLinks links)
{
    /// <summary>Answers one <c>/replies answers</c> lists.</summary>
    public const int Listed = 8;

    /// <summary>Options one answer select offers at a time; typing narrows them.</summary>
    public const int Offered = 25;

    /// <summary>
    /// The options of the answer select: with nothing typed, the best answers for the post (its
    /// words, queue and source), else every approved answer for its queue by title; with words,
    /// the search for them within the post's queue and source.
    /// </summary>
    public async Task<JsonObject> OptionsAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        // Slack: block_suggestion carries block_id, the typed value and the modal's view, docs.slack.dev/reference/interaction-payloads/block_suggestion-payload
        if (SlackPayload.String(payload, "block_id") != CommandInputFields.AnswerId)
        {
            return BlockKitRenderer.Options([]);
        }

        var state = SlackModalState.Parse(SlackPayload.String(SlackPayload.Property(payload, "view") ?? default, "private_metadata"));
        var post = state is null ? null : await PostOrNullAsync(state.PostId, cancellationToken).ConfigureAwait(false);
        var typed = SlackPayload.String(payload, "value");
        var found = string.IsNullOrWhiteSpace(typed) && post is not null ? library.SuggestFor(post, Offered) : [];
        if (found.Count == 0)
        {
            found = await library.SearchAsync(typed, For(post), Offered, cancellationToken).ConfigureAwait(false);
        }

        return BlockKitRenderer.Options(found.Select(a => new CardChoice(a.Id, a.Title)));
    }

    /// <summary>
    /// The draft action as a modal asks it: the answer select above the reply, when any approved
    /// answer suits the post (or one was chosen); with a chosen answer, the reply starts as it.
    /// </summary>
    public async Task<CardAction> DraftAsync(CustomerPost post, CardAction draft, CannedAnswer? chosen = null, string? text = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(draft);
        var offered = draft.Inputs.FirstOrDefault(i => i.Id == CommandInputFields.AnswerId);
        if (offered is null && chosen is null && !await library.AnyAsync(For(post), cancellationToken).ConfigureAwait(false))
        {
            return draft;
        }

        var select = (offered ?? new CardInput(CommandInputFields.AnswerId, ActionInputs.AnswerChoiceLabel) { Required = false }) with { Placeholder = "Type to search the library" };
        if (chosen is not null)
        {
            select = select with { Choices = [new CardChoice(chosen.Id, chosen.Title)], Initial = chosen.Id };
        }

        var rest = draft.Inputs.Where(i => i.Id != CommandInputFields.AnswerId).Select(i => text is not null && i.Id == CommandInputFields.Text ? i with { Initial = text } : i);
        return draft with { Inputs = [select, .. rest] };
    }

    /// <summary>
    /// The draft with the chosen answer filled in for the post and the person replying, or with a
    /// reason it cannot be used (then the draft is as it was).
    /// </summary>
    public async Task<(CardAction Draft, string? Filled, string? Problem)> FillAsync(CustomerPost post, Person person, CardAction draft, string? answerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        var answer = string.IsNullOrEmpty(answerId) ? null : await library.GetAsync(answerId, cancellationToken).ConfigureAwait(false);
        if (answer is not { Status: AnswerStatus.Approved })
        {
            return (await DraftAsync(post, draft, cancellationToken: cancellationToken).ConfigureAwait(false), null, "That answer is no longer approved: choose another one.");
        }

        var rendering = AnswerLibrary.RenderFor(answer, post, person);
        return (await DraftAsync(post, draft, answer, rendering.Draft, cancellationToken).ConfigureAwait(false), rendering.Draft, rendering.Message);
    }

    /// <summary>What <c>/replies answers &lt;words&gt;</c> shows: the best approved answers, for the channel's queue when it has one.</summary>
    public async Task<string> ListAsync(string words, Queue? queue, string command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (words.Trim().Length == 0)
        {
            return $"Say what the customer asks about, for example `{Mrkdwn.Escape(command)} answers refund damaged`.";
        }

        var scope = queue is null ? "" : $" for {Mrkdwn.Escape(queue.DisplayName)}";
        var found = await library.SearchAsync(words, new AnswerFilters { Queue = queue?.Name, Statuses = AnswerFilters.ApprovedOnly }, Listed + 1, cancellationToken).ConfigureAwait(false);
        if (found.Count == 0)
        {
            return $"No approved answer{scope} matches \"{Mrkdwn.Escape(words, 100)}\". Try fewer or other words.";
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"*Approved answers{scope}* for \"{Mrkdwn.Escape(words, 100)}\":");
        foreach (var answer in found.Take(Listed))
        {
            var link = Mrkdwn.Link(links.Answer(answer.Id), "open");
            text.AppendLine(CultureInfo.InvariantCulture, $"• *{Mrkdwn.Escape(answer.Title, 150)}*{(answer.LegalApproved ? " · approved by legal" : "")}{(link is null ? "" : " · " + link)}");
            text.AppendLine(CultureInfo.InvariantCulture, $"   {Mrkdwn.Escape(answer.Text)}");
        }

        if (found.Count > Listed)
        {
            text.AppendLine("…and more: add a word to narrow it down.");
        }

        text.Append(CultureInfo.InvariantCulture, $"To use one, click *{PostLabels.Button(PostTrigger.SubmitDraft)}* on the post and choose it under _{ActionInputs.AnswerChoiceLabel}_: it is filled in for the customer.");
        return text.ToString();
    }

    private static AnswerFilters For(CustomerPost? post) =>
        new() { Queue = post?.Queue, Source = post?.Source, Statuses = AnswerFilters.ApprovedOnly };

    /// <summary>The post, or null when it is gone or the store does not answer: the options must come back quickly either way.</summary>
    private async Task<CustomerPost?> PostOrNullAsync(string postId, CancellationToken cancellationToken)
    {
        try
        {
            return await store.GetAsync(postId, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException)
        {
            return null;
        }
    }
}
