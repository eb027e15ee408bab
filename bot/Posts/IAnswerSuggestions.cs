using ChatOpsReply.Cards;

namespace ChatOpsReply.Posts;

/// <summary>Library answers that fit a post, offered on its draft dialog (value: the answer id).</summary>
public interface IAnswerSuggestions
{
    IReadOnlyList<CardChoice> Suggest(CustomerPost post);
}
