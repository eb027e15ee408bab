namespace ChatOpsReply.Sources.Email;

/// <summary>
/// How far a mailbox folder was read: the highest UID taken in, valid only while the folder keeps
/// its UIDVALIDITY (a server that renumbers the folder changes it, and reading starts over).
/// </summary>
public sealed record MailboxBookmark(uint UidValidity, uint LastUid);
