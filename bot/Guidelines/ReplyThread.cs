namespace ChatOpsReply.Guidelines;

/// <summary>What the house rules need to know about the thread a reply goes into.</summary>
/// <param name="Source">Where the reply goes ("x", "sms", …): length, texting and public-page rules depend on it.</param>
/// <param name="CustomerName">What to call the customer; a reply should use it.</param>
/// <param name="CustomerTexts">What the customer wrote, first message first: a heated thread should move to a private channel.</param>
/// <param name="EarlierReplies">Replies already sent in the thread: the same one twice reads as a script.</param>
public sealed record ReplyThread(string Source, string CustomerName, IReadOnlyList<string> CustomerTexts, IReadOnlyList<string> EarlierReplies);
