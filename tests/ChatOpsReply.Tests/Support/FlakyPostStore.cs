using ChatOpsReply.Posts;
using ChatOpsReply.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsReply.Tests.Support;

/// <summary>The SQLite post store that can be made unreachable on demand, as a store is during an outage.</summary>
public sealed class FlakyPostStore(SqlitePostStore store) : IPostStore
{
    public bool Down { get; set; }

    /// <summary>Registers it in place of the configured post store.</summary>
    public static void Use(IServiceCollection services)
    {
        services.AddSingleton<SqlitePostStore>();
        services.AddSingleton<FlakyPostStore>();
        services.AddSingleton<IPostStore>(sp => sp.GetRequiredService<FlakyPostStore>());
    }

    private T Up<T>(T value) => Down ? throw new StoreUnavailableException("The test took the store down.") : value;

    public Task<CustomerPost?> GetAsync(string postId, CancellationToken cancellationToken = default) => Up(store).GetAsync(postId, cancellationToken);

    public Task<string?> FindIngestedAsync(IngestKey key, CancellationToken cancellationToken = default) => Up(store).FindIngestedAsync(key, cancellationToken);

    public Task<CustomerPost?> FindActiveInThreadAsync(string source, string threadId, CancellationToken cancellationToken = default) => Up(store).FindActiveInThreadAsync(source, threadId, cancellationToken);

    /// <summary>Runs once after a list is read and before it is answered: someone acting on a listed post meanwhile.</summary>
    public Func<Task>? WhileListing { get; set; }

    public async Task<IReadOnlyList<CustomerPost>> ListAsync(PostQuery query, CancellationToken cancellationToken = default)
    {
        var listed = await Up(store).ListAsync(query, cancellationToken).ConfigureAwait(false);
        if (WhileListing is { } meanwhile)
        {
            WhileListing = null;
            await meanwhile().ConfigureAwait(false);
        }

        return listed;
    }

    public Task<IReadOnlyDictionary<PostState, long>> CountByStateAsync(CancellationToken cancellationToken = default) => Up(store).CountByStateAsync(cancellationToken);

    public Task<bool> WasAppliedAsync(string commandKey, CancellationToken cancellationToken = default) => Up(store).WasAppliedAsync(commandKey, cancellationToken);

    public Task<CreateOutcome> CreateAsync(NewPost post, CancellationToken cancellationToken = default) => Up(store).CreateAsync(post, cancellationToken);

    public Task<SaveOutcome> SaveAsync(PostChange change, CancellationToken cancellationToken = default) => Up(store).SaveAsync(change, cancellationToken);

    public Task PurgeCommandKeysAsync(DateTimeOffset before, CancellationToken cancellationToken = default) => Up(store).PurgeCommandKeysAsync(before, cancellationToken);
}
