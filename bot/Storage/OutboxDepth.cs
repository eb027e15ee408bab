namespace ChatOpsReply.Storage;

/// <param name="Pending">Messages still to deliver.</param>
/// <param name="Failed">Messages given up on.</param>
public sealed record OutboxDepth(long Pending, long Failed);
