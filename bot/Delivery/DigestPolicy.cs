namespace ChatOpsReply.Delivery;

/// <summary>When a new card goes on its channel's digest instead of waiting for its turn.</summary>
/// <param name="After">A card that would wait longer than this for its channel's turn goes on the digest.</param>
/// <param name="AloneWhileFilling">
/// While a digest is filling (a line added within <paramref name="After"/>), whether a card may still
/// go alone when the channel takes it at once. Where the pace holds turns for waiting messages (a
/// token bucket) it may; where every call takes whatever slot is free (sliding windows), a card
/// would take the slot the digest waits for, so it goes on the digest too.
/// </param>
public sealed record DigestPolicy(TimeSpan After, bool AloneWhileFilling);
