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
    public static string Render(CardModel card, Func<CardAction, string> formAction, IReadOnlyDictionary<string, string> hiddenFields)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(formAction);
        ArgumentNullException.ThrowIfNull(hiddenFields);

        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<article class=\"card tone-{ToneName(card.Tone)}\" data-post-id=\"{E(card.PostId)}\">");
        html.Append("<header>");
        html.Append(CultureInfo.InvariantCulture, $"<span class=\"source\">{E(card.SourceLabel)}</span> ");
        html.Append(CultureInfo.InvariantCulture, $"<span class=\"author\">{E(card.Author.Label)}</span> ");
        html.Append(CultureInfo.InvariantCulture, $"<span class=\"state\" data-state=\"{E(card.StateLabel)}\">{E(card.StateLabel)}</span>");
        foreach (var badge in card.Badges)
        {
            html.Append(CultureInfo.InvariantCulture, $" <span class=\"badge tone-{ToneName(badge.Tone)}\">{E(badge.Text)}</span>");
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

        if (card.Actions.Count > 0)
        {
            html.Append("<div class=\"actions\">");
            foreach (var action in card.Actions)
            {
                RenderAction(html, action, formAction(action), hiddenFields);
            }

            html.Append("</div>");
        }

        if (card.ConsoleUrl is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"open\"><a href=\"{E(card.ConsoleUrl)}\">Open</a></p>");
        }

        html.Append("</article>");
        return html.ToString();
    }

    private static void RenderAction(StringBuilder html, CardAction action, string target, IReadOnlyDictionary<string, string> hiddenFields)
    {
        html.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{E(target)}\" class=\"action action-{E(action.Id)}\">");
        foreach (var (name, value) in hiddenFields)
        {
            html.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{E(name)}\" value=\"{E(value)}\">");
        }

        foreach (var input in action.Inputs)
        {
            var id = $"{action.Id}-{input.Id}";
            html.Append(CultureInfo.InvariantCulture, $"<label for=\"{E(id)}\">{E(input.Label)}</label>");
            var required = input.Required ? " required" : "";
            if (input.Choices is { } choices)
            {
                html.Append(CultureInfo.InvariantCulture, $"<select id=\"{E(id)}\" name=\"{E(input.Id)}\"{required}>");
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
                html.Append(CultureInfo.InvariantCulture, $"<textarea id=\"{E(id)}\" name=\"{E(input.Id)}\" maxlength=\"{input.MaxLength}\" rows=\"4\" placeholder=\"{E(input.Placeholder ?? "")}\"{required}>{E(input.Initial ?? "")}</textarea>");
            }
            else
            {
                html.Append(CultureInfo.InvariantCulture, $"<input id=\"{E(id)}\" name=\"{E(input.Id)}\" maxlength=\"{input.MaxLength}\" value=\"{E(input.Initial ?? "")}\" placeholder=\"{E(input.Placeholder ?? "")}\"{required}>");
            }
        }

        html.Append(CultureInfo.InvariantCulture, $"<button type=\"submit\" class=\"style-{action.Style.ToString().ToLowerInvariant()}\" name=\"action\" value=\"{E(action.Id)}\">{E(action.Label)}</button>");
        html.Append("</form>");
    }

    private static string ToneName(CardTone tone) => tone.ToString().ToLowerInvariant();

    private static string E(string value) => Encoder.Encode(value);
}
