namespace ChatOpsReply.Cards;

public sealed record CardBadge(string Text, CardTone Tone);
