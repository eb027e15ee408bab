using ChatOpsReply.Posts;

namespace ChatOpsReply.Crises;

/// <summary>What moving a crisis's posts came to: how many moved, and each one that did not, with why.</summary>
public sealed record CrisisMoves(int Moved, IReadOnlyList<CrisisMiss> Missed)
{
    public static readonly CrisisMoves None = new(0, []);
}

/// <summary>A post the crisis did not move, and the sentence that says why (it changed meanwhile, or the workflow refused).</summary>
public sealed record CrisisMiss(CustomerPost Post, string Reason);
