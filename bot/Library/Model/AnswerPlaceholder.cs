namespace ChatOpsReply.Library.Model;

/// <summary>A placeholder an answer declares, with the value used when nothing better is known.</summary>
/// <param name="Name">Lower case, dotted: <c>order.number</c>; a built-in name gives that placeholder a default.</param>
/// <param name="Default">Null: no default, so a reply cannot go out until someone fills it in.</param>
public sealed record AnswerPlaceholder(string Name, string? Default);
