using System.Text.Json;
using ChatOpsReply.Accountability;
using ChatOpsReply.Http;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Sources;

/// <summary>
/// Reads the body of <c>POST /api/posts</c> and says, per field, what is wrong with it.
/// Field names in errors are the JSON paths a sender wrote ("author.handle").
/// </summary>
public static class IncomingPostParser
{
    public const int MaxTextLength = 40_000;

    public static (IncomingPost? Post, Dictionary<string, string[]> Errors) Parse(ReadOnlyMemory<byte> body)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            errors["body"] = [$"The body is not valid JSON: {e.Message}"];
            return (null, errors);
        }

        using (document)
        {
            if (JsonText.FirstUnreadable(body.Span, maxDepth: 16) is { } unreadable)
            {
                errors[unreadable] = [JsonText.Problem];
                return (null, errors);
            }

            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors["body"] = ["The body must be a JSON object."];
                return (null, errors);
            }

            var source = RequiredString(root, "source", SourceName.MaxLength, errors);
            if (source is not null && !SourceName.IsValid(source))
            {
                errors["source"] = [SourceName.Rule];
            }

            var externalId = RequiredString(root, "externalId", 256, errors);
            var threadId = OptionalString(root, "threadId", 256, errors);
            var text = RequiredString(root, "text", MaxTextLength, errors);
            var url = OptionalString(root, "url", 2048, errors);
            if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp)))
            {
                errors["url"] = ["Must be an absolute http(s) URL."];
            }

            string? handle = null;
            string? displayName = null;
            if (!root.TryGetProperty("author", out var author) || author.ValueKind == JsonValueKind.Null)
            {
                errors["author"] = ["Required."];
            }
            else if (author.ValueKind != JsonValueKind.Object)
            {
                errors["author"] = ["Must be an object with \"handle\" and \"displayName\"."];
            }
            else
            {
                handle = RequiredString(author, "handle", 256, errors, "author.");
                displayName = OptionalString(author, "displayName", 256, errors, "author.");
            }

            DateTimeOffset? receivedAt = null;
            if (root.TryGetProperty("receivedAt", out var at) && at.ValueKind != JsonValueKind.Null)
            {
                if (at.ValueKind == JsonValueKind.String && at.TryGetDateTimeOffset(out var parsed))
                {
                    receivedAt = parsed;
                }
                else
                {
                    errors["receivedAt"] = ["Must be an ISO-8601 date and time, e.g. \"2026-11-23T09:30:00Z\"."];
                }
            }

            if (errors.Count > 0)
            {
                return (null, errors);
            }

            return (new IncomingPost(source!.ToLowerInvariant(), externalId!, threadId, new PostAuthor(handle!, displayName), text!, url, receivedAt), errors);
        }
    }

    private static string? RequiredString(JsonElement parent, string name, int maxLength, Dictionary<string, string[]> errors, string path = "")
    {
        var value = OptionalString(parent, name, maxLength, errors, path);
        if (value is null && !errors.ContainsKey(path + name))
        {
            errors[path + name] = ["Required."];
        }

        return value;
    }

    private static string? OptionalString(JsonElement parent, string name, int maxLength, Dictionary<string, string[]> errors, string path = "")
    {
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            errors[path + name] = ["Must be a string."];
            return null;
        }

        var value = element.GetString()!.Trim();
        if (value.Length == 0)
        {
            return null;
        }

        if (value.Length > maxLength)
        {
            errors[path + name] = [$"Must be at most {maxLength} characters; this one has {value.Length}."];
            return null;
        }

        return value;
    }
}
