namespace ChatOpsReply.Cards;

public sealed record CardNote(DateTimeOffset At, string Text);
