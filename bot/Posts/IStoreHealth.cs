namespace ChatOpsReply.Posts;

public interface IStoreHealth
{
    /// <summary>True when the store answers a trivial request.</summary>
    Task<bool> IsReadyAsync(CancellationToken cancellationToken = default);
}
