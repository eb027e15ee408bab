using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace ChatOpsReply.Cards;

/// <summary>
/// Renders a card as an Adaptive Card for Microsoft Teams: schema 1.5, buttons as
/// <c>Action.Execute</c> (each with an <c>Action.Submit</c> fallback for older clients), a
/// <c>refresh</c> so each listed person's client fetches the card with their own buttons, and
/// the whole card kept under <see cref="AdaptiveCardView.MaxBytes"/> by cutting long texts.
/// Customer words go into TextRuns, which are never read as markdown.
/// </summary>
public static partial class AdaptiveCardRenderer
{
    // Teams: keep a card under 28 KB, the strictest published limit, msteams-docs bots/how-to/rate-limit and format-your-bot-messages.
    public const int MaxCardBytes = 28 * 1024;

    // Teams: refresh.userIds holds at most 60 user MRIs, msteams-docs Universal-actions-for-adaptive-cards/Work-with-Universal-Actions-for-Adaptive-Cards.
    public const int MaxRefreshUsers = 60;

    /// <summary>The verb of the card's refresh action: "show me my version of this card".</summary>
    public const string RefreshVerb = "refresh";

    /// <summary>The data field every action carries the post id in.</summary>
    public const string PostIdField = "postId";

    /// <summary>The data field an <c>Action.Submit</c> fallback carries its action (trigger) in; <c>Action.Execute</c> carries it as its verb too.</summary>
    public const string ActionField = "action";

    // Adaptive Cards: the reference host config allows 5 actions per set (Teams allows 6), adaptivecards ActionsConfig.maxActions.
    private const int ActionsPerSet = 5;
    private const int MaxFollowUps = 5;
    private const int MaxChoices = 100;

    // Adaptive Cards: Input.ChoiceSet style "filtered" (type-ahead) is 1.5 and honoured by Teams, adaptivecards.io/explorer/Input.ChoiceSet.html.
    private const int FilteredFromChoices = 6;

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>The id of an action's input in the card; unique across the card, as Adaptive Cards require.</summary>
    public static string InputId(string actionId, string inputId) => actionId + "." + inputId;

    public static string Serialize(JsonNode card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return card.ToJsonString(Json);
    }

    /// <summary>Size of the card as UTF-8 JSON, the measure the limits are stated in.</summary>
    public static int Size(JsonNode card) => Encoding.UTF8.GetByteCount(Serialize(card));

    public static JsonObject Render(CardModel card, AdaptiveCardView view)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(view);
        var lengths = FreeTextLengths(card);
        if (lengths.Sum(length => (long)length) <= view.MaxBytes)
        {
            var whole = Build(card, view, int.MaxValue);
            if (Size(whole) <= view.MaxBytes)
            {
                return whole;
            }
        }

        // Too large: find the longest cut of the free texts that still fits. A text cut to n characters
        // takes between n and 6n bytes of JSON (\uXXXX escapes), which brackets the search.
        var shortest = Build(card, view, 0);
        var budget = view.MaxBytes - Size(shortest);
        if (budget <= 0)
        {
            return shortest;
        }

        var (low, high) = (CutWithin(lengths, budget, bytesPerChar: 6), CutWithin(lengths, budget, bytesPerChar: 1));
        var best = Build(card, view, low);
        if (Size(best) > view.MaxBytes)
        {
            (best, high) = (shortest, low - 1);
            low = 0;
        }
        else
        {
            low++;
        }

        while (low <= high)
        {
            var cut = low + ((high - low) / 2);
            var candidate = Build(card, view, cut);
            if (Size(candidate) <= view.MaxBytes)
            {
                best = candidate;
                low = cut + 1;
            }
            else
            {
                high = cut - 1;
            }
        }

