using ChatOpsReply.Cards;
using ChatOpsReply.Guidelines;

namespace ChatOpsReply.Posts;

/// <summary>Library answers that fit a post, offered on its draft dialog (value: the answer id).</summary>
public interface IAnswerSuggestions
{
    IReadOnlyList<CardChoice> Suggest(CustomerPost post);

    /// <summary>The approved answer that offers to take a heated public thread private (tagged <c>Library:TakeOfflineTag</c>) that fits the post best, or null.</summary>
    SuggestedAnswer? TakeOffline(CustomerPost post);
}
