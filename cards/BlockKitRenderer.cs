using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatOpsReply.Cards;

/// <summary>
/// Renders a card as Slack Block Kit: a channel message (<c>text</c> + <c>blocks</c>) and a modal
/// asking an action's inputs. Customer words go into plain_text objects, which Slack never
/// parses; everything in mrkdwn is escaped; every length is cut to Slack's limits.
/// </summary>
public static partial class BlockKitRenderer
{
    /// <summary>The block id of the notes under a modal's inputs (replaced by a live check).</summary>
    public const string NotesBlockId = "notes";

    // Slack: limits of blocks and elements, docs.slack.dev/reference/block-kit/blocks
    internal const int HeaderMax = 150;
    internal const int SectionTextMax = 3000;
    internal const int FieldMax = 2000;
    internal const int FieldsMax = 10;
    internal const int ActionsMax = 25;
    internal const int ButtonTextMax = 75;
    internal const int OptionMax = 75;
    internal const int OptionsMax = 100;
    internal const int ContextElementsMax = 10;
    internal const int ModalTitleMax = 24;
    internal const int PlaceholderMax = 150;
    internal const int InputMax = 3000;
    internal const int FallbackTextMax = 4000;

    /// <summary>Follow-ups shown on a message; older ones are counted, not shown, so a long thread keeps under 50 blocks.</summary>
    private const int FollowUpsShown = 5;

    /// <param name="lead">An optional first line (mrkdwn, already escaped), e.g. who asked for an approval.</param>
    /// <returns>The <c>text</c> and <c>blocks</c> of a chat.postMessage or chat.update body.</returns>
    public static JsonObject Message(CardModel card, string? lead = null)
    {
        ArgumentNullException.ThrowIfNull(card);
        var blocks = new JsonArray();
        if (!string.IsNullOrWhiteSpace(lead))
        {
            blocks.Add(Section(Markdown(Mrkdwn.Truncate(lead, SectionTextMax))));
        }

        blocks.Add(new JsonObject { ["type"] = "header", ["text"] = Plain(Mrkdwn.Truncate($"{card.SourceLabel} · {card.Author.Label}", HeaderMax)) });
        var status = new JsonArray { Markdown($"*{Mrkdwn.Escape(card.StateLabel, 500)}*") };
        foreach (var badge in card.Badges.Take(ContextElementsMax - 1))
        {
            status.Add(Markdown($"{ToneEmoji(badge.Tone)} {Mrkdwn.Escape(badge.Text, 500)}"));
        }

        blocks.Add(Context(status));
        blocks.Add(Section(Plain(Mrkdwn.Truncate(card.Text.Length == 0 ? " " : card.Text, SectionTextMax))));
        var hidden = card.FollowUps.Count - FollowUpsShown;
        if (hidden > 0)
        {
            blocks.Add(Context([Plain(hidden == 1 ? "1 earlier message from the customer" : $"{hidden} earlier messages from the customer")]));
        }

        foreach (var note in card.FollowUps.Skip(Math.Max(hidden, 0)))
        {
            blocks.Add(Context([Plain($"Then, {note.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC:")]));
            blocks.Add(Section(Plain(Mrkdwn.Truncate(note.Text.Length == 0 ? " " : note.Text, SectionTextMax))));
        }

        if (card.Facts.Count > 0)
        {
            var fields = new JsonArray();
            foreach (var fact in card.Facts.Take(FieldsMax))
            {
                var label = $"*{Mrkdwn.Escape(fact.Label, 100)}*\n";
                fields.Add(Markdown(label + Mrkdwn.Escape(fact.Value, FieldMax - label.Length)));
            }

            blocks.Add(new JsonObject { ["type"] = "section", ["fields"] = fields });
        }

        if (card.Draft is { } draft)
        {
            var heading = $"*Reply drafted by {Mrkdwn.Escape(draft.DraftedBy, 200)}*";
            if (draft.Status is { } draftStatus)
            {
                heading += " · " + Mrkdwn.Escape(draftStatus, 2000);
            }

            blocks.Add(Context([Markdown(heading)]));
            blocks.Add(Section(Plain(Mrkdwn.Truncate(draft.Text.Length == 0 ? " " : draft.Text, SectionTextMax))));
        }

        var links = new[] { Mrkdwn.Link(card.Url, "View the original post"), Mrkdwn.Link(card.ConsoleUrl, "Open in ChatOpsReply") }.OfType<string>().ToList();
        if (links.Count > 0)
        {
            blocks.Add(Context([Markdown(string.Join(" · ", links))]));
        }

        foreach (var chunk in card.Actions.Chunk(ActionsMax))
        {
            var buttons = new JsonArray();
            foreach (var action in chunk)
            {
                buttons.Add(Button(action, card.PostId));
            }

            blocks.Add(new JsonObject { ["type"] = "actions", ["elements"] = buttons });
        }

        var fallback = Mrkdwn.Notification($"{card.SourceLabel} post from {card.Author.Label} ({card.StateLabel}): {card.Text}", FallbackTextMax);
        return new JsonObject { ["text"] = fallback, ["blocks"] = blocks };
    }

