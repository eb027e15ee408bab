using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace ChatOpsReply.Http;

/// <summary>
/// JSON can hold strings that are not text: an escaped lone surrogate (<c>"\ud83d"</c>, what cutting
/// an emoji in half with <c>s.slice(0, 280)</c> gives) or bytes that are not UTF-8. Both parse, and
/// then throw when the string is read, wherever that is. This finds the first one, by the path a
/// sender would name it, before anything reads a string, so the answer is a 400 naming the field.
/// </summary>
public static class JsonText
{
    /// <summary>The sentence that goes with the path.</summary>
    public const string Problem = "Not valid text: it holds half of a surrogate pair (an emoji cut in two) or bytes that are not UTF-8.";

    /// <summary>
    /// The path of the first property name or string value that cannot be read as text
    /// (<c>"text"</c>, <c>"author.handle"</c>, <c>"entry[0].id"</c>; <c>"body"</c> for the root),
    /// or null when every one can. Null too for a body that is not JSON at all: its parser says so.
    /// </summary>
    public static string? FirstUnreadable(ReadOnlySpan<byte> json, int maxDepth = 64)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth });
        // One frame per open object or array: the property being read, or the index of the element.
        var frames = new List<(bool IsArray, string Name, int Index)>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        if (Read(ref reader) is not { } name)
                        {
                            return Path(frames, includeLast: false);
                        }

                        frames[^1] = (false, name, 0);
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        continue;
                }

                // A value: the next element of an array it is in.
                if (frames.Count > 0 && frames[^1].IsArray)
                {
                    frames[^1] = (true, "", frames[^1].Index + 1);
                }

                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        frames.Add((false, "", 0));
                        break;
                    case JsonTokenType.StartArray:
                        frames.Add((true, "", -1));
                        break;
                    case JsonTokenType.String when Read(ref reader) is null:
                        return Path(frames, includeLast: true);
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }

    /// <summary>The token's text, or null when it is not text.</summary>
    private static string? Read(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return Utf8.IsValid(reader.ValueSpan) ? Encoding.UTF8.GetString(reader.ValueSpan) : null;
        }

        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string Path(List<(bool IsArray, string Name, int Index)> frames, bool includeLast)
    {
        var path = new StringBuilder();
        for (var i = 0; i < frames.Count; i++)
        {
            var (isArray, name, index) = frames[i];
            if (!includeLast && i == frames.Count - 1)
            {
                break;
            }

            if (isArray)
            {
                path.Append(CultureInfo.InvariantCulture, $"[{index}]");
            }
            else
            {
                path.Append(path.Length == 0 ? "" : ".").Append(name);
            }
        }

        return path.Length == 0 ? "body" : path.ToString();
    }
}
