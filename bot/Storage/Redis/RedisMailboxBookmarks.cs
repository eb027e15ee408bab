using System.Globalization;
using ChatOpsReply.Sources.Email;
using StackExchange.Redis;

namespace ChatOpsReply.Storage.Redis;

/// <summary>A mailbox's bookmark in a hash (validity, uid), moved forward by one script so instances never move it back.</summary>
public sealed class RedisMailboxBookmarks(RedisDatabase redis) : IMailboxBookmarks
{
    private static readonly LuaScript Advance = LuaScript.Prepare("""
        local validity = redis.call('HGET', @bookmark, 'validity')
        local uid = redis.call('HGET', @bookmark, 'uid')
        if validity == @validity and uid and tonumber(uid) >= tonumber(@uid) then return 0 end
        redis.call('HSET', @bookmark, 'validity', @validity, 'uid', @uid)
        return 1
        """);

    public Task<MailboxBookmark?> GetAsync(string mailbox, CancellationToken cancellationToken = default) =>
        redis.RunAsync(async db =>
        {
            var fields = await db.HashGetAsync(redis.Keys.MailboxBookmark(mailbox), ["validity", "uid"]).ConfigureAwait(false);
            return fields[0].IsNull || fields[1].IsNull
                ? null
                : new MailboxBookmark(uint.Parse((string)fields[0]!, CultureInfo.InvariantCulture), uint.Parse((string)fields[1]!, CultureInfo.InvariantCulture));
        }, cancellationToken);

    public Task AdvanceAsync(string mailbox, MailboxBookmark bookmark, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bookmark);
        return redis.EvaluateAsync(
            Advance,
            new
            {
                bookmark = redis.Keys.MailboxBookmark(mailbox),
                validity = bookmark.UidValidity.ToString(CultureInfo.InvariantCulture),
                uid = bookmark.LastUid.ToString(CultureInfo.InvariantCulture),
            },
            cancellationToken);
    }
}
