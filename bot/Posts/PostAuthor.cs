using System.Text.Json.Serialization;

namespace ChatOpsReply.Posts;

/// <summary>The customer who wrote the post.</summary>
public sealed record PostAuthor(string Handle, string? DisplayName)
{
    /// <summary>What to call the customer in a reply: the first word of the display name, else the handle.</summary>
    [JsonIgnore]
    public string FirstName =>
        DisplayName?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() is { Length: > 0 } first
            ? first
            : Handle.TrimStart('@');
}