    /// <summary>A modal asking the inputs of <paramref name="action"/>, any number of them, free text or choices.</summary>
    /// <returns>The <c>view</c> of a views.open or views.update body.</returns>
    public static JsonObject Modal(CardModel card, CardAction action, BlockKitModalOptions options)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(options);
        var blocks = new JsonArray
        {
            Context([Plain(Mrkdwn.Truncate($"{card.SourceLabel} · {card.Author.Label} · {card.StateLabel}", SectionTextMax))]),
            Section(Plain(Mrkdwn.Truncate(card.Text.Length == 0 ? " " : card.Text, SectionTextMax))),
        };
        if (card.Draft?.Status is { } status)
        {
            blocks.Add(Context([Markdown(Mrkdwn.Escape($"Current reply: {status}", SectionTextMax))]));
        }

        foreach (var input in action.Inputs)
        {
            blocks.Add(Input(input, options));
        }

        var written = options.Notes.Where(n => !string.IsNullOrWhiteSpace(n)).Take(ContextElementsMax).ToList();
        if (written.Count > 0)
        {
            var notes = new JsonArray();
            foreach (var note in written)
            {
                notes.Add(Markdown(Mrkdwn.Escape(note, SectionTextMax)));
            }

            var block = Context(notes);
            block["block_id"] = NotesBlockId;
            blocks.Add(block);
        }

