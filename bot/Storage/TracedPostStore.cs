using System.Diagnostics;
using ChatOpsReply.Posts;
using ChatOpsReply.Telemetry;

namespace ChatOpsReply.Storage;

/// <summary>
/// A post store whose calls about one post are spans of the trace that made them ("store create",
/// "store save", "store get"), named for the post and the store, with how each ended. The calls
/// about many posts pass straight through. While nobody listens it only forwards.
/// </summary>
/// <param name="system">The store, as OpenTelemetry's db.system.name says it: "sqlite" or "redis".</param>
public sealed class TracedPostStore(IPostStore store, string system) : IPostStore
{
    public Task<CustomerPost?> GetAsync(string postId, CancellationToken cancellationToken = default) =>
        TracedAsync("store get", postId, () => store.GetAsync(postId, cancellationToken), post => post is null ? "NotFound" : "Found");

    public Task<string?> FindIngestedAsync(IngestKey key, CancellationToken cancellationToken = default) => store.FindIngestedAsync(key, cancellationToken);

    public Task<CustomerPost?> FindActiveInThreadAsync(string source, string threadId, CancellationToken cancellationToken = default) =>
        store.FindActiveInThreadAsync(source, threadId, cancellationToken);

    public Task<IReadOnlyList<CustomerPost>> ListAsync(PostQuery query, CancellationToken cancellationToken = default) => store.ListAsync(query, cancellationToken);

    public Task<IReadOnlyDictionary<PostState, long>> CountByStateAsync(CancellationToken cancellationToken = default) => store.CountByStateAsync(cancellationToken);

    public Task<bool> WasAppliedAsync(string commandKey, CancellationToken cancellationToken = default) => store.WasAppliedAsync(commandKey, cancellationToken);

    public Task<CreateOutcome> CreateAsync(NewPost post, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(post);
        return TracedAsync(
            "store create",
            post.Post.Id,
            () => store.CreateAsync(post, cancellationToken),
            outcome => outcome.Created ? "Created" : outcome.ThreadActive ? "ThreadActive" : "Duplicate");
    }

    public Task<SaveOutcome> SaveAsync(PostChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return TracedAsync("store save", change.Post.Id, () => store.SaveAsync(change, cancellationToken), outcome => outcome.ToString());
    }

    public Task PurgeCommandKeysAsync(DateTimeOffset before, CancellationToken cancellationToken = default) => store.PurgeCommandKeysAsync(before, cancellationToken);

    private Task<T> TracedAsync<T>(string name, string postId, Func<Task<T>> call, Func<T, string> outcome) =>
        ServiceTrace.Source.HasListeners() ? RunAsync(name, postId, call, outcome) : call();

    // Async, so the span is the current one for this call only and not for the caller after it.
    private async Task<T> RunAsync<T>(string name, string postId, Func<Task<T>> call, Func<T, string> outcome)
    {
        using var activity = ServiceTrace.Start(name, postId, ActivityKind.Client);
        activity?.SetTag("db.system.name", system);
        try
        {
            var result = await call().ConfigureAwait(false);
            activity?.SetTag(ServiceTrace.Outcome, outcome(result));
            return result;
        }
        catch (Exception e)
        {
            activity.Failed(e);
            throw;
        }
    }
}
