using ChatOpsReply.Posts;
using ChatOpsReply.Storage;

namespace ChatOpsReply.Tests.Support;

/// <summary>The real post store, which can be made unavailable on demand, as a store is when its server is down.</summary>
public sealed class SwitchablePostStore(IPostStore inner) : IPostStore
{
    public bool Unavailable { get; set; }

    public Task<CustomerPost?> GetAsync(string postId, CancellationToken cancellationToken = default) => Run(() => inner.GetAsync(postId, cancellationToken));

    public Task<string?> FindIngestedAsync(IngestKey key, CancellationToken cancellationToken = default) => Run(() => inner.FindIngestedAsync(key, cancellationToken));

    public Task<CustomerPost?> FindActiveInThreadAsync(string source, string threadId, CancellationToken cancellationToken = default) => Run(() => inner.FindActiveInThreadAsync(source, threadId, cancellationToken));

    public Task<IReadOnlyList<CustomerPost>> ListAsync(PostQuery query, CancellationToken cancellationToken = default) => Run(() => inner.ListAsync(query, cancellationToken));

    public Task<IReadOnlyDictionary<PostState, long>> CountByStateAsync(CancellationToken cancellationToken = default) => Run(() => inner.CountByStateAsync(cancellationToken));

    public Task<bool> WasAppliedAsync(string commandKey, CancellationToken cancellationToken = default) => Run(() => inner.WasAppliedAsync(commandKey, cancellationToken));

    public Task<CreateOutcome> CreateAsync(NewPost post, CancellationToken cancellationToken = default) => Run(() => inner.CreateAsync(post, cancellationToken));

    public Task<SaveOutcome> SaveAsync(PostChange change, CancellationToken cancellationToken = default) => Run(() => inner.SaveAsync(change, cancellationToken));

    public Task PurgeCommandKeysAsync(DateTimeOffset before, CancellationToken cancellationToken = default) => Run(async () =>
    {
        await inner.PurgeCommandKeysAsync(before, cancellationToken);
        return true;
    });

    private Task<T> Run<T>(Func<Task<T>> call) =>
        Unavailable ? Task.FromException<T>(new StoreUnavailableException("The test made the store unavailable.")) : call();
}
