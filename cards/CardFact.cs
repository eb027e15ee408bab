namespace ChatOpsReply.Cards;

public sealed record CardFact(string Label, string Value);
