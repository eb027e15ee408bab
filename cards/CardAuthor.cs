namespace ChatOpsReply.Cards;

public sealed record CardAuthor(string Handle, string? DisplayName)
{
    public string Label => string.IsNullOrWhiteSpace(DisplayName) ? Handle : $"{DisplayName} ({Handle})";
}
