using System.Globalization;
using ChatOpsReply.Delivery;
using StackExchange.Redis;

namespace ChatOpsReply.Storage.Redis;

/// <summary>
/// A digest's lines, messages and lease under one scope's keys (<see cref="RedisKeys.Digest"/>), each
/// change in one script, so two instances never place a line twice or lose a change to draw.
/// </summary>
public sealed class RedisDigestStore(RedisDatabase redis) : IDigestStore
{
    private static readonly LuaScript Add = LuaScript.Prepare("""
        if redis.call('HSETNX', @lines, @post, '0') == 0 then return 0 end
        redis.call('ZADD', @waiting, redis.call('INCR', @seq), @post)
        redis.call('SET', @added, @now)
        return 1
        """);

    private static readonly LuaScript MarkChanged = LuaScript.Prepare("""
        local n = redis.call('HGET', @lines, @post)
        if (not n) or n == '0' then return 0 end
        redis.call('HINCRBY', @messages, n .. ':changes', 1)
        redis.call('SADD', @todraw, n)
        return 1
        """);

    private static readonly LuaScript Lease = LuaScript.Prepare("""
        local holder = redis.call('GET', @lease)
        if holder and holder ~= @holder then return 0 end
        redis.call('SET', @lease, @holder, 'PX', @ms)
        return 1
        """);

    private static readonly LuaScript Release = LuaScript.Prepare("""
        if redis.call('GET', @lease) == @holder then redis.call('DEL', @lease) end
        return 0
        """);

    // Returns {waiting ids, {n, lines, changes, drawn, drawn_at or ''}, ...}.
    private static readonly LuaScript Read = LuaScript.Prepare("""
        local numbers = redis.call('SMEMBERS', @todraw)
        local newest = redis.call('ZREVRANGE', @numbers, 0, 0)
        if newest[1] then table.insert(numbers, newest[1]) end
        local seen = {}
        local result = { redis.call('ZRANGE', @waiting, 0, tonumber(@max) - 1) }
        for _, n in ipairs(numbers) do
            if not seen[n] then
                seen[n] = true
                local info = redis.call('HMGET', @messages, n .. ':lines', n .. ':changes', n .. ':drawn', n .. ':drawn_at')
                table.insert(result, { n, info[1] or '0', info[2] or '0', info[3] or '0', info[4] or '' })
            end
        end
        return result
        """);

    private static readonly LuaScript Place = LuaScript.Prepare("""
        local placed = 0
        for post in string.gmatch(@posts, '[^\n]+') do
            if redis.call('HGET', @lines, post) == '0' then
                redis.call('HSET', @lines, post, @n)
                redis.call('ZREM', @waiting, post)
                redis.call('RPUSH', @list, post)
                placed = placed + 1
            end
        end
        if placed > 0 then
            redis.call('HINCRBY', @messages, @n .. ':lines', placed)
            redis.call('HINCRBY', @messages, @n .. ':changes', 1)
            redis.call('ZADD', @numbers, tonumber(@n), @n)
            redis.call('SADD', @todraw, @n)
        end
        return placed
        """);

    private static readonly LuaScript MarkDrawn = LuaScript.Prepare("""
        local drawn = tonumber(redis.call('HGET', @messages, @n .. ':drawn') or '0')
        if tonumber(@changes) > drawn then
            drawn = tonumber(@changes)
            redis.call('HSET', @messages, @n .. ':drawn', @changes)
        end
        redis.call('HSET', @messages, @n .. ':drawn_at', @now)
        if tonumber(redis.call('HGET', @messages, @n .. ':changes') or '0') <= drawn then redis.call('SREM', @todraw, @n) end
        return 0
        """);

    public async Task<bool> AddAsync(string scope, string postId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var added = (long)await redis.EvaluateAsync(
            Add,
            new { lines = Key(scope, "lines"), waiting = Key(scope, "waiting"), seq = Key(scope, "seq"), added = Key(scope, "added"), post = postId, now = RedisText.Ms(now) },
            cancellationToken).ConfigureAwait(false) == 1;
        // Another slot: written after, and again on every add, so a scope with lines is always listed.
        await redis.RunAsync(db => db.SetAddAsync(redis.Keys.DigestScopes, scope), cancellationToken).ConfigureAwait(false);
        return added;
    }

    public Task<int?> MessageOfAsync(string scope, string postId, CancellationToken cancellationToken = default) =>
        redis.RunAsync(async db => await db.HashGetAsync(Key(scope, "lines"), postId).ConfigureAwait(false) is { IsNull: false } n ? (int?)(int)n : null, cancellationToken);

