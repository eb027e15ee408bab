namespace ChatOpsReply.Cards;

public sealed record CardDraft(string Text, string DraftedBy, string? Status);
