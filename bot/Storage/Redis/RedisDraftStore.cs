using System.Text.Json;
using ChatOpsReply.WebConsole.Drafts;

namespace ChatOpsReply.Storage.Redis;

/// <summary>Drafts in one hash per post (field: person id), so a post's drafts are read in one call.</summary>
public sealed class RedisDraftStore(RedisDatabase redis) : IDraftStore
{
    public Task SaveAsync(WorkingDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return redis.RunAsync(db => db.HashSetAsync(redis.Keys.PostDrafts(draft.PostId), draft.PersonId, JsonSerializer.Serialize(draft, StoreJson.Default.WorkingDraft)), cancellationToken);
    }

    public Task<IReadOnlyList<WorkingDraft>> ForPostAsync(string postId, CancellationToken cancellationToken = default) =>
        redis.RunAsync(async db =>
        {
            var entries = await db.HashGetAllAsync(redis.Keys.PostDrafts(postId)).ConfigureAwait(false);
            return (IReadOnlyList<WorkingDraft>)[.. entries
                .Select(e => JsonSerializer.Deserialize((string)e.Value!, StoreJson.Default.WorkingDraft)!)
                .OrderByDescending(d => d.SavedAt)
                .ThenBy(d => d.PersonId, StringComparer.Ordinal)];
        }, cancellationToken);

    public Task DeleteAsync(string postId, string personId, CancellationToken cancellationToken = default) =>
        redis.RunAsync(db => db.HashDeleteAsync(redis.Keys.PostDrafts(postId), personId), cancellationToken);
}
