using ChatOpsReply.Guidelines;

namespace ChatOpsReply.Posts;

/// <summary>
/// Customers' texting consent, the latest record per source and handle. A record older than the
/// one stored never replaces it, whichever arrives last.
/// </summary>
public interface IConsentStore
{
    Task<ConsentRecord?> GetAsync(string source, string handle, CancellationToken cancellationToken = default);

    /// <summary>A consent change nothing the customer sent carries (Twilio's error 21610 on our own text).</summary>
    Task SetAsync(ConsentRecord record, CancellationToken cancellationToken = default);

    /// <summary>
    /// The consent change a customer's message made (START, STOP), recorded once per message: the
    /// message is kept with the ingested ones, without a post (<see cref="IPostStore.FindIngestedAsync"/>
    /// then answers <see cref="NoPost"/>), in the same write, so a redelivered or replayed keyword
    /// changes nothing. False when the message was recorded before.
    /// </summary>
    Task<bool> RecordAsync(ConsentRecord record, IngestKey message, CancellationToken cancellationToken = default);

    /// <summary>What a message that was only a consent change is ingested as, in place of a post id.</summary>
    public const string NoPost = "";
}
