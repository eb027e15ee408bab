using System.Text.Json.Serialization;
using ChatOpsReply.Cards;

namespace ChatOpsReply.Posts;

/// <summary>The customer who wrote the post.</summary>
public sealed record PostAuthor(string Handle, string? DisplayName)
{
    /// <summary>
    /// What to call the customer in a reply and in what people read about the post: the first word
    /// of the display name, else the handle; characters nobody would see are shown (<see cref="DisplayText"/>).
    /// </summary>
    [JsonIgnore]
    public string FirstName => DisplayText.Neutralise(
        DisplayName?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() is { Length: > 0 } first
            ? first
            : Handle.TrimStart('@'));
}
