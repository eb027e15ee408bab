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
        var errors = new FieldErrors();
        var title = Title(document.Title, errors);
        var body = Body(document.Body, errors);
        var placeholders = Placeholders(document.Placeholders, errors);
        EveryPlaceholderKnown(body, placeholders, errors);
        var tags = Tags(document.Tags, errors);
        var queues = Queues(document.Queues, policy, errors);
        var sources = Sources(document.Sources, errors);
        var language = Language(document.Language, errors);
        var owner = Owner(document.Owner, policy, errors);
        var result = errors.ByField();
        return result.Count > 0
            ? (null, result)
            : (new AnswerFields(title, body, placeholders, tags, queues, sources, language, document.Legal ?? false, owner) { CrisisSafe = document.CrisisSafe ?? false }, result);
    }

    /// <summary>One line people will recognise.</summary>
    private static string Title(string? given, FieldErrors errors)
    {
        var title = given?.Trim() ?? "";
        if (title.Length == 0)
        {
            errors.Add("title", "Give the answer a title people will recognise.");
        }
        else if (title.Length > MaxTitleLength || title.Contains('\n', StringComparison.Ordinal))
        {
            errors.Add("title", $"Keep the title on one line, at most {MaxTitleLength} characters.");
        }

        return title;
    }

    /// <summary>Some text, not too long, with line ends as \n.</summary>
    private static string Body(string? given, FieldErrors errors)
    {
        var body = given?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() ?? "";
        if (body.Length == 0)
        {
            errors.Add("body", "Write the answer's text.");
        }
        else if (body.Length > MaxBodyLength)
        {
            errors.Add("body", $"Keep the text under {MaxBodyLength} characters; this one has {body.Length}.");
        }

        return body;
    }

    /// <summary>Declared placeholders: valid names, each once, defaults of one short line without braces.</summary>
    private static List<AnswerPlaceholder> Placeholders(IReadOnlyDictionary<string, string?>? given, FieldErrors errors)
    {
        var placeholders = new List<AnswerPlaceholder>();
        foreach (var (rawName, rawDefault) in given ?? new Dictionary<string, string?>())
        {
            var name = rawName.Trim().Trim('{', '}').ToLowerInvariant();
            var value = string.IsNullOrWhiteSpace(rawDefault) ? null : rawDefault.Trim();
            if (!AnswerTemplate.IsValidName(name))
            {
                errors.Add("placeholders", $"\"{rawName}\" is not a placeholder name: use lower-case words joined by dots, like order.number.");
            }
            else if (placeholders.Exists(p => p.Name == name))
            {
                errors.Add("placeholders", $"{{{name}}} is declared twice.");
            }
            else if (value is not null && (value.Length > MaxDefaultLength || value.IndexOfAny(['{', '}', '\n', '\r']) >= 0))
            {
                errors.Add("placeholders", $"The default of {{{name}}} must be one line of at most {MaxDefaultLength} characters, without braces.");
            }
            else
            {
                placeholders.Add(new AnswerPlaceholder(name, value));
            }
        }

        return placeholders;
    }

    /// <summary>Every placeholder the body uses is built in or declared, so none can reach a customer unfilled by surprise.</summary>
    private static void EveryPlaceholderKnown(string body, List<AnswerPlaceholder> declared, FieldErrors errors)
    {
        foreach (var used in AnswerTemplate.NamesIn(body))
        {
            if (!AnswerTemplate.BuiltIn.Contains(used) && !declared.Exists(p => p.Name == used))
            {
                errors.Add("body", $"{AnswerTemplate.Token(used)} is not a known placeholder: use {string.Join(", ", AnswerTemplate.BuiltIn.Select(AnswerTemplate.Token))} or declare it with a default.");
            }
        }
    }

    /// <summary>Lower-case tags of letters, digits, spaces and dashes; at most <see cref="MaxTags"/>.</summary>
    private static List<string> Tags(IReadOnlyList<string>? given, FieldErrors errors)
    {
        var tags = Entries(
            given,
            raw => raw.Trim().ToLowerInvariant() is var tag && TagPattern().IsMatch(tag) ? tag : null,
            raw => errors.Add("tags", $"\"{raw}\" is not a tag: letters, digits, spaces and dashes, at most 40 characters."));
        if (tags.Count > MaxTags)
        {
            errors.Add("tags", $"At most {MaxTags} tags.");
        }

        return tags;
    }

    /// <summary>Configured queues, by their configured names whatever the case given.</summary>
    private static List<string> Queues(IReadOnlyList<string>? given, AccountabilityPolicy policy, FieldErrors errors) => Entries(
        given,
        raw => policy.Queues.FirstOrDefault(q => string.Equals(q.Name, raw.Trim(), StringComparison.OrdinalIgnoreCase))?.Name,
        raw => errors.Add("queues", $"There is no queue \"{raw.Trim()}\"; the queues are {string.Join(", ", policy.Queues.Select(q => q.Name))}."));

    /// <summary>Lower-case source names ("x", "sms").</summary>
    private static List<string> Sources(IReadOnlyList<string>? given, FieldErrors errors) => Entries(
        given,
        raw => SourceName.TryParse(raw, out var source) ? source.Value : null,
        raw => errors.Add("sources", $"\"{raw}\" is not a source name (like x, facebook, sms, email)."));

    /// <summary>A language tag, "en" when none is given.</summary>
    private static string Language(string? given, FieldErrors errors)
    {
        var language = string.IsNullOrWhiteSpace(given) ? "en" : given.Trim().ToLowerInvariant();
        if (!LanguagePattern().IsMatch(language))
        {
            errors.Add("language", $"\"{given}\" is not a language tag (like en, de or pt-br).");
        }

        return language;
    }

    /// <summary>The id of a configured person, found by id or name; null when none is given (whoever saves it).</summary>
    private static string? Owner(string? given, AccountabilityPolicy policy, FieldErrors errors)
    {
        var owner = string.IsNullOrWhiteSpace(given) ? null : given.Trim();
        if (owner is null)
        {
            return null;
        }

        if (policy.People.Find(owner) is { } person)
        {
            return person.Id;
        }

        errors.Add("owner", $"Nobody called \"{owner}\" is configured.");
        return owner;
    }

    /// <summary>
    /// The entries of a list field in their tidy form, in order: blank entries are skipped,
    /// repeats kept once, and one with no tidy form is reported as it was given.
    /// </summary>
    private static List<string> Entries(IReadOnlyList<string>? given, Func<string, string?> tidy, Action<string> reject)
    {
        var entries = new List<string>();
        foreach (var raw in given ?? [])
        {
            // JSON may hold a null where the list promises strings: blank, like an empty entry.
            if (string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }

            if (tidy(raw) is not { } entry)
            {
                reject(raw);
            }
            else if (!entries.Contains(entry))
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    /// <summary>Whether an id someone chose is usable: lower-case letters, digits and dashes.</summary>
    public static bool IsValidId(string id) => IdPattern().IsMatch(id);

    /// <summary>An id from a title: "Refund for a late delivery" → "refund-for-a-late-delivery".</summary>
    public static string Slug(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var words = SlugWords().Matches(title.ToLowerInvariant()).Select(m => m.Value);
        var slug = string.Join('-', words);
        if (slug.Length > 48)
        {
            var cut = slug.LastIndexOf('-', 48);
            slug = slug[..(cut > 16 ? cut : 48)];
        }

        return slug.Length == 0 ? "answer" : slug;
    }

    [GeneratedRegex(@"\A[\p{L}\p{N}][\p{L}\p{N} _-]{0,39}\z")]
    private static partial Regex TagPattern();


    [GeneratedRegex(@"\A[a-z]{2,3}(-[a-z0-9]{2,8})*\z")]
    private static partial Regex LanguagePattern();

    [GeneratedRegex(@"\A[a-z0-9][a-z0-9-]{0,63}\z")]
    private static partial Regex IdPattern();

    [GeneratedRegex("[a-z0-9]+")]
    private static partial Regex SlugWords();

    /// <summary>Messages by field, fields in the order they were checked (the order a person reads them in).</summary>
    private sealed class FieldErrors
    {
        private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);

        public void Add(string field, string message)
        {
            if (!_byField.TryGetValue(field, out var messages))
            {
                _byField[field] = messages = [];
            }

            messages.Add(message);
        }

        public Dictionary<string, string[]> ByField() => _byField.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }
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
    string? Owner)
{
    /// <summary>Fit to be offered while a crisis is declared.</summary>
    public bool CrisisSafe { get; init; }
}
