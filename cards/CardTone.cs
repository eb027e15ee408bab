namespace ChatOpsReply.Cards;

/// <summary>How loudly a card or badge should stand out; each renderer maps it to its own styles.</summary>
public enum CardTone
{
    Neutral,
    Good,
    Attention,
    Warning,
}
