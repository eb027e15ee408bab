namespace ChatOpsReply.Cards;

public enum CardActionStyle
{
    Default,
    Primary,
    Danger,
}