    public Task<DateTimeOffset?> LastAddedAsync(string scope, CancellationToken cancellationToken = default) =>
        redis.RunAsync(async db => await db.StringGetAsync(Key(scope, "added")).ConfigureAwait(false) is { IsNull: false } at ? (DateTimeOffset?)RedisText.FromMs(at) : null, cancellationToken);

    public Task MarkChangedAsync(string scope, string postId, CancellationToken cancellationToken = default) =>
        redis.EvaluateAsync(MarkChanged, new { lines = Key(scope, "lines"), messages = Key(scope, "messages"), todraw = Key(scope, "todraw"), post = postId }, cancellationToken);

    public Task<IReadOnlyList<string>> BusyScopesAsync(CancellationToken cancellationToken = default) =>
        redis.RunAsync<IReadOnlyList<string>>(async db =>
        {
            var scopes = (await db.SetMembersAsync(redis.Keys.DigestScopes).ConfigureAwait(false)).Select(s => (string)s!).ToList();
            var counts = await Task.WhenAll(scopes.Select(async scope =>
                await db.SortedSetLengthAsync(Key(scope, "waiting")).ConfigureAwait(false) + await db.SetLengthAsync(Key(scope, "todraw")).ConfigureAwait(false))).ConfigureAwait(false);
            return [.. scopes.Where((_, i) => counts[i] > 0).Order(StringComparer.Ordinal)];
        }, cancellationToken);

    public async Task<bool> TryLeaseAsync(string scope, string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        (long)await redis.EvaluateAsync(Lease, new { lease = Key(scope, "lease"), holder, ms = RedisText.Number(Math.Max(1, (long)(until - now).TotalMilliseconds)) }, cancellationToken).ConfigureAwait(false) == 1;

    public Task ReleaseAsync(string scope, string holder, CancellationToken cancellationToken = default) =>
        redis.EvaluateAsync(Release, new { lease = Key(scope, "lease"), holder }, cancellationToken);

    public async Task<DigestState> ReadAsync(string scope, int maxWaiting, CancellationToken cancellationToken = default)
    {
        var result = (RedisResult[])(await redis.EvaluateAsync(
            Read,
            new { todraw = Key(scope, "todraw"), numbers = Key(scope, "numbers"), waiting = Key(scope, "waiting"), messages = Key(scope, "messages"), max = RedisText.Number(Math.Max(1, maxWaiting)) },
            cancellationToken).ConfigureAwait(false))!;
        var waiting = ((RedisResult[])result[0]!).Select(r => (string)r!).ToList();
        var messages = result.Skip(1).Select(r =>
        {
            var f = ((RedisResult[])r!).Select(v => (string)v!).ToArray();
            return new DigestMessage(int.Parse(f[0], CultureInfo.InvariantCulture), int.Parse(f[1], CultureInfo.InvariantCulture), long.Parse(f[2], CultureInfo.InvariantCulture), long.Parse(f[3], CultureInfo.InvariantCulture), f[4].Length > 0 ? RedisText.FromMs(f[4]) : null);
        }).OrderBy(m => m.Number).ToList();
        return new DigestState(messages, waiting);
    }

    public async Task<int> PlaceAsync(string scope, int message, IReadOnlyList<string> postIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(postIds);
        ArgumentOutOfRangeException.ThrowIfLessThan(message, 1);
        var n = RedisText.Number(message);
        return (int)(long)await redis.EvaluateAsync(
            Place,
            new
            {
                lines = Key(scope, "lines"),
                waiting = Key(scope, "waiting"),
                list = Key(scope, "m:" + n),
                messages = Key(scope, "messages"),
                numbers = Key(scope, "numbers"),
                todraw = Key(scope, "todraw"),
                n,
                posts = string.Join('\n', postIds),
            },
            cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<string>> LinesAsync(string scope, int message, CancellationToken cancellationToken = default) =>
        redis.RunAsync<IReadOnlyList<string>>(async db => [.. (await db.ListRangeAsync(Key(scope, "m:" + RedisText.Number(message))).ConfigureAwait(false)).Select(v => (string)v!)], cancellationToken);

    public Task MarkDrawnAsync(string scope, int message, long changes, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        redis.EvaluateAsync(
            MarkDrawn,
            new { messages = Key(scope, "messages"), todraw = Key(scope, "todraw"), n = RedisText.Number(message), changes = RedisText.Number(changes), now = RedisText.Ms(now) },
            cancellationToken);

    private RedisKey Key(string scope, string part) => redis.Keys.Digest(scope, part);
}
