using System.Text.Json;
using ChatOpsReply.Library.Model;
using StackExchange.Redis;

namespace ChatOpsReply.Storage.Redis;

/// <summary>
/// The answer library in Redis: the current version of each answer as JSON in one hash, its
/// version number in another (compare-and-set), a list per answer of every version (only ever
/// pushed to), a change stamp each write moves on, and a sorted set of answer ids by the stamp
/// of their last write, which is what other instances read to keep their search index current.
/// Writes and the reading of changes are Lua scripts, so a reader never sees half a write and
/// the stamp it gets covers exactly what it read.
/// </summary>
public sealed class RedisCannedAnswerStore(RedisDatabase redis) : ICannedAnswerStore
{
    /// <summary>Returns "" when saved, else the id of the first answer whose stored version was not the one before it.</summary>
    private static readonly LuaScript Save = LuaScript.Prepare(RedisKeys.Lua + """
        local answers = cjson.decode(@answers)
        -- Everything is checked before the first write: Redis does not undo a script half-way.
        local seen = {}
        for _, a in ipairs(answers) do
          local stored = seen[a.id] or tonumber(redis.call('HGET', @versions, a.id) or '0')
          if stored ~= a.version - 1 then return a.id end
          seen[a.id] = a.version
        end
        local now = redis.call('INCR', @stamp)
        for _, a in ipairs(answers) do
          redis.call('HSET', @current, a.id, a.body)
          redis.call('HSET', @versions, a.id, a.version)
          redis.call('ZADD', @changed, now, a.id)
          redis.call('RPUSH', answerHistoryKey(a.id), a.body)
        end
        return ''
        """);

    /// <summary>Returns { stamp, { bodies of the answers written after @since (not 0) } } from one moment.</summary>
    private static readonly LuaScript Changes = LuaScript.Prepare("""
        local now = redis.call('GET', @stamp) or '0'
        if now == @since then return { now, {} } end
        local bodies = {}
        for _, id in ipairs(redis.call('ZRANGEBYSCORE', @changed, '(' .. @since, '+inf')) do
          bodies[#bodies + 1] = redis.call('HGET', @current, id)
        end
        return { now, bodies }
        """);

    /// <summary>Returns 1 the first time a sent reply records its use, 0 after.</summary>
    private static readonly LuaScript RecordUse = LuaScript.Prepare("""
        if redis.call('HSETNX', @uses, @reply, @answer .. '#' .. @version) == 0 then return 0 end
        redis.call('HINCRBY', @usage, @answer, 1)
        local last = redis.call('HGET', @lastUsed, @answer)
        if not last or tonumber(last) < tonumber(@at) then redis.call('HSET', @lastUsed, @answer, @at) end
        return 1
        """);

    private RedisKeys Keys => redis.Keys;

    public Task<CannedAnswer?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        redis.RunAsync(async db => Read(await db.HashGetAsync(Keys.Answers, id).ConfigureAwait(false)), cancellationToken);

    public Task<CannedAnswer?> GetVersionAsync(string id, int version, CancellationToken cancellationToken = default) =>
        version < 1
            ? Task.FromResult<CannedAnswer?>(null)
            : redis.RunAsync(async db => Read(await db.ListGetByIndexAsync(Keys.AnswerHistory(id), version - 1).ConfigureAwait(false)), cancellationToken);

    public Task<IReadOnlyList<CannedAnswer>> HistoryAsync(string id, CancellationToken cancellationToken = default) =>
        redis.RunAsync(
            async db => (IReadOnlyList<CannedAnswer>)[.. (await db.ListRangeAsync(Keys.AnswerHistory(id)).ConfigureAwait(false)).Select(body => Read(body)!)],
            cancellationToken);