        // Slack: modal title, submit and close are plain_text of at most 24 characters, docs.slack.dev/reference/views/modal-views
        return new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = options.CallbackId,
            ["private_metadata"] = options.PrivateMetadata,
            ["title"] = Plain(Mrkdwn.Truncate(Nonblank(action.Label, action.Id), ModalTitleMax)),
            ["submit"] = Plain(Mrkdwn.Truncate(Nonblank(action.Label, action.Id), ModalTitleMax)),
            ["close"] = Plain("Cancel"),
            ["blocks"] = blocks,
        };
    }

    /// <summary>Options an external select asked for, in the order given, as many as Slack shows.</summary>
    /// <returns>The answer to a <c>block_suggestion</c> request.</returns>
    public static JsonObject Options(IEnumerable<CardChoice> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var list = new JsonArray();
        foreach (var choice in choices.Where(c => c.Value.Length > 0).Take(OptionsMax))
        {
            list.Add(Option(choice));
        }

        // Slack: a block_suggestion is answered with {"options": [...]}, at most 100, docs.slack.dev/reference/interaction-payloads/block_suggestion-payload
        return new JsonObject { ["options"] = list };
    }

    private static JsonObject Input(CardInput input, BlockKitModalOptions options)
    {
        JsonObject element;
        // Slack: typed input survives views.update only under the same block_id and action_id, docs.slack.dev/reference/views/modal-views
        var actionId = options.Revision == 0 ? input.Id : $"{input.Id}.{options.Revision}";
        var external = options.ExternalSelects.Contains(input.Id);
        if (external)
        {
            // Slack: external_select asks the app's options URL for options when it opens (min_query_length 0) and as the person types, docs.slack.dev/reference/block-kit/block-elements/select-menu-element#external_select
            element = new JsonObject { ["type"] = "external_select", ["action_id"] = actionId, ["min_query_length"] = 0 };
            if (input.Choices?.FirstOrDefault(c => c.Value.Length > 0 && c.Value == input.Initial) is { } chosen)
            {
                element["initial_option"] = Option(chosen);
            }
        }
        else if (input.Choices?.Where(c => c.Value.Length > 0).ToList() is { Count: > 0 } choices)
        {
            var list = new JsonArray();
            JsonObject? initial = null;
            foreach (var choice in choices.Take(OptionsMax))
            {
                var option = Option(choice);
                list.Add(option);
                if (choice.Value == input.Initial)
                {
                    initial = Option(choice);
                }
            }

            element = new JsonObject { ["type"] = "static_select", ["action_id"] = actionId, ["options"] = list };
            if (initial is not null)
            {
                element["initial_option"] = initial;
            }
        }
        else
        {
            element = new JsonObject
            {
                ["type"] = "plain_text_input",
                ["action_id"] = actionId,
                ["multiline"] = input.Multiline,
                ["max_length"] = Math.Clamp(input.MaxLength, 1, InputMax),
            };
            if (input.Initial is { Length: > 0 } initial)
            {
                element["initial_value"] = Mrkdwn.Truncate(initial, Math.Clamp(input.MaxLength, 1, InputMax));
            }

            if (options.LiveCheckInput == input.Id)
            {
                // Slack: dispatch_action_config sends block_actions while typing, docs.slack.dev/reference/block-kit/composition-objects/dispatch-action-configuration-object
                element["dispatch_action_config"] = new JsonObject { ["trigger_actions_on"] = new JsonArray("on_character_entered") };
            }
        }

        if (input.Placeholder is { Length: > 0 } placeholder)
        {
            element["placeholder"] = Plain(Mrkdwn.Truncate(placeholder, PlaceholderMax));
        }

        var block = new JsonObject
        {
            ["type"] = "input",
            ["block_id"] = input.Id,
            ["label"] = Plain(Mrkdwn.Truncate(Nonblank(input.Label, input.Id), FieldMax)),
            ["optional"] = !input.Required,
            ["element"] = element,
        };
        // Slack: dispatch_action on an input block sends block_actions when its element is used, docs.slack.dev/reference/block-kit/blocks/input-block
        if (external || (options.LiveCheckInput == input.Id && element["type"]?.GetValue<string>() == "plain_text_input"))
        {
            block["dispatch_action"] = true;
        }

        return block;
    }

    private static JsonObject Button(CardAction action, string postId)
    {
        // Slack: button text ≤ 75, value ≤ 2000, action_id unique in the message, docs.slack.dev/reference/block-kit/block-elements/button-element
        var button = new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = action.Id,
            ["text"] = Plain(Mrkdwn.Truncate(Nonblank(action.Label, action.Id), ButtonTextMax)),
            ["value"] = postId,
        };
        if (action.Style != CardActionStyle.Default)
        {
            button["style"] = action.Style == CardActionStyle.Danger ? "danger" : "primary";
        }

        return button;
    }

    private static JsonObject Option(CardChoice choice) =>
        new() { ["text"] = Plain(Mrkdwn.Truncate(Nonblank(choice.Title, choice.Value), OptionMax)), ["value"] = Mrkdwn.Truncate(choice.Value, OptionMax) };

    /// <summary>Slack refuses empty texts: a blank label falls back to something that names the thing.</summary>
    private static string Nonblank(string text, string fallback) => string.IsNullOrWhiteSpace(text) ? fallback : text;

    private static JsonObject Section(JsonObject text) => new() { ["type"] = "section", ["text"] = text };

    private static JsonObject Context(JsonArray elements) => new() { ["type"] = "context", ["elements"] = elements };

    /// <summary>Text Slack shows exactly as given: no mentions, links or formatting.</summary>
    private static JsonObject Plain(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = false };

    /// <summary>mrkdwn whose raw URLs and names are not turned into links or mentions (verbatim).</summary>
    private static JsonObject Markdown(string text) => new() { ["type"] = "mrkdwn", ["text"] = text, ["verbatim"] = true };

    private static string ToneEmoji(CardTone tone) => tone switch
    {
        CardTone.Attention => ":rotating_light:",
        CardTone.Warning => ":warning:",
        CardTone.Good => ":white_check_mark:",
        _ => ":small_blue_diamond:",
    };
}
