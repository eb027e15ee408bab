using System.Globalization;
using System.Text.Encodings.Web;
using System.Text;
using ChatOpsReply.Accountability;
using ChatOpsReply.Cards;
using ChatOpsReply.Posts;

namespace ChatOpsReply.WebConsole;

/// <summary>The console's HTML. Every value goes through the encoder; cards come from <see cref="HtmlCardRenderer"/>.</summary>
internal static class ConsolePages
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    /// <summary>What every page needs to render its forms.</summary>
    public sealed record PageContext(Person? Viewer, IReadOnlyList<Person> People, bool DemoIdentities, string AntiforgeryField, string AntiforgeryToken, string Path, string? Notice);

    public static string Layout(PageContext page, string title, string body)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(title)} · ChatOpsReply</title>
            <link rel="stylesheet" href="/console/app.css">
            <script src="/console/app.js" defer></script>
            </head>
            <body>
            <header class="top">
            <a class="brand" href="/console">ChatOpsReply</a>
            <nav class="sections"><a href="/console">Posts</a> <a href="/console/library">Answer library</a></nav>
            """);
        html.Append(IdentityPicker(page));
        html.Append("</header><main>");
        if (page.Notice is { Length: > 0 } notice)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"notice\" role=\"status\">{E(notice)}</p>");
        }

        html.Append(body);
        html.Append("</main></body></html>");
        return html.ToString();
    }

    public static string Dashboard(PageContext page, IReadOnlyList<Queue> queues, string? selectedQueue, bool showClosed, IReadOnlyList<CardModel> needsYou, IReadOnlyList<CardModel> cards, IReadOnlyDictionary<string, int> openCounts)
    {
        var html = new StringBuilder();
        if (page.Viewer is null)
        {
            html.Append("<p class=\"hint\">Choose who you are (top right) to claim, draft, approve and send replies.</p>");
        }
        else if (needsYou.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<section class=\"needs-you\"><h2>Needs you ({needsYou.Count})</h2>");
            foreach (var card in needsYou)
            {
                html.Append(Card(page, card));
            }

            html.Append("</section>");
        }

        html.Append("<nav class=\"queues\">");
        html.Append(QueueLink("All", null, selectedQueue is null && !showClosed, openCounts.Values.Sum()));
        foreach (var queue in queues)
        {
            html.Append(QueueLink(queue.DisplayName, queue.Name, selectedQueue == queue.Name && !showClosed, openCounts.GetValueOrDefault(queue.Name)));
        }

        html.Append(CultureInfo.InvariantCulture, $"<a href=\"/console?closed=1{(selectedQueue is null ? "" : "&amp;queue=" + E(selectedQueue))}\" class=\"{(showClosed ? "current" : "")}\">Done</a>");
        html.Append("</nav>");

        var heading = (selectedQueue is null ? "All queues" : queues.FirstOrDefault(q => q.Name == selectedQueue)?.DisplayName ?? selectedQueue) + (showClosed ? " · done" : "");
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"posts\"><h2>{E(heading)}</h2>");
        if (cards.Count == 0)
        {
            html.Append("<p class=\"empty\">Nothing here.</p>");
        }

        foreach (var card in cards)
        {
            html.Append(Card(page, card));
        }

        html.Append("</section>");
        return Layout(page, "Posts", html.ToString());
    }

    public static string Post(PageContext page, CardModel card, IReadOnlyList<AuditEvent> trail, PeopleDirectory people, IReadOnlyList<SentReply> replies, IReadOnlyList<(DateTimeOffset At, string Text)> wholeMessages)
    {
        var html = new StringBuilder();
        html.Append("<p><a href=\"/console\">← All posts</a></p>");
        html.Append(Card(page, card with { ConsoleUrl = null }));
        html.Append(WholeMessages(wholeMessages));
        html.Append(LibraryConsolePages.SentReplies(page, card.PostId, replies, people));
        html.Append("<section class=\"history\"><h2>History</h2><table><thead><tr><th>When (UTC)</th><th>Who</th><th>What</th><th>State</th><th>Where</th><th>Comment</th></tr></thead><tbody>");
        foreach (var e in trail)
        {
            var state = e.From is { } from && from != e.To ? $"{PostLabels.State(from)} → {PostLabels.State(e.To)}" : PostLabels.State(e.To);
            var what = PostLabels.PastTense(e.Action);
            var comment = string.Join(" · ", new[] { e.Comment, e.Detail }.Where(s => !string.IsNullOrWhiteSpace(s)));
            html.Append(CultureInfo.InvariantCulture, $"<tr data-action=\"{e.Action}\"><td><time datetime=\"{e.At:O}\">{e.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}</time></td><td>{E(people.NameOf(e.ActorId) is var n && n != e.ActorId ? n : e.ActorName)}</td><td>{E(what)}</td><td>{E(state)}</td><td>{E(e.Surface)}</td><td>{E(comment)}</td></tr>");
        }

        html.Append("</tbody></table></section>");
        return Layout(page, $"{card.SourceLabel} post from {card.Author.Handle}", html.ToString());
    }

    /// <summary>Messages the card shows trimmed (an e-mail's quoted history), in full, each folded away.</summary>
    private static string WholeMessages(IReadOnlyList<(DateTimeOffset At, string Text)> messages)
    {
        if (messages.Count == 0)
        {
            return "";
        }

        var html = new StringBuilder("<section class=\"whole-messages\"><h2>Whole messages</h2>");
        foreach (var (at, text) in messages)
        {
            html.Append(CultureInfo.InvariantCulture, $"<details class=\"whole-message\"><summary>The message of <time datetime=\"{at:O}\">{at.UtcDateTime:yyyy-MM-dd HH:mm}</time> UTC, with what it quoted</summary><pre class=\"post-text\">{E(text)}</pre></details>");
        }

        return html.Append("</section>").ToString();
    }

    public static string NotFound(PageContext page) =>
        Layout(page, "Not found", "<h2>That post does not exist.</h2><p><a href=\"/console\">Back to all posts</a></p>");

    private static string Card(PageContext page, CardModel card) => HtmlCardRenderer.Render(
        card,
        // A fresh key per rendered button: submitting the same form twice is applied once.
        action => $"/console/posts/{Uri.EscapeDataString(card.PostId)}/actions?key={Guid.NewGuid():N}",
        new Dictionary<string, string>
        {
            [page.AntiforgeryField] = page.AntiforgeryToken,
            ["returnTo"] = page.Path,
        });

    private static string IdentityPicker(PageContext page)
    {
        if (!page.DemoIdentities)
        {
            return page.Viewer is null ? "" : $"<span class=\"viewer\">{E(page.Viewer.Name)}</span>";
        }

        var html = new StringBuilder();
        html.Append("<form class=\"identity\" method=\"post\" action=\"/console/identity\">");
        html.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{E(page.AntiforgeryField)}\" value=\"{E(page.AntiforgeryToken)}\">");
        html.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"returnTo\" value=\"{E(page.Path)}\">");
        html.Append("<label for=\"person\">Acting as</label> <select id=\"person\" name=\"person\">");
        if (page.Viewer is null)
        {
            html.Append("<option value=\"\" selected>nobody (read only)</option>");
        }

        foreach (var person in page.People.OrderBy(p => p.Name, StringComparer.CurrentCulture))
        {
            var selected = person.Id == page.Viewer?.Id ? " selected" : "";
            var roles = string.Join(", ", person.Roles.Order(StringComparer.Ordinal));
            html.Append(CultureInfo.InvariantCulture, $"<option value=\"{E(person.Id)}\"{selected}>{E(person.Name)} ({E(roles)})</option>");
        }

        html.Append("</select> <button type=\"submit\">Switch</button></form>");
        return html.ToString();
    }

    private static string QueueLink(string label, string? queue, bool current, int open) =>
        $"<a href=\"/console{(queue is null ? "" : "?queue=" + E(Uri.EscapeDataString(queue)))}\" class=\"{(current ? "current" : "")}\">{E(label)} <span class=\"count\">{open}</span></a>";

    private static string E(string value) => Encoder.Encode(value);
}
