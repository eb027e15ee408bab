using System.Text.RegularExpressions;
using ChatOpsReply.Accountability;
using ChatOpsReply.Library.ImportExport;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Library.Search;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Library.Curation;

/// <summary>
/// Who may change the library and how. Managers (and admins) add, edit, approve and retire
/// answers; approving an answer marked legal takes the role that approves legal posts
/// (<see cref="AccountabilityPolicy.ApproverRole"/>: legal unless configured); anyone may
/// propose a sent reply as a draft. Every change is the answer's next version, saved with compare-and-set, so
/// two curators never overwrite each other unknowingly. Changing the words of an approved
/// answer makes it a draft again: an approval covers the words it saw.
/// </summary>
public sealed partial class LibraryCuration(ICannedAnswerStore store, AnswerLibrary library, IPostStore posts, AccountabilityPolicy policy, TimeProvider time)
{
    /// <summary>
    /// The sensitivity an answer marked legal is for: whoever approves replies to legal posts
    /// approves these answers too, so one role speaks for legal in replies and in the library.
    /// </summary>
    public const string LegalSensitivity = "legal";

    private static readonly HashSet<string> NoIds = [];

    public static bool MayCurate(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return person.HasRole(Roles.Manager) || person.HasRole(Roles.Admin);
    }

    /// <summary>An answer marked legal takes the approver of <see cref="LegalSensitivity"/>; any other, a curator.</summary>
    public static bool MayApprove(Person person, CannedAnswer answer, AccountabilityPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(policy);
        return answer.NeedsLegal ? person.HasRole(policy.ApproverRole(LegalSensitivity)) : MayCurate(person);
    }

    /// <summary>The role that approves answers marked legal: the configured approver of legal posts, legal when none is configured.</summary>
    private string LegalApprover => policy.ApproverRole(LegalSensitivity);

    private string ApproverText(CannedAnswer answer) =>
        answer.NeedsLegal ? $"Only {LegalApprover} can approve an answer marked legal." : "Only managers can approve answers.";

    public async Task<CurationResult> CreateAsync(Person who, AnswerDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(who);
        ArgumentNullException.ThrowIfNull(document);
        if (!MayCurate(who))
        {
            return CurationResult.Forbidden("Only managers can add answers to the library. To suggest one, send a reply and save it as an answer.");
        }

        var (fields, errors) = AnswerValidation.Check(document, policy);
        var id = document.Id?.Trim();
        if (id is { Length: > 0 } && !AnswerValidation.IsValidId(id))
        {
            errors["id"] = ["Use lower-case letters, digits and dashes for an id (at most 64)."];
        }
        else if (id is { Length: > 0 } && await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is not null)
        {
            errors["id"] = [$"An answer with the id \"{id}\" exists already."];
        }

        if (fields is null || errors.Count > 0)
        {
            return CurationResult.Invalid(errors);
        }

        var newId = id is { Length: > 0 } ? id : await NewIdAsync(fields.Title, NoIds, cancellationToken).ConfigureAwait(false);
        var answer = Unsaved(fields, who, time.GetUtcNow()) with { Id = newId, Version = 1, Change = "created" };
        return await SaveAsync(answer, $"Saved \"{answer.Title}\" as a draft. {ApproverText(answer)}", cancellationToken).ConfigureAwait(false);
    }

    public async Task<CurationResult> EditAsync(Person who, string id, int expectedVersion, AnswerDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(who);
        ArgumentNullException.ThrowIfNull(document);
        if (!MayCurate(who))
        {
            return CurationResult.Forbidden("Only managers can edit answers.");
        }

        var (current, refusal) = await LoadAsync(id, expectedVersion, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return refusal!;
        }

        var (fields, errors) = AnswerValidation.Check(document, policy);
        if (fields is null)
        {
            return CurationResult.Invalid(errors);
        }

        var next = Apply(fields, current) with { Owner = fields.Owner ?? current.Owner };
        if (next.SameContent(current))
        {
            return CurationResult.Unchanged(current, "Nothing changed.");
        }

        var reapprove = !next.SameWords(current) && current.Status == AnswerStatus.Approved;
        next = Next(next, who, reapprove ? "edited the words: approve again" : "edited");
        if (!next.SameWords(current))
        {
            next = next with
            {
                Status = current.Status == AnswerStatus.Approved ? AnswerStatus.Draft : current.Status,
                LegalApproval = null,
                ApprovedBy = null,
                ApprovedAt = null,
            };
        }

        return await SaveAsync(next, reapprove ? $"Saved version {next.Version}. The words changed, so it is a draft again: {ApproverText(next)}" : $"Saved version {next.Version}.", cancellationToken).ConfigureAwait(false);
    }

