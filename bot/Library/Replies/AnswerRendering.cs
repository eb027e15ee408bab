namespace ChatOpsReply.Library.Replies;

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
