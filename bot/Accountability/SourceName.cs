using System.Text.RegularExpressions;

namespace ChatOpsReply.Accountability;

/// <summary>
/// The name of a customer channel as posts, answers and settings carry it: "x", "sms", "email",
/// "facebook", "instagram", or a webhook sender's own. One rule for ingest, the answer library
/// and configuration, so an answer or a queue can name exactly the sources a post can have.
/// Names are compared in lower case; "SMS" is "sms".
/// </summary>
public readonly partial record struct SourceName
{
    public const int MaxLength = 64;

    /// <summary>The rule in words, for a refusal.</summary>
    public const string Rule = "Use 1 to 64 letters, digits, '.', '-' or '_', starting with a letter or digit (e.g. \"x\", \"sms\").";

    public static readonly SourceName X = new("x");
    public static readonly SourceName Sms = new("sms");
    public static readonly SourceName Email = new("email");
    public static readonly SourceName Facebook = new("facebook");
    public static readonly SourceName Instagram = new("instagram");

    private SourceName(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, out SourceName name)
    {
        var value = text?.Trim().ToLowerInvariant();
        if (value is not null && Pattern().IsMatch(value))
        {
            name = new SourceName(value);
            return true;
        }

        name = default;
        return false;
    }

    /// <summary>Whether a configured or stored name follows the rule.</summary>
    public static bool IsValid(string? text) => TryParse(text, out _);

    public override string ToString() => Value ?? "";

    public static implicit operator string(SourceName name) => name.ToString();

    [GeneratedRegex(@"\A[a-z0-9][a-z0-9._-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
