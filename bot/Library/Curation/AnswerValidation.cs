using System.Text.RegularExpressions;
using ChatOpsReply.Accountability;
using ChatOpsReply.Library.Model;

namespace ChatOpsReply.Library.Curation;

/// <summary>
/// The rules an answer's fields follow, with a message per field a person can act on. Used by
/// the console, the API and imports alike.
/// </summary>
public static partial class AnswerValidation
{
    public const int MaxTitleLength = 120;
    public const int MaxBodyLength = 2000;
    public const int MaxDefaultLength = 200;
    public const int MaxTags = 20;

    /// <summary>Checks and tidies the editable fields; errors are keyed by field name.</summary>
    public static (AnswerFields? Fields, Dictionary<string, string[]> Errors) Check(AnswerDocument document, AccountabilityPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(policy);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Fail(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }

            list.Add(message);
        }

        var title = document.Title?.Trim() ?? "";
        if (title.Length == 0)
        {
            Fail("title", "Give the answer a title people will recognise.");
        }
        else if (title.Length > MaxTitleLength || title.Contains('\n', StringComparison.Ordinal))
        {
            Fail("title", $"Keep the title on one line, at most {MaxTitleLength} characters.");
        }

        var body = document.Body?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() ?? "";
        if (body.Length == 0)
        {
            Fail("body", "Write the answer's text.");
        }
        else if (body.Length > MaxBodyLength)
        {
            Fail("body", $"Keep the text under {MaxBodyLength} characters; this one has {body.Length}.");
        }

        var placeholders = new List<AnswerPlaceholder>();
        foreach (var (rawName, rawDefault) in document.Placeholders ?? new Dictionary<string, string?>())
        {
            var name = rawName.Trim().Trim('{', '}').ToLowerInvariant();
            var value = string.IsNullOrWhiteSpace(rawDefault) ? null : rawDefault.Trim();
            if (!AnswerTemplate.IsValidName(name))
            {
                Fail("placeholders", $"\"{rawName}\" is not a placeholder name: use lower-case words joined by dots, like order.number.");
            }
            else if (placeholders.Exists(p => p.Name == name))
            {
                Fail("placeholders", $"{{{name}}} is declared twice.");
            }
            else if (value is not null && (value.Length > MaxDefaultLength || value.IndexOfAny(['{', '}', '\n', '\r']) >= 0))
            {
                Fail("placeholders", $"The default of {{{name}}} must be one line of at most {MaxDefaultLength} characters, without braces.");
            }
            else
            {
                placeholders.Add(new AnswerPlaceholder(name, value));
            }
        }

        foreach (var used in AnswerTemplate.NamesIn(body))
        {
            if (!AnswerTemplate.BuiltIn.Contains(used) && !placeholders.Exists(p => p.Name == used))
            {
                Fail("body", $"{{{used}}} is not a known placeholder: use {string.Join(", ", AnswerTemplate.BuiltIn.Select(b => "{" + b + "}"))} or declare it with a default.");
            }
        }

        var tags = new List<string>();
        foreach (var raw in document.Tags ?? [])
        {
            var tag = raw.Trim().ToLowerInvariant();
            if (tag.Length == 0)
            {
                continue;
            }

            if (!Tag().IsMatch(tag))
            {
                Fail("tags", $"\"{raw}\" is not a tag: letters, digits, spaces and dashes, at most 40 characters.");
            }
            else if (!tags.Contains(tag))
            {
                tags.Add(tag);
            }
        }

        if (tags.Count > MaxTags)
        {
            Fail("tags", $"At most {MaxTags} tags.");
        }

        var queues = new List<string>();
        foreach (var raw in document.Queues ?? [])
        {
            var name = raw.Trim();
            if (name.Length == 0)
            {
                continue;
            }

            var queue = policy.Queues.FirstOrDefault(q => string.Equals(q.Name, name, StringComparison.OrdinalIgnoreCase));
            if (queue is null)
            {
                Fail("queues", $"There is no queue \"{name}\"; the queues are {string.Join(", ", policy.Queues.Select(q => q.Name))}.");
            }
            else if (!queues.Contains(queue.Name))
            {
                queues.Add(queue.Name);
            }
        }

        var sources = new List<string>();
        foreach (var raw in document.Sources ?? [])
        {
            var source = raw.Trim().ToLowerInvariant();
            if (source.Length == 0)
            {
                continue;
            }

            if (!Source().IsMatch(source))
            {
                Fail("sources", $"\"{raw}\" is not a source name (like x, facebook, sms, email).");
            }
            else if (!sources.Contains(source))
            {
                sources.Add(source);
            }
        }

        var language = string.IsNullOrWhiteSpace(document.Language) ? "en" : document.Language.Trim().ToLowerInvariant();
        if (!Language().IsMatch(language))
        {
            Fail("language", $"\"{document.Language}\" is not a language tag (like en, de or pt-br).");
        }

        var owner = string.IsNullOrWhiteSpace(document.Owner) ? null : document.Owner.Trim();
        if (owner is not null)
        {
            if (policy.People.Find(owner) is { } person)
            {
                owner = person.Id;
            }
            else
            {
                Fail("owner", $"Nobody called \"{owner}\" is configured.");
            }
        }

        var result = errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
        return result.Count > 0
            ? (null, result)
            : (new AnswerFields(title, body, placeholders, tags, queues, sources, language, document.Legal ?? false, owner), result);
    }

    /// <summary>Whether an id someone chose is usable: lower-case letters, digits and dashes.</summary>
    public static bool IsValidId(string id) => Id().IsMatch(id);

    /// <summary>An id from a title: "Refund for a late delivery" → "refund-for-a-late-delivery".</summary>
    public static string Slug(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var words = SearchWords().Matches(title.ToLowerInvariant()).Select(m => m.Value);
        var slug = string.Join('-', words);
        if (slug.Length > 48)
        {
            var cut = slug.LastIndexOf('-', 48);
            slug = slug[..(cut > 16 ? cut : 48)];
        }

        return slug.Length == 0 ? "answer" : slug;
    }

    [GeneratedRegex(@"\A[\p{L}\p{N}][\p{L}\p{N} _-]{0,39}\z")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\A[a-z0-9][a-z0-9._-]{0,31}\z")]
    private static partial Regex Source();

    [GeneratedRegex(@"\A[a-z]{2,3}(-[a-z0-9]{2,8})*\z")]
    private static partial Regex Language();

    [GeneratedRegex(@"\A[a-z0-9][a-z0-9-]{0,63}\z")]
    private static partial Regex Id();

    [GeneratedRegex("[a-z0-9]+")]
    private static partial Regex SearchWords();
}

/// <summary>What a curator writes, checked and tidied (trimmed, lower-case tags, known queue names).</summary>
/// <param name="Owner">Null: whoever saves it.</param>
public sealed record AnswerFields(
    string Title,
    string Body,
    IReadOnlyList<AnswerPlaceholder> Placeholders,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Queues,
    IReadOnlyList<string> Sources,
    string Language,
    bool NeedsLegal,
    string? Owner);