    public async Task<AnswerSaveOutcome> SaveAsync(IReadOnlyList<CannedAnswer> answers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (answers.Count == 0)
        {
            return AnswerSaveOutcome.Saved;
        }

        var entries = answers.Select(a => new RedisAnswerEntry(a.Id, a.Version, JsonSerializer.Serialize(a, StoreJson.Default.CannedAnswer))).ToList();
        var result = await redis.EvaluateAsync(
            Save,
            new
            {
                prefix = Keys.Prefix,
                current = Keys.Answers,
                versions = Keys.AnswerVersions,
                stamp = Keys.AnswerStamp,
                changed = Keys.AnswersChanged,
                answers = JsonSerializer.Serialize(entries, RedisJson.Default.ListRedisAnswerEntry),
            },
            cancellationToken).ConfigureAwait(false);
        return (string)result! is { Length: > 0 } conflicting ? new AnswerSaveOutcome(conflicting) : AnswerSaveOutcome.Saved;
    }

    public async Task<AnswerChanges> ChangesSinceAsync(long stamp, CancellationToken cancellationToken = default)
    {
        RedisValue now;
        RedisValue[] bodies;
        if (stamp == 0)
        {
            // Everything (an instance starting): a transaction reads the stamp and the answers at one
            // moment, without copying tens of thousands of answers through a script.
            (now, bodies) = await redis.RunAsync(async db =>
            {
                var read = db.CreateTransaction();
                var at = read.StringGetAsync(Keys.AnswerStamp);
                var all = read.HashValuesAsync(Keys.Answers);
                await read.ExecuteAsync().ConfigureAwait(false);
                return (await at.ConfigureAwait(false), await all.ConfigureAwait(false));
            }, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var result = (RedisResult[])(await redis.EvaluateAsync(Changes, new { current = Keys.Answers, stamp = Keys.AnswerStamp, changed = Keys.AnswersChanged, since = RedisText.Number(stamp) }, cancellationToken).ConfigureAwait(false))!;
            (now, bodies) = ((RedisValue)result[0], (RedisValue[])result[1]!);
        }

        var answers = bodies.Select(body => Read(body)!).OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
        return new AnswerChanges(answers, now.IsNull ? 0 : (long)now);
    }

    public async Task<bool> RecordUseAsync(AnswerUse use, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(use);
        var result = await redis.EvaluateAsync(
            RecordUse,
            new
            {
                uses = Keys.AnswerUses,
                usage = Keys.AnswerUsage,
                lastUsed = Keys.AnswerLastUsed,
                reply = $"{use.PostId}#{RedisText.Number(use.ReplyNumber)}",
                answer = use.AnswerId,
                version = RedisText.Number(use.Version),
                at = RedisText.Ms(use.At),
            },
            cancellationToken).ConfigureAwait(false);
        return (long)result == 1;
    }

    public Task<IReadOnlyDictionary<string, AnswerUsage>> UsageAsync(CancellationToken cancellationToken = default) =>
        redis.RunAsync(async db =>
        {
            // One transaction: a count and its last use from the same moment.
            var read = db.CreateTransaction();
            var counts = read.HashGetAllAsync(Keys.AnswerUsage);
            var last = read.HashGetAllAsync(Keys.AnswerLastUsed);
            await read.ExecuteAsync().ConfigureAwait(false);
            var lastUsed = (await last.ConfigureAwait(false)).ToDictionary(e => (string)e.Name!, e => RedisText.FromMs(e.Value), StringComparer.Ordinal);
            return (IReadOnlyDictionary<string, AnswerUsage>)(await counts.ConfigureAwait(false)).ToDictionary(
                e => (string)e.Name!,
                e => new AnswerUsage((long)e.Value, lastUsed.TryGetValue((string)e.Name!, out var at) ? at : (DateTimeOffset?)null),
                StringComparer.Ordinal);
        }, cancellationToken);

    private static CannedAnswer? Read(RedisValue body) =>
        body.IsNull ? null : JsonSerializer.Deserialize((byte[])body!, StoreJson.Default.CannedAnswer) ?? throw new InvalidDataException("A stored answer is empty.");
}
