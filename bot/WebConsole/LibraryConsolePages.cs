using System.Globalization;
using System.Text.Encodings.Web;
using System.Text;
using ChatOpsReply.Library.Curation;
using ChatOpsReply.Library.ImportExport;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Library.Replies;
using ChatOpsReply.Library.Search;
using ChatOpsReply.Accountability;
using ChatOpsReply.Posts;
using DiffPlex.Chunkers;
using DiffPlex.DiffBuilder.Model;
using DiffPlex.DiffBuilder;

namespace ChatOpsReply.WebConsole;

/// <summary>The console's library pages. Every value goes through the encoder.</summary>
internal static class LibraryConsolePages
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;
    private static readonly WordChunker Words = new();

    /// <summary>What a list page was asked for, echoed back into its search form.</summary>
    public sealed record ListQuery(string? Q, string? Queue, string? Source, string? Language, string? Tag, string? Status);

    public static string List(ConsolePages.PageContext page, ListQuery query, IReadOnlyList<CannedAnswer> answers, IReadOnlyDictionary<string, AnswerUsage> usage, AccountabilityPolicy policy, IReadOnlyList<ImportError>? importErrors = null)
    {
        var html = new StringBuilder();
        var curator = page.Viewer is { } viewer && LibraryCuration.MayCurate(viewer);
        html.Append("<section class=\"library\"><h2>Answer library</h2>");
        html.Append("<form class=\"library-search\" method=\"get\" action=\"/console/library\">");
        html.Append(CultureInfo.InvariantCulture, $"<input type=\"search\" name=\"q\" aria-label=\"Search answers\" placeholder=\"Search titles, text and tags\" value=\"{E(query.Q ?? "")}\">");
        html.Append("<select name=\"queue\" aria-label=\"Queue\"><option value=\"\">Any queue</option>");
        foreach (var queue in policy.Queues)
        {
            html.Append(Option(queue.Name, queue.DisplayName, query.Queue));
        }

        html.Append("</select><select name=\"status\" aria-label=\"Status\">");
        foreach (var (value, label) in new[] { ("", "Approved and drafts"), ("approved", "Approved"), ("draft", "Drafts"), ("retired", "Retired"), ("all", "All") })
        {
            html.Append(Option(value, label, query.Status ?? ""));
        }

        html.Append("</select>");
        html.Append(CultureInfo.InvariantCulture, $"<input name=\"tag\" aria-label=\"Tag\" placeholder=\"tag\" size=\"10\" value=\"{E(query.Tag ?? "")}\">");
        html.Append(CultureInfo.InvariantCulture, $"<input name=\"source\" aria-label=\"Source\" placeholder=\"source\" size=\"8\" value=\"{E(query.Source ?? "")}\">");
        html.Append(CultureInfo.InvariantCulture, $"<input name=\"language\" aria-label=\"Language\" placeholder=\"language\" size=\"6\" value=\"{E(query.Language ?? "")}\">");
        html.Append("<button type=\"submit\">Search</button></form>");

        html.Append("<p class=\"library-tools\">");
        if (curator)
        {
            html.Append("<a class=\"button\" href=\"/console/library/new\">New answer</a> ");
        }

        if (page.Viewer is not null)
        {
            html.Append("Export: <a href=\"/console/library/export.json\" download>JSON</a> · <a href=\"/console/library/export.csv\" download>CSV</a>");
        }

        html.Append("</p>");
        if (curator)
        {
            html.Append("<form class=\"library-import\" method=\"post\" action=\"/console/library/import\" enctype=\"multipart/form-data\">");
            html.Append(Hidden(page.AntiforgeryField, page.AntiforgeryToken));
            html.Append("<label for=\"import-file\">Import answers (JSON or CSV)</label> <input id=\"import-file\" type=\"file\" name=\"file\" accept=\".json,.csv,application/json,text/csv\" required> <button type=\"submit\">Import</button></form>");
        }

        if (importErrors is { Count: > 0 })
        {
            html.Append(CultureInfo.InvariantCulture, $"<section class=\"import-errors\" role=\"alert\"><h3>Nothing was imported: {importErrors.Count} problem{(importErrors.Count == 1 ? "" : "s")}</h3><ul>");
            foreach (var error in importErrors)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{E(error.ToString())}</li>");
            }

            html.Append("</ul></section>");
        }

        if (answers.Count == 0)
        {
            html.Append("<p class=\"empty\">No answers match.</p>");
        }
        else
        {
            html.Append("<table class=\"answers\"><thead><tr><th>Answer</th><th>Status</th><th>Tags</th><th>Queues</th><th>Version</th><th>Used</th><th>Last used</th></tr></thead><tbody>");
            foreach (var answer in answers)
            {
                var used = usage.GetValueOrDefault(answer.Id) ?? AnswerUsage.None;
                html.Append(CultureInfo.InvariantCulture, $"<tr data-answer-id=\"{E(answer.Id)}\"><td><a href=\"/console/library/{E(Uri.EscapeDataString(answer.Id))}\">{E(answer.Title)}</a><div class=\"answer-preview-line\">{E(AnswerSuggestion.Preview(answer.Body))}</div></td>");
                html.Append(CultureInfo.InvariantCulture, $"<td>{Status(answer)}</td><td>{E(string.Join(", ", answer.Tags))}</td><td>{E(answer.Queues.Count == 0 ? "all" : string.Join(", ", answer.Queues))}</td>");
                html.Append(CultureInfo.InvariantCulture, $"<td>{answer.Version}</td><td class=\"usage\">{used.Count}</td><td>{Time(used.LastUsedAt)}</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        html.Append("</section>");
        return ConsolePages.Layout(page, "Answer library", html.ToString());
    }

    /// <summary>One answer: what it says for a sample customer, its history with changes marked, and (for curators) the editor.</summary>
    public static string Answer(ConsolePages.PageContext page, CannedAnswer answer, IReadOnlyList<CannedAnswer> history, AnswerUsage usage, AccountabilityPolicy policy, AnswerDocument? form = null, IReadOnlyDictionary<string, string[]>? errors = null, AnswerRendering? preview = null)
    {
        var html = new StringBuilder();
        var people = policy.People;
        html.Append("<p><a href=\"/console/library\">← Answer library</a></p>");
        html.Append(CultureInfo.InvariantCulture, $"<article class=\"answer\" data-answer-id=\"{E(answer.Id)}\" data-version=\"{answer.Version}\"><header><h2>{E(answer.Title)}</h2> {Status(answer)}</header>");
        html.Append("<dl class=\"facts\">");
        html.Append(Fact("Id", answer.Id));
        html.Append(Fact("Version", $"{answer.Version} · {answer.Change} by {people.NameOf(answer.ChangedBy)}, {Time(answer.ChangedAt)}"));
        html.Append(Fact("Owner", people.NameOf(answer.Owner)));
        if (answer.ApprovedBy is { } approvedBy && answer.Status == AnswerStatus.Approved)
        {
            html.Append(Fact("Approved", $"by {people.NameOf(approvedBy)}, {Time(answer.ApprovedAt)}"));
        }

        html.Append(Fact("Legal", answer.LegalApproval is { } legal && answer.Status == AnswerStatus.Approved
            ? $"approved by {people.NameOf(legal.By)}, {Time(legal.At)}"
            : answer.NeedsLegal ? "needs legal's approval" : "not marked legal"));
        html.Append(Fact("Tags", answer.Tags.Count == 0 ? "none" : string.Join(", ", answer.Tags)));
        html.Append(Fact("Suits", $"{(answer.Queues.Count == 0 ? "every queue" : string.Join(", ", answer.Queues))} · {(answer.Sources.Count == 0 ? "every source" : string.Join(", ", answer.Sources))} · {answer.Language}"));
        html.Append(Fact("Used", usage.Count == 0 ? "never" : $"{usage.Count} time{(usage.Count == 1 ? "" : "s")}, last {Time(usage.LastUsedAt)}"));
        if (answer.ProposedFrom is { } from)
        {
            html.Append(Fact("Proposed from", from));
        }

        html.Append("</dl>");
        html.Append(Preview(preview ?? SampleRendering(answer, page.Viewer), page.Viewer, form is null ? "Preview" : "Preview of your changes"));
        html.Append("<div class=\"actions\">");
        if (page.Viewer is { } viewer)
        {
            if (answer.Status != AnswerStatus.Approved && LibraryCuration.MayApprove(viewer, answer, policy))
            {
                html.Append(Step(page, answer, "approve", answer.NeedsLegal ? "Approve (legal)" : "Approve", "style-primary"));
            }

            if (answer.Status != AnswerStatus.Retired && LibraryCuration.MayCurate(viewer))
            {
                html.Append(Step(page, answer, "retire", "Retire", ""));
            }
        }

        html.Append("</div></article>");
        if (page.Viewer is { } editor && LibraryCuration.MayCurate(editor))
        {
            html.Append(Editor(page, $"/console/library/{Uri.EscapeDataString(answer.Id)}", form ?? AnswerDocument.Of(answer), errors, policy, answer.Version));
        }

        html.Append(History(history, people));
        return ConsolePages.Layout(page, answer.Title, html.ToString());
    }

    public static string New(ConsolePages.PageContext page, AccountabilityPolicy policy, AnswerDocument? form = null, IReadOnlyDictionary<string, string[]>? errors = null, AnswerRendering? preview = null)
    {
        var html = new StringBuilder();
        html.Append("<p><a href=\"/console/library\">← Answer library</a></p><h2>New answer</h2>");
        if (preview is not null)
        {
            html.Append(Preview(preview, page.Viewer, "Preview"));
        }

        html.Append(Editor(page, "/console/library", form ?? new AnswerDocument { Body = "Hi {customer.name}, " }, errors, policy, version: null));
        return ConsolePages.Layout(page, "New answer", html.ToString());
    }

    public static string NotFound(ConsolePages.PageContext page) =>
        ConsolePages.Layout(page, "Not found", "<h2>That answer does not exist.</h2><p><a href=\"/console/library\">Back to the library</a></p>");

    /// <summary>The post page's sent replies, each with "Save as answer" for signed-in people.</summary>
    public static string SentReplies(ConsolePages.PageContext page, string postId, IReadOnlyList<SentReply> replies, PeopleDirectory people)
    {
        if (replies.Count == 0)
        {
            return "";
        }

        var html = new StringBuilder("<section class=\"sent-replies\"><h2>Sent replies</h2><ol>");
        for (var i = 0; i < replies.Count; i++)
        {
            var reply = replies[i];
            html.Append(CultureInfo.InvariantCulture, $"<li><blockquote>{E(reply.Text)}</blockquote><p class=\"hint\">{E(people.NameOf(reply.SentBy))}, {Time(reply.At)}{(reply.Answer is { } a ? $" · from answer {E(a.AnswerId)} v{a.Version}" : "")}</p>");
            if (page.Viewer is not null)
            {
                html.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"/console/posts/{E(Uri.EscapeDataString(postId))}/replies/{i + 1}/answer\" class=\"save-as-answer\">");
                html.Append(Hidden(page.AntiforgeryField, page.AntiforgeryToken));
                html.Append("<button type=\"submit\">Save as answer</button></form>");
            }

            html.Append("</li>");
        }

        return html.Append("</ol></section>").ToString();
    }

    /// <summary>The answer filled in for a sample customer, with the person looking as the agent.</summary>
    public static AnswerRendering SampleRendering(CannedAnswer answer, Person? viewer) =>
        AnswerPersonalisation.RenderFor(answer, SamplePost, viewer ?? SampleAgent);

    private static readonly CustomerPost SamplePost = new()
    {
        Id = "preview",
        Source = "x",
        ExternalId = "preview",
        Author = new PostAuthor("@ana", "Ana Lopez"),
        Text = "",
        Url = "https://x.com/ana/status/1",
        ReceivedAt = DateTimeOffset.UnixEpoch,
        Queue = "",
    };

    private static readonly Person SampleAgent = new("preview", "Alex Agent", new HashSet<string>());

    private static string Preview(AnswerRendering rendering, Person? viewer, string heading)
    {
        var html = new StringBuilder("<section class=\"answer-preview\">");
        html.Append(CultureInfo.InvariantCulture, $"<h3>{E(heading)}</h3><p class=\"hint\">For Ana Lopez (@ana) on X, replied by {E(viewer?.Name ?? SampleAgent.Name)}.</p>");
        html.Append(CultureInfo.InvariantCulture, $"<blockquote class=\"rendered\">{E(rendering.Draft)}</blockquote>");
        if (rendering.Message is { } message)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"missing\" role=\"alert\">{E(message)}</p>");
        }

        return html.Append("</section>").ToString();
    }

    private static string Editor(ConsolePages.PageContext page, string action, AnswerDocument form, IReadOnlyDictionary<string, string[]>? errors, AccountabilityPolicy policy, int? version)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"answer-editor\"><h3>{(version is null ? "Write it" : "Edit")}</h3><form class=\"answer-edit\" method=\"post\" action=\"{E(action)}\">");
        html.Append(Hidden(page.AntiforgeryField, page.AntiforgeryToken));
        if (version is { } v)
        {
            html.Append(Hidden("version", v.ToString(CultureInfo.InvariantCulture)));
        }
        else
        {
            html.Append(Field("id", "Id (optional: made from the title)", $"<input id=\"answer-id\" name=\"id\" value=\"{E(form.Id ?? "")}\" pattern=\"[a-z0-9][a-z0-9-]*\">", errors));
        }

        html.Append(Field("title", "Title", $"<input id=\"answer-title\" name=\"title\" value=\"{E(form.Title ?? "")}\" maxlength=\"{AnswerValidation.MaxTitleLength}\" required>", errors));
        html.Append(Field("body", "Text ({customer.name}, {customer.handle}, {agent.name}, {post.url}, or your own placeholders)", $"<textarea id=\"answer-body\" name=\"body\" rows=\"6\" maxlength=\"{AnswerValidation.MaxBodyLength}\" required>{E(form.Body ?? "")}</textarea>", errors));
        var placeholders = string.Join("\n", (form.Placeholders ?? new Dictionary<string, string?>()).Select(p => p.Value is null ? p.Key : $"{p.Key}={p.Value}"));
        html.Append(Field("placeholders", "Placeholders, one per line: name=default (no default: it must be filled in)", $"<textarea id=\"answer-placeholders\" name=\"placeholders\" rows=\"2\">{E(placeholders)}</textarea>", errors));
        html.Append(Field("tags", "Tags, separated by commas", $"<input id=\"answer-tags\" name=\"tags\" value=\"{E(string.Join(", ", form.Tags ?? []))}\">", errors));
        var queues = new StringBuilder("<span class=\"choices\">");
        foreach (var queue in policy.Queues)
        {
            var chosen = form.Queues?.Contains(queue.Name, StringComparer.OrdinalIgnoreCase) == true ? " checked" : "";
            queues.Append(CultureInfo.InvariantCulture, $"<label><input type=\"checkbox\" name=\"queues\" value=\"{E(queue.Name)}\"{chosen}> {E(queue.DisplayName)}</label> ");
        }

        html.Append(Field("queues", "Queues it suits (none: all)", queues.Append("</span>").ToString(), errors));
        html.Append(Field("sources", "Sources it suits, separated by commas (empty: all)", $"<input id=\"answer-sources\" name=\"sources\" value=\"{E(string.Join(", ", form.Sources ?? []))}\">", errors));
        html.Append(Field("language", "Language", $"<input id=\"answer-language\" name=\"language\" value=\"{E(form.Language ?? "en")}\" size=\"6\">", errors));
        html.Append(Field("legal", "Legal", $"<label><input type=\"checkbox\" name=\"legal\" value=\"true\"{(form.Legal == true ? " checked" : "")}> Marked legal: only legal may approve it</label>", errors));
        var owners = new StringBuilder("<select id=\"answer-owner\" name=\"owner\"><option value=\"\">me</option>");
        foreach (var person in policy.People.All.OrderBy(p => p.Name, StringComparer.CurrentCulture))
        {
            owners.Append(Option(person.Id, person.Name, form.Owner));
        }

        html.Append(Field("owner", "Owner", owners.Append("</select>").ToString(), errors));
        html.Append("<p class=\"buttons\"><button type=\"submit\" name=\"intent\" value=\"preview\">Preview</button> <button type=\"submit\" name=\"intent\" value=\"save\" class=\"style-primary\">Save</button></p>");
        return html.Append("</form></section>").ToString();
    }

    /// <summary>Every version, newest first, each with what changed from the one before.</summary>
    private static string History(IReadOnlyList<CannedAnswer> history, PeopleDirectory people)
    {
        var html = new StringBuilder("<section class=\"answer-history\"><h3>History</h3><ol reversed>");
        for (var i = history.Count - 1; i >= 0; i--)
        {
            var version = history[i];
            var before = i > 0 ? history[i - 1] : null;
            html.Append(CultureInfo.InvariantCulture, $"<li data-version=\"{version.Version}\"><p><strong>Version {version.Version}</strong> · {E(version.Change)} · {E(people.NameOf(version.ChangedBy))} · {Time(version.ChangedAt)}</p>");
            if (before is not null)
            {
                if (before.Title != version.Title)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<p class=\"diff\">Title: {Diff(before.Title, version.Title)}</p>");
                }

                if (before.Body != version.Body)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<p class=\"diff diff-body\">{Diff(before.Body, version.Body)}</p>");
                }

                var changes = new List<string>();
                Compare(changes, "tags", before.Tags, version.Tags);
                Compare(changes, "queues", before.Queues, version.Queues);
                Compare(changes, "sources", before.Sources, version.Sources);
                Compare(changes, "placeholders", [.. before.Placeholders.Select(p => $"{p.Name}={p.Default}")], [.. version.Placeholders.Select(p => $"{p.Name}={p.Default}")]);
                if (before.Language != version.Language)
                {
                    changes.Add($"language {before.Language} → {version.Language}");
                }

                if (before.NeedsLegal != version.NeedsLegal)
                {
                    changes.Add(version.NeedsLegal ? "marked legal" : "no longer marked legal");
                }

                if (before.Owner != version.Owner)
                {
                    changes.Add($"owner {people.NameOf(before.Owner)} → {people.NameOf(version.Owner)}");
                }

                if (before.Status != version.Status)
                {
                    changes.Add($"{AnswerDocument.StatusName(before.Status)} → {AnswerDocument.StatusName(version.Status)}");
                }

                if (changes.Count > 0)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<p class=\"hint\">{E(string.Join("; ", changes))}</p>");
                }
            }
            else
            {
                html.Append(CultureInfo.InvariantCulture, $"<p class=\"diff diff-body\">{E(version.Body)}</p>");
            }

            html.Append("</li>");
        }

        return html.Append("</ol></section>").ToString();
    }

    /// <summary>Word by word: removed words struck through, added ones underlined.</summary>
    private static string Diff(string before, string after)
    {
        var html = new StringBuilder();
        foreach (var piece in InlineDiffBuilder.Diff(before, after, ignoreWhiteSpace: false, ignoreCase: false, Words).Lines)
        {
            var text = E(piece.Text ?? "");
            html.Append(piece.Type switch
            {
                ChangeType.Inserted => $"<ins>{text}</ins>",
                ChangeType.Deleted => $"<del>{text}</del>",
                _ => text,
            });
        }

        return html.ToString();
    }

    private static void Compare(List<string> changes, string what, IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        if (!before.SequenceEqual(after))
        {
            changes.Add($"{what} {(before.Count == 0 ? "none" : string.Join(", ", before))} → {(after.Count == 0 ? "none" : string.Join(", ", after))}");
        }
    }

    private static string Step(ConsolePages.PageContext page, CannedAnswer answer, string step, string label, string style) =>
        $"<form method=\"post\" action=\"/console/library/{E(Uri.EscapeDataString(answer.Id))}/{step}\" class=\"action action-{step}\">{Hidden(page.AntiforgeryField, page.AntiforgeryToken)}{Hidden("version", answer.Version.ToString(CultureInfo.InvariantCulture))}<button type=\"submit\" class=\"{style}\" value=\"{step}\">{E(label)}</button></form>";

    private static string Field(string name, string label, string control, IReadOnlyDictionary<string, string[]>? errors)
    {
        var problems = errors?.GetValueOrDefault(name) ?? [];
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"field field-{name}\"><label for=\"answer-{name}\">{E(label)}</label>{control}");
        foreach (var problem in problems)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"field-error\" role=\"alert\">{E(problem)}</p>");
        }

        return html.Append("</div>").ToString();
    }

    private static string Status(CannedAnswer answer)
    {
        var status = AnswerDocument.StatusName(answer.Status);
        var legal = answer.IsLegalApproved ? " <span class=\"badge legal\">legal approved</span>" : answer.NeedsLegal ? " <span class=\"badge legal\">legal</span>" : "";
        return $"<span class=\"answer-status status-{status}\">{E(status)}</span>{legal}";
    }

    private static string Fact(string label, string value) => $"<dt>{E(label)}</dt><dd>{E(value)}</dd>";

    private static string Option(string value, string label, string? selected) =>
        $"<option value=\"{E(value)}\"{(string.Equals(value, selected, StringComparison.OrdinalIgnoreCase) ? " selected" : "")}>{E(label)}</option>";

    private static string Hidden(string name, string value) => $"<input type=\"hidden\" name=\"{E(name)}\" value=\"{E(value)}\">";

    private static string Time(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "–";

    private static string E(string value) => Encoder.Encode(value);
}