    public async Task<CurationResult> ApproveAsync(Person who, string id, int expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(who);
        var (current, refusal) = await LoadAsync(id, expectedVersion, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return refusal!;
        }

        if (!MayApprove(who, current, policy))
        {
            return CurationResult.Forbidden(ApproverText(current));
        }

        if (current.Status == AnswerStatus.Approved)
        {
            return CurationResult.Unchanged(current, "This answer is already approved.");
        }

        var now = time.GetUtcNow();
        var next = Next(current, who, current.NeedsLegal ? "approved by legal" : "approved") with
        {
            Status = AnswerStatus.Approved,
            ApprovedBy = who.Id,
            ApprovedAt = now,
            LegalApproval = current.NeedsLegal ? new LegalApproval(who.Id, now) : null,
        };
        return await SaveAsync(next, current.NeedsLegal ? "Approved by legal: used unmodified, it needs no second approval on sensitive posts." : "Approved.", cancellationToken).ConfigureAwait(false);
    }

    public async Task<CurationResult> RetireAsync(Person who, string id, int expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(who);
        if (!MayCurate(who))
        {
            return CurationResult.Forbidden("Only managers can retire answers.");
        }

        var (current, refusal) = await LoadAsync(id, expectedVersion, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return refusal!;
        }

        if (current.Status == AnswerStatus.Retired)
        {
            return CurationResult.Unchanged(current, "This answer is already retired.");
        }

        return await SaveAsync(Next(current, who, "retired") with { Status = AnswerStatus.Retired }, "Retired: it is no longer offered.", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>"Save as answer": a sent reply becomes a draft, with the customer's and the sender's names as placeholders.</summary>
    public async Task<CurationResult> ProposeAsync(Person who, string postId, int replyNumber, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(who);
        var post = await posts.GetAsync(postId, cancellationToken).ConfigureAwait(false);
        if (post is null)
        {
            return CurationResult.NotFound("That post does not exist.");
        }

        if (replyNumber < 1 || replyNumber > post.Replies.Count)
        {
            return CurationResult.NotFound(post.Replies.Count == 0 ? "This post has no sent reply to save." : $"This post has no reply number {replyNumber}.");
        }

        var from = $"{post.Id}#{replyNumber}";
        var all = await store.ChangesSinceAsync(0, cancellationToken).ConfigureAwait(false);
        if (all.Answers.FirstOrDefault(a => a.ProposedFrom == from) is { } proposed)
        {
            return CurationResult.Unchanged(proposed, $"This reply was already saved as \"{proposed.Title}\".");
        }

        var reply = post.Replies[replyNumber - 1];
        var body = Generalise(reply.Text, post, policy.People.Find(reply.SentBy));
        var title = TitleFrom(reply.Text);
        var answer = new CannedAnswer
        {
            Id = await NewIdAsync(title, NoIds, cancellationToken).ConfigureAwait(false),
            Version = 1,
            Title = title,
            Body = body,
            Queues = [post.Queue],
            Owner = who.Id,
            ChangedBy = who.Id,
            ChangedAt = time.GetUtcNow(),
            Change = $"proposed from reply {replyNumber} to post {post.Id}",
            ProposedFrom = from,
        };
        return await SaveAsync(answer, $"Saved as a draft answer, \"{title}\", for a manager to review and approve.", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Imports every row or none: all problems are reported with their line numbers.</summary>
    public async Task<ImportResult> ImportAsync(Person who, AnswerImportFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(who);
        ArgumentNullException.ThrowIfNull(file);
        if (!MayCurate(who))
        {
            return new ImportResult(CurationOutcome.Forbidden, "Only managers can import answers.");
        }

        var (rows, errors) = CheckRows(who, file);
        if (errors.Count > 0)
        {
            return NothingImported(errors);
        }

        var existing = (await store.ChangesSinceAsync(0, cancellationToken).ConfigureAwait(false)).Answers.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var plan = await PlanAsync(who, rows, existing, cancellationToken).ConfigureAwait(false);
        return await WriteAsync(plan, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Each row's fields as the API checks them, and what only a file can get wrong: an id used
    /// twice, a status that is none, an approval the importer may not give. The read errors come first.
    /// </summary>
    private (List<CheckedRow> Rows, List<ImportError> Errors) CheckRows(Person who, AnswerImportFile file)
    {
        var errors = new List<ImportError>(file.Errors);
        var rows = new List<CheckedRow>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in file.Rows)
        {
            var (fields, fieldErrors) = AnswerValidation.Check(row.Answer, policy);
            errors.AddRange(fieldErrors.SelectMany(e => e.Value.Select(m => new ImportError(row.Line, e.Key, m))));
            CheckId(row, seen, errors);
            var status = CheckStatus(who, row, fields, errors);
            if (fields is not null && status is { } known)
            {
                rows.Add(new CheckedRow(row, fields, known));
            }
        }

        if (errors.Count == 0 && rows.Count == 0)
        {
            errors.Add(new ImportError(1, null, "The file holds no answers."));
        }

        return (rows, errors);
    }

    /// <summary>A given id is usable and on one row only (a row without one gets an id from its title).</summary>
    private static void CheckId(ImportRow row, Dictionary<string, int> seen, List<ImportError> errors)
    {
        var id = row.Answer.Id?.Trim();
        if (id is not { Length: > 0 })
        {
            return;
        }

        if (!AnswerValidation.IsValidId(id))
        {
            errors.Add(new ImportError(row.Line, "id", "Use lower-case letters, digits and dashes (at most 64)."));
        }
        else if (seen.TryGetValue(id, out var first))
        {
            errors.Add(new ImportError(row.Line, "id", $"\"{id}\" is already on line {first}."));
        }
        else
        {
            seen[id] = row.Line;
        }
    }

    /// <summary>The status the row asks for (null when it names none), refused when the importer may not approve this answer.</summary>
    private AnswerStatus? CheckStatus(Person who, ImportRow row, AnswerFields? fields, List<ImportError> errors)
    {
        var status = AnswerDocument.ParseStatus(row.Answer.Status);
        if (status is null)
        {
            errors.Add(new ImportError(row.Line, "status", $"\"{row.Answer.Status}\" is not a status: draft, approved or retired."));
        }
        else if (status == AnswerStatus.Approved && fields is not null && !MayApprove(who, Unsaved(fields, who, time.GetUtcNow()), policy))
        {
            errors.Add(new ImportError(row.Line, "status", $"Only {LegalApprover} can approve an answer marked legal: import it as a draft for {LegalApprover} to approve."));
        }

        return status;
    }

    private static ImportResult NothingImported(List<ImportError> errors)
    {
        var ordered = errors.OrderBy(e => e.Line).ToList();
        return new ImportResult(CurationOutcome.Invalid, $"Nothing was imported: {ordered.Count} problem{(ordered.Count == 1 ? "" : "s")} to fix first.") { Errors = ordered };
    }

    /// <summary>
    /// What the checked rows change: a first version for each new id, the next version of each
    /// answer that differs; the ones that would not change are only counted.
    /// </summary>
    private async Task<ImportPlan> PlanAsync(Person who, List<CheckedRow> rows, Dictionary<string, CannedAnswer> existing, CancellationToken cancellationToken)
    {
        var taken = new HashSet<string>(existing.Keys.Concat(rows.Select(r => r.GivenId).OfType<string>()), StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var plan = new ImportPlan();
        foreach (var row in rows)
        {
            var id = row.GivenId ?? await NewIdAsync(row.Fields.Title, taken, cancellationToken).ConfigureAwait(false);
            taken.Add(id);
            var before = existing.GetValueOrDefault(id);
            var candidate = (before is null ? Unsaved(row.Fields, who, now) with { Id = id } : Apply(row.Fields, before)) with
            {
                Owner = row.Fields.Owner ?? before?.Owner ?? who.Id,
                Status = row.Status,
            };
            if (before is not null && candidate.SameContent(before) && before.Status == row.Status)
            {
                plan.Leave();
                continue;
            }

            plan.Write(Imported(candidate, before, who, now), isNew: before is null);
        }

        return plan;
    }

    /// <summary>
    /// The next version, saved by the importer. Imported as approved, it is the importer's
    /// approval, unless the answer was approved already with the same words: then that approval stands.
    /// </summary>
    private static CannedAnswer Imported(CannedAnswer candidate, CannedAnswer? before, Person who, DateTimeOffset now)
    {
        var approved = candidate.Status == AnswerStatus.Approved;
        var keepsApproval = approved && before is { Status: AnswerStatus.Approved } && candidate.SameWords(before);
        return candidate with
        {
            Version = (before?.Version ?? 0) + 1,
            ChangedBy = who.Id,
            ChangedAt = now,
            Change = "imported",
            ApprovedBy = approved ? (keepsApproval ? before!.ApprovedBy : who.Id) : null,
            ApprovedAt = approved ? (keepsApproval ? before!.ApprovedAt : now) : null,
            LegalApproval = approved && candidate.NeedsLegal ? (keepsApproval ? before!.LegalApproval : new LegalApproval(who.Id, now)) : null,
        };
    }

    /// <summary>Every planned version in one write, or none when someone changed one of those answers meanwhile.</summary>
    private async Task<ImportResult> WriteAsync(ImportPlan plan, CancellationToken cancellationToken)
    {
        var outcome = await store.SaveAsync(plan.Writes, cancellationToken).ConfigureAwait(false);
        if (!outcome.IsSaved)
        {
            return new ImportResult(CurationOutcome.Conflict, $"Someone changed \"{outcome.ConflictingId}\" during the import, so nothing was imported. Import the file again.");
        }

        await library.SavedAsync(plan.Writes, cancellationToken).ConfigureAwait(false);
        return new ImportResult(CurationOutcome.Saved, $"Imported: {plan.Created} new, {plan.Updated} updated, {plan.Unchanged} unchanged.")
        {
            Created = plan.Created,
            Updated = plan.Updated,
            Unchanged = plan.Unchanged,
        };
    }

    private async Task<(CannedAnswer? Answer, CurationResult? Refusal)> LoadAsync(string id, int expectedVersion, CancellationToken cancellationToken)
    {
        var current = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return (null, CurationResult.NotFound("That answer does not exist."));
        }

        return current.Version == expectedVersion
            ? (current, null)
            : (null, CurationResult.Conflict($"{policy.People.NameOf(current.ChangedBy)} changed this answer since you opened it (it is now version {current.Version}): look at it again first."));
    }

    private async Task<CurationResult> SaveAsync(CannedAnswer answer, string message, CancellationToken cancellationToken)
    {
        var outcome = await store.SaveAsync([answer], cancellationToken).ConfigureAwait(false);
        if (!outcome.IsSaved)
        {
            var now = await store.GetAsync(answer.Id, cancellationToken).ConfigureAwait(false);
            return CurationResult.Conflict(now is null
                ? "That answer changed while you saved: look at it again first."
                : $"{policy.People.NameOf(now.ChangedBy)} changed this answer while you saved (it is now version {now.Version}): look at it again first.");
        }

        await library.SavedAsync([answer], cancellationToken).ConfigureAwait(false);
        return CurationResult.Saved(answer, message);
    }

    private CannedAnswer Next(CannedAnswer current, Person who, string change) =>
        current with { Version = current.Version + 1, ChangedBy = who.Id, ChangedAt = time.GetUtcNow(), Change = change };

    private static CannedAnswer Apply(AnswerFields fields, CannedAnswer answer) => answer with
    {
        Title = fields.Title,
        Body = fields.Body,
        Placeholders = fields.Placeholders,
        Tags = fields.Tags,
        Queues = fields.Queues,
        Sources = fields.Sources,
        Language = fields.Language,
        NeedsLegal = fields.NeedsLegal,
        CrisisSafe = fields.CrisisSafe,
        Owner = fields.Owner ?? answer.Owner,
    };

    /// <summary>Fields as an answer nobody saved yet (version 0, no id): a preview, or the start of a new one.</summary>
    public static CannedAnswer Unsaved(AnswerFields fields, Person who, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(who);
        return Apply(fields, new CannedAnswer { Id = "", Version = 0, Title = "", Body = "", Owner = who.Id, ChangedBy = who.Id, ChangedAt = at, Change = "" });
    }

    /// <summary>A fresh id from the title, numbered when taken ("refund-policy-2").</summary>
    private async Task<string> NewIdAsync(string title, HashSet<string> taken, CancellationToken cancellationToken)
    {
        var slug = AnswerValidation.Slug(title);
        var candidate = slug;
        for (var n = 2; taken.Contains(candidate) || await store.GetAsync(candidate, cancellationToken).ConfigureAwait(false) is not null; n++)
        {
            candidate = $"{slug}-{n}";
        }

        return candidate;
    }

    /// <summary>The customer's and the sender's first names, the handle and the link become placeholders.</summary>
    private static string Generalise(string text, Posts.CustomerPost post, Person? sender)
    {
        var body = text.Trim();
        if (!string.IsNullOrWhiteSpace(post.Url))
        {
            body = body.Replace(post.Url, "{" + AnswerTemplate.PostUrl + "}", StringComparison.Ordinal);
        }

        body = ReplaceWord(body, post.Author.Handle, AnswerTemplate.CustomerHandle);
        body = ReplaceWord(body, post.Author.DisplayName?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(), AnswerTemplate.CustomerName);
        return ReplaceWord(body, sender?.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(), AnswerTemplate.AgentName);
    }

    private static string ReplaceWord(string text, string? word, string placeholder) =>
        string.IsNullOrWhiteSpace(word) || word.Length < 2
            ? text
            : Regex.Replace(text, $@"(?<![\w@]){Regex.Escape(word)}(?!\w)", "{" + placeholder + "}", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>The reply's first sentence, shortened: a title a manager will likely rewrite.</summary>
    private static string TitleFrom(string text)
    {
        var words = FirstSentence().Match(Greeting().Replace(text.Trim(), "")).Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var title = "";
        foreach (var word in words)
        {
            if (title.Length + word.Length + 1 > 60)
            {
                return char.ToUpperInvariant(title[0]) + title[1..] + "…";
            }

            title = title.Length == 0 ? word : $"{title} {word}";
        }

        return title.Length == 0 ? "Proposed answer" : char.ToUpperInvariant(title[0]) + title[1..];
    }

    [GeneratedRegex(@"\A(hi|hello|hey|dear|good (morning|afternoon|evening))\b[^,.!?\n]{0,30}[,.!]\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Greeting();

    [GeneratedRegex(@"\A[^.!?\n]*")]
    private static partial Regex FirstSentence();

    /// <summary>An import row whose fields and status passed.</summary>
    private sealed record CheckedRow(ImportRow Row, AnswerFields Fields, AnswerStatus Status)
    {
        /// <summary>The id the row gives, or null for one made from the title.</summary>
        public string? GivenId => Row.Answer.Id?.Trim() is { Length: > 0 } id ? id : null;
    }

    /// <summary>The versions an import writes, and how many answers it creates, updates and leaves as they are.</summary>
    private sealed class ImportPlan
    {
        public List<CannedAnswer> Writes { get; } = [];

        public int Created { get; private set; }

        public int Updated { get; private set; }

        public int Unchanged { get; private set; }

        public void Write(CannedAnswer answer, bool isNew)
        {
            Writes.Add(answer);
            if (isNew)
            {
                Created++;
            }
            else
            {
                Updated++;
            }
        }

        public void Leave() => Unchanged++;
    }
}

public enum CurationOutcome
{
    Saved,
    Unchanged,
    Invalid,
    Forbidden,
    NotFound,
    Conflict,
}

/// <summary>What a curation step did, with a sentence for the person and, when invalid, a message per field.</summary>
public sealed record CurationResult(CurationOutcome Outcome, string Message)
{
    public CannedAnswer? Answer { get; init; }

    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();

    public bool Succeeded => Outcome is CurationOutcome.Saved or CurationOutcome.Unchanged;

    public static CurationResult Saved(CannedAnswer answer, string message) => new(CurationOutcome.Saved, message) { Answer = answer };

    public static CurationResult Unchanged(CannedAnswer answer, string message) => new(CurationOutcome.Unchanged, message) { Answer = answer };

    public static CurationResult Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(CurationOutcome.Invalid, string.Join(" ", errors.SelectMany(e => e.Value))) { Errors = errors };

    public static CurationResult Forbidden(string message) => new(CurationOutcome.Forbidden, message);

    public static CurationResult NotFound(string message) => new(CurationOutcome.NotFound, message);

    public static CurationResult Conflict(string message) => new(CurationOutcome.Conflict, message);
}

/// <summary>An import: all of it saved, or none of it with every problem found.</summary>
public sealed record ImportResult(CurationOutcome Outcome, string Message)
{
    public int Created { get; init; }

    public int Updated { get; init; }

    public int Unchanged { get; init; }

    public IReadOnlyList<ImportError> Errors { get; init; } = [];

    public bool Succeeded => Outcome == CurationOutcome.Saved;
}
