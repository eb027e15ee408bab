using ChatOpsReply.Accountability;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Library.Replies;

/// <summary>
/// Fills an answer's placeholders for a post and the person replying: the customer's first
/// name and handle, the agent's first name, the post's link, custom values from their defaults.
/// </summary>
public static class AnswerPersonalisation
{
    public static AnswerRendering RenderFor(CannedAnswer answer, CustomerPost post, Person agent)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var known = KnownValues(post, agent);
        var (text, missing) = AnswerTemplate.Fill(answer.Body, name => known(name) ?? Default(answer, name));
        return new AnswerRendering(text, missing, missing.Count == 0 ? null : string.Join(" ", missing.Select(name => WhyMissing(name))));
    }

    /// <summary>
    /// The answer as one person would send it when no post is at hand (a chat compose box): their
    /// first name for <c>{agent.name}</c>, every other placeholder from its default, and the
    /// placeholders with neither left in place and named as missing.
    /// </summary>
    public static AnswerRendering RenderForAgent(CannedAnswer answer, Person agent)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(agent);
        var (text, missing) = AnswerTemplate.Fill(answer.Body, name => (name == AnswerTemplate.AgentName ? FirstWord(agent.Name) : null) ?? Default(answer, name));
        return new AnswerRendering(text, missing, missing.Count == 0 ? null : $"Fill in {string.Join(", ", missing.Select(AnswerTemplate.Token))} before it goes to a customer.");
    }

    /// <summary>Whether the text is this answer for this post and agent, with only placeholders filled in.</summary>
    public static bool IsUnmodified(CannedAnswer answer, CustomerPost post, Person agent, string text)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return AnswerTemplate.IsFilledIn(answer.Body, text, KnownValues(post, agent));
    }

    /// <summary>Values the post and the person give; null where they give none.</summary>
    public static Func<string, string?> KnownValues(CustomerPost post, Person agent)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(agent);
        return name => name switch
        {
            AnswerTemplate.CustomerName => FirstWord(post.Author.DisplayName),
            AnswerTemplate.CustomerHandle => string.IsNullOrWhiteSpace(post.Author.Handle) ? null : post.Author.Handle.Trim(),
            AnswerTemplate.AgentName => FirstWord(agent.Name),
            AnswerTemplate.PostUrl => string.IsNullOrWhiteSpace(post.Url) ? null : post.Url.Trim(),
            _ => null,
        };
    }

    private static string? Default(CannedAnswer answer, string name) =>
        answer.Placeholders.FirstOrDefault(p => p.Name == name)?.Default is { Length: > 0 } value ? value : null;

    private static string? FirstWord(string? text) =>
        text?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();

    private static string WhyMissing(string name) => name switch
    {
        AnswerTemplate.CustomerName => "The customer gave no name and the answer has no default for {customer.name}: write the name or a greeting in its place.",
        AnswerTemplate.PostUrl => "This post has no link and the answer has no default for {post.url}: put the link in its place.",
        AnswerTemplate.CustomerHandle => "This post has no handle and the answer has no default for {customer.handle}: fill it in.",
        _ => $"Fill in {{{name}}}: the answer has no default for it.",
    };
}

/// <summary>
/// An answer personalised for one post and one person. When a placeholder has no value and
/// no default, <see cref="Text"/> is null and <see cref="Message"/> says what to fill in;
/// <see cref="Draft"/> then keeps that placeholder for the person to replace.
/// </summary>
public sealed record AnswerRendering(string Draft, IReadOnlyList<string> Missing, string? Message)
{
    /// <summary>The text ready to send, or null while something is missing.</summary>
    public string? Text => Missing.Count == 0 ? Draft : null;

    public bool IsComplete => Missing.Count == 0;
}
