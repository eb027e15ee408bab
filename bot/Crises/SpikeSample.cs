namespace ChatOpsReply.Crises;

/// <param name="Author">The customer as cards show them, hidden characters made visible.</param>
/// <param name="Text">The post's words, shortened, hidden characters made visible.</param>
public sealed record SpikeSample(string PostId, string Author, string Source, string Text);
