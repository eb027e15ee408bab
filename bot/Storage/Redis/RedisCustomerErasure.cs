using System.Text.Json;
using ChatOpsReply.Posts;
using ChatOpsReply.Privacy;
using StackExchange.Redis;

namespace ChatOpsReply.Storage.Redis;

/// <summary>
/// An erasure's traces in Redis. A post's audit list is only ever appended to, so an entry keeps
/// its index and is replaced in place, keeping its sequence, hash, link and chain.
/// </summary>
public sealed class RedisCustomerErasure(RedisDatabase redis) : ICustomerErasureStore
{
    public Task<ErasedTraces> EraseTracesAsync(string source, string handle, IReadOnlyList<string> postIds, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(postIds);
        var keys = redis.Keys;
        return redis.RunAsync(async db =>
        {
            int events = 0, drafts = 0;
            foreach (var postId in postIds)
            {
                var entries = await db.ListRangeAsync(keys.PostAudit(postId)).ConfigureAwait(false);
                for (var i = 0; i < entries.Length; i++)
                {
                    var fields = ((string)entries[i]!).Split('|', 5);
                    var chained = RedisAuditTrail.Parse((string)entries[i]!);
                    if (AuditChain.Erase(chained.Event) is not { } erased)
                    {
                        continue;
                    }

                    var json = JsonSerializer.Serialize(erased with { Sequence = 0 }, StoreJson.Default.AuditEvent);
                    var text = chained.Hash is null ? $"{fields[0]}|{json}" : $"{fields[0]}|{fields[1]}|{fields[2]}|{fields[3]}|{json}";
                    await db.ListSetByIndexAsync(keys.PostAudit(postId), i, text).ConfigureAwait(false);
                    events++;
                }

                drafts += (int)await db.HashLengthAsync(keys.PostDrafts(postId)).ConfigureAwait(false);
                await db.KeyDeleteAsync(keys.PostDrafts(postId)).ConfigureAwait(false);
                if (await db.HashGetAsync(keys.Post(postId), "body").ConfigureAwait(false) is { IsNull: false } body
                    && JsonSerializer.Deserialize((string)body!, StoreJson.Default.CustomerPost) is { } post)
                {
                    var words = PostSearchWords.OfCustomer(post.Author).Select(w => keys.PostsWithWord(RedisPostStore.CustomerWords, w))
                        .Concat(PostSearchWords.Of(post.Text).Select(w => keys.PostsWithWord(RedisPostStore.TextWords, w)));
                    foreach (var key in words)
                    {
                        await db.SortedSetRemoveAsync(key, postId).ConfigureAwait(false);
                    }
                }
            }

            // Replies' text lives only in the post's body, which the save erases; what is left is when they went.
            var replies = (int)await db.SortedSetLengthAsync(keys.SentTo(source, handle)).ConfigureAwait(false);
            await db.KeyDeleteAsync(keys.SentTo(source, handle)).ConfigureAwait(false);
            var consent = await db.KeyDeleteAsync(keys.Consent(source, handle)).ConfigureAwait(false);
            return new ErasedTraces(events, replies, drafts, consent);
        }, cancellationToken);
    }

    public Task ForgetHandleAsync(string source, string handle, IReadOnlyList<string> postIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(postIds);
        return redis.RunAsync(db => db.SortedSetRemoveAsync(redis.Keys.CustomerPosts(source, handle), [.. postIds.Select(id => (RedisValue)id)]), cancellationToken);
    }
}
