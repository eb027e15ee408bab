using ChatOpsReply.Cards;
using ChatOpsReply.Guidelines;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Tests.Support;

/// <summary>The same library suggestions for every post, for card builders made outside a host.</summary>
public sealed class FixedAnswerSuggestions(params CardChoice[] choices) : IAnswerSuggestions
{
    public IReadOnlyList<CardChoice> Suggest(CustomerPost post) => choices;

    public SuggestedAnswer? TakeOffline(CustomerPost post) => null;
}
