namespace ChatOpsReply.Cards;

public sealed record CardChoice(string Value, string Title);
