namespace ChatOpsReply.Teams;

/// <summary>What the check of a request's bearer token found.</summary>
/// <param name="ServiceUrl">The token's <c>serviceurl</c> claim: the only connector address this request may make us call.</param>
/// <param name="Endorsements">The channels the signing key is endorsed for (e.g. "msteams").</param>
public sealed record BotFrameworkCheck(BotFrameworkCheckOutcome Outcome, string Reason, string? ServiceUrl = null, IReadOnlyList<string>? Endorsements = null)
{
    public bool IsValid => Outcome == BotFrameworkCheckOutcome.Valid;

    public static BotFrameworkCheck Unauthorized(string reason) => new(BotFrameworkCheckOutcome.Unauthorized, reason);
}
