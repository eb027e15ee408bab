using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace ChatOpsReply.Cards;

/// <summary>
/// Renders a card as an HTML fragment for the web console. Every value is HTML-encoded,
/// so customer text can never become markup. Each action is its own small form.
/// </summary>
public static class HtmlCardRenderer
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    /// <param name="formAction">The URL a form for this action posts to.</param>
    /// <param name="hiddenFields">Fields every form carries (the anti-forgery token, a return path).</param>
    public static string Render(CardModel card, Func<CardAction, string> formAction, IReadOnlyDictionary<string, string> hiddenFields) =>
        Render(card, new HtmlCardOptions { FormAction = formAction, HiddenFields = hiddenFields });

    public static string Render(CardModel card, HtmlCardOptions options)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(options);

        // Ids unique on a page of many cards: every control of this card starts with the card's own.
        var id = IdOf(card.PostId);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<article class=\"card tone-{ToneName(card.Tone)}\" id=\"{id}\" data-post-id=\"{E(card.PostId)}\" aria-labelledby=\"{id}-title\">");
        html.Append("<header>");
        if (options.SelectForm is { } selectForm)
        {
            html.Append(CultureInfo.InvariantCulture, $"<input type=\"checkbox\" class=\"select\" form=\"{E(selectForm)}\" name=\"posts\" value=\"{E(card.PostId)}\" id=\"{id}-select\" aria-label=\"Select the post from {E(card.Author.Label)}\">");
        }

        html.Append(CultureInfo.InvariantCulture, $"<h3 class=\"card-title\" id=\"{id}-title\"><span class=\"source\">{E(card.SourceLabel)}</span> ");
        html.Append(CultureInfo.InvariantCulture, $"<span class=\"author\">{E(card.Author.Label)}</span></h3> ");
        html.Append(CultureInfo.InvariantCulture, $"<span class=\"state\" data-state=\"{E(card.StateLabel)}\">{E(card.StateLabel)}</span>");
        foreach (var badge in card.Badges)
        {
            html.Append(CultureInfo.InvariantCulture, $" <span class=\"badge tone-{ToneName(badge.Tone)}\">{E(badge.Text)}</span>");
        }

        if (options.Deadline is { } deadline)
        {
            // The server's words stand until app.js counts down from the due time.
            html.Append(CultureInfo.InvariantCulture, $" <span class=\"deadline\" data-due=\"{deadline.Due.ToUnixTimeMilliseconds()}\" data-limit=\"{(long)deadline.Limit.TotalMilliseconds}\" data-what=\"{E(deadline.What)}\" title=\"{E(deadline.What)} due {deadline.Due.UtcDateTime:yyyy-MM-dd HH:mm} UTC\">{E(deadline.What)} due {deadline.Due.UtcDateTime:HH:mm} UTC</span>");
        }

        html.Append("</header>");
        html.Append(CultureInfo.InvariantCulture, $"<blockquote class=\"post-text\">{E(card.Text)}</blockquote>");
        if (card.Url is not null && Uri.TryCreate(card.Url, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"post-link\"><a href=\"{E(url.AbsoluteUri)}\" rel=\"noopener noreferrer\" target=\"_blank\">View the original post</a></p>");
        }

        foreach (var note in card.FollowUps)
        {
            html.Append(CultureInfo.InvariantCulture, $"<blockquote class=\"follow-up\"><time datetime=\"{note.At:O}\">{note.At:yyyy-MM-dd HH:mm}</time> {E(note.Text)}</blockquote>");
        }

        if (card.Facts.Count > 0)
        {
            html.Append("<dl class=\"facts\">");
            foreach (var fact in card.Facts)
            {
                html.Append(CultureInfo.InvariantCulture, $"<dt>{E(fact.Label)}</dt><dd>{E(fact.Value)}</dd>");
            }

            html.Append("</dl>");
        }

        if (card.Draft is { } draft)
        {
            html.Append("<section class=\"draft\">");
            html.Append(CultureInfo.InvariantCulture, $"<h4>Reply drafted by {E(draft.DraftedBy)}{(draft.Status is null ? "" : " · " + E(draft.Status))}</h4>");
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"draft-text\">{E(draft.Text)}</p>");
            html.Append("</section>");
        }

        if (options.Refusal is { ActionId: null } whole)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"refusal\" role=\"alert\">{E(whole.Message)}</p>");
        }

        if (card.Actions.Count > 0)
        {
            html.Append("<div class=\"actions\">");
            foreach (var action in card.Actions)
            {
                RenderAction(html, id, action, options);
            }

            html.Append("</div>");
        }

        if (card.ConsoleUrl is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"open\"><a href=\"{E(card.ConsoleUrl)}\" aria-label=\"Open the post from {E(card.Author.Label)}\">Open</a></p>");
        }

        html.Append("</article>");
        return html.ToString();
    }

    private static void RenderAction(StringBuilder html, string cardId, CardAction action, HtmlCardOptions options)
    {
        var refusal = options.Refusal is { ActionId: { } refused } r && refused == action.Id ? r.Message : null;
        var confirmation = options.Confirmations.GetValueOrDefault(action.Id);
        if (confirmation is not null)
        {
            // Without a script too: the button opens a panel that says what it does and asks again.
            html.Append(CultureInfo.InvariantCulture, $"<details class=\"confirm confirm-{E(action.Id)}\"><summary class=\"style-{StyleName(action.Style)}\">{E(action.Label)}…</summary><p class=\"confirm-text\">{E(confirmation)}</p>");
        }

        var alertId = $"{cardId}-{E(action.Id)}-alert";
        html.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{E(options.FormAction(action))}\" class=\"action action-{E(action.Id)}\">");
        foreach (var (name, value) in options.HiddenFields)
        {
            html.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{E(name)}\" value=\"{E(value)}\">");
        }

        foreach (var input in action.Inputs)
        {
            var id = $"{cardId}-{E(action.Id)}-{E(input.Id)}";
            html.Append(CultureInfo.InvariantCulture, $"<label for=\"{id}\">{E(input.Label)}</label>");
            var required = input.Required ? " required" : "";
            var described = refusal is null ? "" : $" aria-describedby=\"{alertId}\" aria-invalid=\"true\"";
            if (input.Choices is { } choices)
            {
                html.Append(CultureInfo.InvariantCulture, $"<select id=\"{id}\" name=\"{E(input.Id)}\"{required}>");
                if (!input.Required)
                {
                    // A choice that may be left out starts empty, or the browser would send the first option.
                    html.Append(CultureInfo.InvariantCulture, $"<option value=\"\">{E(input.Placeholder ?? "")}</option>");
                }

                foreach (var choice in choices)
                {
                    var selected = choice.Value == input.Initial ? " selected" : "";
                    html.Append(CultureInfo.InvariantCulture, $"<option value=\"{E(choice.Value)}\"{selected}>{E(choice.Title)}</option>");
                }

                html.Append("</select>");
            }
            else if (input.Multiline)
            {
                if (options.DraftNote is { } note)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<p class=\"draft-note\">{E(note)}</p>");
                }

                var live = options.CheckUrl is { } check ? $" data-check-url=\"{E(check)}\" aria-describedby=\"{id}-check{(refusal is null ? "" : " " + alertId)}\"" : described;
                var save = options.DraftUrl is { } draft ? $" data-draft-url=\"{E(draft)}\"" : "";
                html.Append(CultureInfo.InvariantCulture, $"<textarea id=\"{id}\" name=\"{E(input.Id)}\" maxlength=\"{input.MaxLength}\" rows=\"4\" placeholder=\"{E(input.Placeholder ?? "")}\"{required}{live}{save}{(refusal is null ? "" : " aria-invalid=\"true\"")}>{E(input.Initial ?? "")}</textarea>");
                if (options.CheckUrl is not null)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<div class=\"reply-check\" id=\"{id}-check\" aria-live=\"polite\"></div>");
                }
            }
            else
            {
                html.Append(CultureInfo.InvariantCulture, $"<input id=\"{id}\" name=\"{E(input.Id)}\" maxlength=\"{input.MaxLength}\" value=\"{E(input.Initial ?? "")}\" placeholder=\"{E(input.Placeholder ?? "")}\"{required}{described}>");
            }
        }

        if (refusal is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"refusal\" role=\"alert\" id=\"{alertId}\">{E(refusal)}</p>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<button type=\"submit\" class=\"style-{StyleName(action.Style)}\" name=\"action\" value=\"{E(action.Id)}\">{E(action.Label)}</button>");
        html.Append("</form>");
        if (confirmation is not null)
        {
            html.Append("</details>");
        }
    }

    /// <summary>An HTML id for a post's card: letters, digits and dashes only.</summary>
    public static string IdOf(string postId)
    {
        ArgumentNullException.ThrowIfNull(postId);
        return "post-" + new string([.. postId.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '_')]);
    }

    private static string StyleName(CardActionStyle style) => style.ToString().ToLowerInvariant();

    private static string ToneName(CardTone tone) => tone.ToString().ToLowerInvariant();

    private static string E(string value) => Encoder.Encode(value);
}