        return best;
    }

    /// <summary>The customer's text, the shown follow-ups and the draft: what gets cut when a card is too large.</summary>
    private static List<int> FreeTextLengths(CardModel card) =>
        [card.Text.Length, card.Draft?.Text.Length ?? 0, .. card.FollowUps.TakeLast(MaxFollowUps).Select(f => f.Text.Length)];

    /// <summary>The longest cut at which the texts take at most <paramref name="budget"/> bytes at the given bytes per character.</summary>
    private static int CutWithin(List<int> lengths, int budget, int bytesPerChar)
    {
        var (low, high) = (0, lengths.Max());
        while (low < high)
        {
            var cut = low + ((high - low + 1) / 2);
            if (lengths.Sum(length => (long)Math.Min(length, cut)) * bytesPerChar <= budget)
            {
                low = cut;
            }
            else
            {
                high = cut - 1;
            }
        }

        return low;
    }

    private static JsonObject Build(CardModel card, AdaptiveCardView view, int textCap)
    {
        var cut = false;
        string Cut(string text)
        {
            if (text.Length <= textCap)
            {
                return text;
            }

            cut = true;
            var length = textCap > 0 && char.IsHighSurrogate(text[textCap - 1]) ? textCap - 1 : textCap;
            return text[..length].TrimEnd() + "…";
        }

        var body = new JsonArray();
        if (view.Notice is { Length: > 0 } notice)
        {
            body.Add(TextBlock(AdaptiveCardMarkdown.Escape(notice), weight: "Bolder", color: "Accent"));
        }

        body.Add(Header(card));
        body.Add(RichText(Run(Cut(card.Text))));
        AddFollowUps(body, card, Cut);
        if (card.Facts.Count > 0)
        {
            body.Add(new JsonObject
            {
                ["type"] = "FactSet",
                ["facts"] = new JsonArray([.. card.Facts.Select(f => (JsonNode)new JsonObject { ["title"] = AdaptiveCardMarkdown.Escape(f.Label), ["value"] = AdaptiveCardMarkdown.Escape(f.Value) })]),
            });
        }

        if (card.Draft is { } draft)
        {
            var heading = $"Reply drafted by {draft.DraftedBy}" + (draft.Status is null ? "" : $" · {draft.Status}");
            body.Add(new JsonObject
            {
                ["type"] = "Container",
                ["style"] = "emphasis",
                ["items"] = new JsonArray(TextBlock(AdaptiveCardMarkdown.Escape(heading), weight: "Bolder"), RichText(Run(Cut(draft.Text)))),
            });
        }

        if (cut)
        {
            body.Add(TextBlock(card.ConsoleUrl is { } url && Link(url) is { } link
                ? $"Long text is cut short on this card. [Read all of it in the console]({link})"
                : "Long text is cut short on this card: read all of it in the ChatOpsReply console.", isSubtle: true));
        }

        var actions = card.Actions.Select(a => Action(card, a)).OfType<JsonObject>().ToList();
        for (var i = 0; i < actions.Count; i += ActionsPerSet)
        {
            body.Add(new JsonObject { ["type"] = "ActionSet", ["actions"] = new JsonArray([.. actions.Skip(i).Take(ActionsPerSet)]) });
        }

        var result = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            // Teams: renders schema 1.5 and earlier; Action.Execute and refresh need 1.4, msteams-docs cards-reference.
            ["version"] = "1.5",
            // Adaptive Cards: refresh.action is an Action.Execute fetched per listed user, adaptive-cards universal-action-model#refresh-mechanism.
            ["refresh"] = new JsonObject
            {
                ["action"] = new JsonObject
                {
                    ["type"] = "Action.Execute",
                    ["title"] = "Refresh",
                    ["verb"] = RefreshVerb,
                    ["data"] = new JsonObject { [PostIdField] = card.PostId },
                },
                ["userIds"] = new JsonArray([.. view.RefreshUserIds.Distinct(StringComparer.Ordinal).Take(MaxRefreshUsers).Select(id => (JsonNode)JsonValue.Create(id))]),
            },
            ["body"] = body,
        };
        var links = Links(card);
        if (links.Count > 0)
        {
            result["actions"] = links;
        }

        // Teams: msteams.width "Full" lets the card use the message's width, msteams-docs cards-format#full-width-adaptive-card.
        result["msteams"] = new JsonObject { ["width"] = "Full" };
        return result;
    }

    private static JsonObject Header(CardModel card)
    {
        var items = new JsonArray(
            TextBlock(AdaptiveCardMarkdown.Escape($"{card.SourceLabel} · {card.StateLabel}"), weight: "Bolder", size: "Medium"),
            RichText(Run(card.Author.Label, weight: "Bolder")));
        if (card.Badges.Count > 0)
        {
            var runs = new List<JsonNode>();
            foreach (var badge in card.Badges)
            {
                if (runs.Count > 0)
                {
                    runs.Add(Run(" · "));
                }

                runs.Add(Run(badge.Text, weight: "Bolder", color: Color(badge.Tone)));
            }

            items.Add(RichText([.. runs]));
        }

        return new JsonObject { ["type"] = "Container", ["style"] = ContainerStyle(card.Tone), ["items"] = items };
    }

    private static void AddFollowUps(JsonArray body, CardModel card, Func<string, string> cut)
    {
        var shown = card.FollowUps.Skip(Math.Max(0, card.FollowUps.Count - MaxFollowUps)).ToList();
        if (card.FollowUps.Count > shown.Count)
        {
            var earlier = card.FollowUps.Count - shown.Count;
            body.Add(TextBlock(earlier == 1 ? "1 earlier message from the customer is in the console." : $"{earlier} earlier messages from the customer are in the console.", isSubtle: true));
        }

        foreach (var note in shown)
        {
            body.Add(new JsonObject
            {
                ["type"] = "Container",
                ["separator"] = true,
                ["items"] = new JsonArray(
                    TextBlock(AdaptiveCardMarkdown.Escape(string.Create(CultureInfo.InvariantCulture, $"They wrote again · {note.At.UtcDateTime:yyyy-MM-dd HH:mm} UTC")), isSubtle: true),
                    RichText(Run(cut(note.Text)))),
            });
        }
    }

    /// <summary>A button; one that needs input opens a small form under the card first. Null when it cannot be completed.</summary>
    private static JsonObject? Action(CardModel card, CardAction action)
    {
        if (action.Inputs.Count == 0)
        {
            return Execute(card, action);
        }

        var inputs = new JsonArray();
        foreach (var input in action.Inputs)
        {
            if (input.Choices is { Count: 0 } && input.Required)
            {
                // Nobody to choose: the action could never be sent.
                return null;
            }

            inputs.Add(Input(action, input));
        }

        var form = new JsonObject
        {
            ["type"] = "Action.ShowCard",
            ["title"] = action.Label,
            ["card"] = new JsonObject
            {
                ["type"] = "AdaptiveCard",
                ["body"] = inputs,
                ["actions"] = new JsonArray(Execute(card, action)),
            },
        };
        AddStyle(form, action.Style);
        return form;
    }

    private static JsonObject Execute(CardModel card, CardAction action)
    {
        var execute = new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = action.Label,
            ["verb"] = action.Id,
            ["data"] = Data(card, action),
        };
        AddStyle(execute, action.Style);
        // Teams: clients without Universal Actions take the Action.Submit fallback, msteams-docs Work-with-Universal-Actions-for-Adaptive-Cards#backward-compatibility.
        var fallback = new JsonObject { ["type"] = "Action.Submit", ["title"] = action.Label, ["data"] = Data(card, action) };
        AddStyle(fallback, action.Style);
        execute["fallback"] = fallback;
        return execute;
    }

    private static JsonObject Data(CardModel card, CardAction action) => new() { [PostIdField] = card.PostId, [ActionField] = action.Id };

    private static JsonObject Input(CardAction action, CardInput input)
    {
        var element = new JsonObject
        {
            ["type"] = input.Choices is null ? "Input.Text" : "Input.ChoiceSet",
            ["id"] = InputId(action.Id, input.Id),
            // Adaptive Cards: an input's label is plain text, never markdown, adaptivecards.io/explorer/Input.Text.html: escaping would show the backslashes.
            ["label"] = input.Label,
        };
        if (input.Choices is { } choices)
        {
            element["choices"] = new JsonArray([.. choices.Take(MaxChoices).Select(c => (JsonNode)new JsonObject { ["title"] = c.Title, ["value"] = c.Value })]);
            element["style"] = choices.Count >= FilteredFromChoices ? "filtered" : "compact";
        }
        else
        {
            element["isMultiline"] = input.Multiline;
            element["maxLength"] = input.MaxLength;
        }

        if (input.Initial is { Length: > 0 } initial)
        {
            element["value"] = initial;
        }

        if (input.Placeholder is { Length: > 0 } placeholder)
        {
            element["placeholder"] = placeholder;
        }

        if (input.Required)
        {
            element["isRequired"] = true;
            element["errorMessage"] = input.Choices is null ? $"{input.Label}: please fill this in." : $"{input.Label}: please choose one.";
        }

        return element;
    }

    private static JsonArray Links(CardModel card)
    {
        var links = new JsonArray();
        if (card.ConsoleUrl is { } console && Link(console) is { } consoleLink)
        {
            links.Add(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Open in the console", ["url"] = consoleLink });
        }

        if (card.Url is { } original && Link(original) is { } originalLink)
        {
            links.Add(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = $"Open on {card.SourceLabel}", ["url"] = originalLink });
        }

        return links;
    }

    /// <summary>Only web links, with parentheses encoded so a markdown link cannot be closed early.</summary>
    private static string? Link(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.AbsoluteUri.Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal)
            : null;

    private static void AddStyle(JsonObject action, CardActionStyle style)
    {
        var name = style switch
        {
            CardActionStyle.Primary => "positive",
            CardActionStyle.Danger => "destructive",
            _ => null,
        };
        if (name is not null)
        {
            action["style"] = name;
        }
    }

    /// <summary>A TextBlock of markdown: escape whatever in it people typed (<see cref="AdaptiveCardMarkdown.Escape"/>).</summary>
    public static JsonObject TextBlock(string markdown, string? weight = null, string? size = null, string? color = null, bool isSubtle = false)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = markdown, ["wrap"] = true };
        if (weight is not null)
        {
            block["weight"] = weight;
        }

        if (size is not null)
        {
            block["size"] = size;
        }

        if (color is not null)
        {
            block["color"] = color;
        }

        if (isSubtle)
        {
            block["isSubtle"] = true;
        }

        return block;
    }

    // Adaptive Cards: a TextRun does not support markdown, adaptivecards.io/explorer/TextRun.html.
    private static JsonObject Run(string text, string? weight = null, string? color = null)
    {
        var run = new JsonObject { ["type"] = "TextRun", ["text"] = text };
        if (weight is not null)
        {
            run["weight"] = weight;
        }

        if (color is not null)
        {
            run["color"] = color;
        }

        return run;
    }

    private static JsonObject RichText(params JsonNode[] runs) => new() { ["type"] = "RichTextBlock", ["inlines"] = new JsonArray(runs) };

    private static string ContainerStyle(CardTone tone) => tone switch
    {
        CardTone.Good => "good",
        CardTone.Attention => "attention",
        CardTone.Warning => "warning",
        _ => "default",
    };

    private static string Color(CardTone tone) => tone switch
    {
        CardTone.Good => "Good",
        CardTone.Attention => "Attention",
        CardTone.Warning => "Warning",
        _ => "Default",
    };
}
