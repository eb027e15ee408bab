namespace ChatOpsReply.Http;

public enum SignatureCheck
{
    Valid,
    Missing,

    /// <summary>The timestamp is unreadable or more than five minutes away from now.</summary>
    Stale,
    Mismatch,
}
