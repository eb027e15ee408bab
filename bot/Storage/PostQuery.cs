using ChatOpsReply.Posts;

namespace ChatOpsReply.Storage;

/// <summary>Which posts to list; every filter is optional. Newest first.</summary>
public sealed record PostQuery
{
    public string? Queue { get; init; }

    public IReadOnlyCollection<PostState>? States { get; init; }

    public string? Owner { get; init; }

    public int Limit { get; init; } = 200;
}
