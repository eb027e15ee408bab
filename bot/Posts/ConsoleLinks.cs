using Microsoft.Extensions.Options;

namespace ChatOpsReply.Posts;

/// <summary><c>Console:PublicUrl</c>: the console's address as people reach it (e.g. "https://replies.example.com").</summary>
public sealed class ConsoleLinkOptions
{
    public const string Section = "Console";

    /// <summary>When empty, cards and answers on Slack and Teams carry no link to the console.</summary>
    public Uri? PublicUrl { get; set; }
}

/// <summary>Links from a card or an answer on Slack and Teams to its page in the console; null when no public address is set.</summary>
public sealed class ConsoleLinks(IOptions<ConsoleLinkOptions> options)
{
    public string? Post(string postId) => To($"console/posts/{Uri.EscapeDataString(postId)}");

    public string? Answer(string answerId) => To($"console/library/{Uri.EscapeDataString(answerId)}");

    private string? To(string path) => options.Value.PublicUrl is { } root ? new Uri(root, path).AbsoluteUri : null;
}
