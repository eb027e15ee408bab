using System.Text;
using System.Text.RegularExpressions;

namespace ChatOpsReply.Library.Model;

/// <summary>
/// The placeholder syntax of answer bodies: <c>{name}</c>, the same pattern the reply guidelines
/// refuse in a draft, so a placeholder left unfilled can never reach a customer.
/// </summary>
public static partial class AnswerTemplate
{
    public const string CustomerName = "customer.name";
    public const string CustomerHandle = "customer.handle";
    public const string AgentName = "agent.name";
    public const string PostUrl = "post.url";

    /// <summary>Placeholders every answer may use, filled from the post and the person replying.</summary>
    public static readonly IReadOnlyList<string> BuiltIn = [CustomerName, CustomerHandle, AgentName, PostUrl];

    /// <summary>
    /// The longest value a placeholder of unknown value may take in a reply that still counts as
    /// unmodified (and it may have at most four words): room for an order number or a date, not a sentence.
    /// </summary>
    public const int MaxFilledValueLength = 40;

    /// <summary>The placeholder names in the body, lower case, in order of first use.</summary>
    public static IReadOnlyList<string> NamesIn(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return [.. Placeholder().Matches(body).Select(m => m.Groups["name"].Value.ToLowerInvariant()).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The body with placeholders blanked out, for indexing its words.</summary>
    public static string WithoutPlaceholders(string body) => Placeholder().Replace(body, " ");

    public static bool IsValidName(string name) => ValidName().IsMatch(name);

    /// <summary>How a placeholder is written in a body: <c>{name}</c>.</summary>
    public static string Token(string name) => "{" + name + "}";

    /// <summary>
    /// Fills the body. A placeholder with no value is left as it is and reported, so the
    /// person sees what to fill in.
    /// </summary>
    public static (string Text, IReadOnlyList<string> Missing) Fill(string body, Func<string, string?> value)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(value);
        var missing = new List<string>();
        var text = Placeholder().Replace(body, m =>
        {
            var name = m.Groups["name"].Value.ToLowerInvariant();
            if (value(name) is { } filled)
            {
                return filled;
            }

            if (!missing.Contains(name))
            {
                missing.Add(name);
            }

            return m.Value;
        });
        return (text, missing);
    }

    /// <summary>
    /// Whether <paramref name="text"/> is the body with only its placeholders filled in: a
    /// placeholder whose value is known must have exactly that value; one whose value is not
    /// known (a custom one, or a built-in the post cannot fill) may take a short value (four words at most, on one line).
    /// Ends of lines and surrounding white space do not count as changes.
    /// </summary>
    public static bool IsFilledIn(string body, string text, Func<string, string?> knownValue)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(knownValue);
        var pattern = new StringBuilder(@"\A");
        var at = 0;
        var free = 0;
        var template = Normalise(body);
        foreach (Match m in Placeholder().Matches(template))
        {
            pattern.Append(Regex.Escape(template[at..m.Index]));
            pattern.Append(knownValue(m.Groups["name"].Value.ToLowerInvariant()) is { } known
                ? Regex.Escape(Normalise(known))
                : $"(?<v{free++}>{FilledValue})");
            at = m.Index + m.Length;
        }

        pattern.Append(Regex.Escape(template[at..])).Append(@"\z");
        var match = Regex.Match(Normalise(text), pattern.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(250));
        return match.Success && Enumerable.Range(0, free).All(i => match.Groups[$"v{i}"].Length <= MaxFilledValueLength);
    }

    /// <summary>A value, not prose: up to four words on one line, no braces.</summary>
    private const string FilledValue = @"[^\s{}]+(?: [^\s{}]+){0,3}";

    private static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    // The same shape as the guidelines' check (ReplyGuidelines), so whatever one finds the other does.
    [GeneratedRegex(@"\{(?<name>[A-Za-z_][A-Za-z0-9_.]*)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\A[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*\z")]
    private static partial Regex ValidName();
}
