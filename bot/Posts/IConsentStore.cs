using ChatOpsReply.Guidelines;

namespace ChatOpsReply.Posts;

/// <summary>Customers' texting consent, the latest record per source and handle.</summary>
public interface IConsentStore
{
    Task<ConsentRecord?> GetAsync(string source, string handle, CancellationToken cancellationToken = default);

    Task SetAsync(ConsentRecord record, CancellationToken cancellationToken = default);
}
