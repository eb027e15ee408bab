using System.Text.Json;

namespace ChatOpsReply.Sources;

/// <summary>
/// Reads fields of a platform's JSON payload, remembering the first one that is missing or of the
/// wrong shape by its path ("entry[0].messaging[0].sender.id"), so a malformed payload gets a 400
/// that names the field and nothing of what the customer wrote.
/// </summary>
public sealed class PayloadFields
{
    /// <summary>The path of the first field that was wrong, and why.</summary>
    public (string Path, string Problem)? Error { get; private set; }

    /// <summary>A required string (or number, as some ids are), or null after recording the error.</summary>
    public string? Text(JsonElement parent, string name, string path, int maxLength = 64 * 1024)
    {
        var value = OptionalText(parent, name, path, maxLength);
        if (value is null && Error is null)
        {
            Fail($"{path}.{name}", "Required.");
        }

        return value;
    }

    /// <summary>An optional string (or number); null when absent. A lone surrogate becomes U+FFFD.</summary>
    public string? OptionalText(JsonElement parent, string name, string path, int maxLength = 64 * 1024)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        string value;
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                try
                {
                    value = element.GetString()!;
                }
                catch (InvalidOperationException)
                {
                    // An escaped lone surrogate (\ud83d): the string cannot be read as UTF-16.
                    Fail($"{path}.{name}", "Not a valid string (an unpaired surrogate).");
                    return null;
                }

                break;
            case JsonValueKind.Number:
                value = element.GetRawText();
                break;
            default:
                Fail($"{path}.{name}", "Must be a string.");
                return null;
        }

        if (value.Length > maxLength)
        {
            Fail($"{path}.{name}", $"Must be at most {maxLength} characters.");
            return null;
        }

        return CustomerText.Clean(value);
    }

    /// <summary>An optional object or array member, or an empty element.</summary>
    public static JsonElement Member(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var element) ? element : default;

    public static IEnumerable<(JsonElement Item, int Index)> Items(JsonElement parent, string name) =>
        Member(parent, name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray().Select((item, i) => (item, i)) : [];

    public static bool IsTrue(JsonElement parent, string name) => Member(parent, name).ValueKind == JsonValueKind.True;

    /// <summary>Unix seconds or milliseconds (Messenger uses ms, X writes them as a string), an ISO date, or null.</summary>
    public static DateTimeOffset? Time(JsonElement parent, string name)
    {
        var element = Member(parent, name);
        if ((element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var number)
            || (element.ValueKind == JsonValueKind.String && long.TryParse(element.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number)))
            && number > 0)
        {
            return number > 100_000_000_000 ? SafeFromMs(number) : SafeFromSeconds(number);
        }

        if (element.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(element.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }

        return null;
    }

    public void Fail(string path, string problem) => Error ??= (path, problem);

    private static DateTimeOffset? SafeFromMs(long ms) => ms <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds() ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    private static DateTimeOffset? SafeFromSeconds(long s) => s <= DateTimeOffset.MaxValue.ToUnixTimeSeconds() ? DateTimeOffset.FromUnixTimeSeconds(s) : null;
}
