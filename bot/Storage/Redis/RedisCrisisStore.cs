using System.Text.Json;
using ChatOpsReply.Crises;
using ChatOpsReply.Posts;
using StackExchange.Redis;

namespace ChatOpsReply.Storage.Redis;

/// <summary>
/// Crises as hashes, declared and resolved by scripts that check and write in one step with the
/// alert's outbox messages, so two instances declaring the same topic at once record one crisis.
/// </summary>
public sealed class RedisCrisisStore(RedisDatabase redis) : ICrisisStore
{
    /// <summary>Returns the id of the declared crisis of the same spike or sharing a word in the queue, or '' when the new one was declared.</summary>
    private static readonly LuaScript Declare = LuaScript.Prepare(RedisKeys.Lua + RedisPostScripts.EnqueueOutbox + """
        local wanted = {}
        for w in string.gmatch(@words, '[^\n]+') do wanted[w] = true end
        for _, id in ipairs(redis.call('SORT', @declared, 'ALPHA')) do
          local fields = redis.call('HMGET', crisisKey(id), 'queue', 'words', 'spike')
          if @spike ~= '' and fields[3] == @spike then return id end
          if fields[1] == @queue then
            for w in string.gmatch(fields[2] or '', '[^\n]+') do
              if wanted[w] then return id end
            end
          end
        end
        local outbox = cjson.decode(@outbox)
        redis.call('HSET', crisisKey(@id), 'body', @body, 'queue', @queue, 'words', @words, 'spike', @spike)
        redis.call('SADD', @declared, @id)
        redis.call('ZADD', @latest, @at, @id)
        if @spike ~= '' then redis.call('HSET', @spikes, @spike, @id) end
        enqueueOutbox(@alert, outbox)
        return ''
        """);

    /// <summary>Returns 0 for an unknown crisis, 1 when it was resolved already, 2 when resolved now.</summary>
    private static readonly LuaScript Resolve = LuaScript.Prepare(RedisKeys.Lua + RedisPostScripts.EnqueueOutbox + """
        local fields = redis.call('HMGET', crisisKey(@id), 'body', 'status', 'spike')
        if not fields[1] then return 0 end
        if fields[2] then return 1 end
        local outbox = cjson.decode(@outbox)
        redis.call('HSET', crisisKey(@id), 'status', @status, 'by', @by, 'at', @at)
        redis.call('SREM', @declared, @id)
        local alert = fields[3]
        if not alert or alert == '' then alert = @id end
        enqueueOutbox(alert, outbox)
        return 2
        """);

    /// <summary>
    /// Writes @holding when the crisis is declared and its holding statement is none or rejected (@expected ''), or is
    /// proposal @expected still waiting. Returns 0 for an unknown crisis, 1 when nothing was written, 2 when written.
    /// </summary>
    private static readonly LuaScript Holding = LuaScript.Prepare(RedisKeys.Lua + RedisPostScripts.EnqueueOutbox + """
        local fields = redis.call('HMGET', crisisKey(@id), 'body', 'status', 'holding', 'spike')
        if not fields[1] then return 0 end
        if fields[2] then return 1 end
        local current = fields[3] and cjson.decode(fields[3]) or nil
        if @expected == '' then
          if current and current.Status ~= 'Rejected' then return 1 end
        elseif not current or current.Id ~= @expected or current.Status ~= 'Proposed' then
          return 1
        end
        local outbox = cjson.decode(@outbox)
        redis.call('HSET', crisisKey(@id), 'holding', @holding)
        local alert = fields[4]
        if not alert or alert == '' then alert = @id end
        enqueueOutbox(alert, outbox)
        return 2
        """);

    /// <summary>Each outcome unless its post has one (HSETNX), and the alert's messages, in one step.</summary>
    private static readonly LuaScript Outcomes = LuaScript.Prepare(RedisKeys.Lua + RedisPostScripts.EnqueueOutbox + """
        for _, entry in ipairs(cjson.decode(@entries)) do
          redis.call('HSETNX', @outcomes, entry[1], entry[2])
        end
        local outbox = cjson.decode(@outbox)
        if #outbox > 0 then
          local alert = redis.call('HGET', crisisKey(@id), 'spike')
          if not alert or alert == '' then alert = @id end
          enqueueOutbox(alert, outbox)
        end
        return 1
        """);

    private static readonly RedisValue[] Fields = ["body", "status", "by", "at", "holding"];

    private RedisKeys Keys => redis.Keys;

    public async Task<CrisisDeclaring> DeclareAsync(Crisis crisis, IReadOnlyList<OutboxMessage> refresh, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(crisis);
        ArgumentNullException.ThrowIfNull(refresh);
        var existing = (string?)await redis.EvaluateAsync(Declare, new
        {
            prefix = Keys.Prefix,
            outboxSeq = Keys.OutboxSequence,
            outboxPending = Keys.OutboxPending,
            outboxWaiting = Keys.OutboxWaiting,
            declared = Keys.CrisesDeclared,
            latest = Keys.CrisesLatest,
            spikes = Keys.CrisesOfSpikes,
            id = crisis.Id,
            queue = crisis.Queue,
            words = string.Join('\n', crisis.Words),
            spike = crisis.SpikeId ?? "",
            // The alert's messages are the spike's, as when it was found (SpikeWatch.AlertMessages).
            alert = crisis.SpikeId ?? crisis.Id,
            at = RedisText.Ms(crisis.DeclaredAt),
            body = JsonSerializer.Serialize(crisis, StoreJson.Default.Crisis),
            outbox = RedisPostStore.Serialize(refresh),
        }, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(existing))
        {
            return new CrisisDeclaring(crisis, Declared: true);
        }

        return new CrisisDeclaring(await GetAsync(existing, cancellationToken).ConfigureAwait(false) ?? throw new InvalidDataException($"Crisis {existing} is declared but has no body."), Declared: false);
    }

    public Task<Crisis?> GetAsync(string crisisId, CancellationToken cancellationToken = default) =>
        redis.RunAsync(async db => Read(crisisId, await db.HashGetAsync(Keys.Crisis(crisisId), Fields).ConfigureAwait(false)), cancellationToken);

    public async Task<Crisis?> OfSpikeAsync(string spikeId, CancellationToken cancellationToken = default)
    {
        var id = await redis.RunAsync(db => db.HashGetAsync(Keys.CrisesOfSpikes, spikeId), cancellationToken).ConfigureAwait(false);
        return id.IsNull ? null : await GetAsync(id!, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Crisis>> DeclaredAsync(CancellationToken cancellationToken = default)
    {
        var ids = await redis.RunAsync(db => db.SetMembersAsync(Keys.CrisesDeclared), cancellationToken).ConfigureAwait(false);
        return [.. (await ManyAsync([.. ids.Select(i => (string)i!)], cancellationToken).ConfigureAwait(false)).OrderBy(c => c.DeclaredAt).ThenBy(c => c.Id, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<Crisis>> LatestAsync(int limit, CancellationToken cancellationToken = default)
    {
        var ids = await redis.RunAsync(db => db.SortedSetRangeByRankAsync(Keys.CrisesLatest, 0, limit - 1, Order.Descending), cancellationToken).ConfigureAwait(false);
        return await ManyAsync([.. ids.Select(i => (string)i!)], cancellationToken).ConfigureAwait(false);
    }

    public async Task<Crisis?> ResolveAsync(string crisisId, string by, DateTimeOffset at, IReadOnlyList<OutboxMessage> refresh, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(refresh);
        var outcome = (int)await redis.EvaluateAsync(Resolve, new
        {
            prefix = Keys.Prefix,
            outboxSeq = Keys.OutboxSequence,
            outboxPending = Keys.OutboxPending,
            outboxWaiting = Keys.OutboxWaiting,
            declared = Keys.CrisesDeclared,
            id = crisisId,
            status = nameof(CrisisStatus.Resolved),
            by,
            at = RedisText.Ms(at),
            outbox = RedisPostStore.Serialize(refresh),
        }, cancellationToken).ConfigureAwait(false);
        return outcome == 0 ? null : await GetAsync(crisisId, cancellationToken).ConfigureAwait(false);
    }

    public Task<Crisis?> ProposeHoldingAsync(string crisisId, HoldingStatement proposal, IReadOnlyList<OutboxMessage> refresh, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        return WriteHoldingAsync(crisisId, expected: "", proposal, refresh, cancellationToken);
    }

    public Task<Crisis?> DecideHoldingAsync(string crisisId, HoldingStatement decided, IReadOnlyList<OutboxMessage> refresh, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decided);
        return WriteHoldingAsync(crisisId, decided.Id, decided, refresh, cancellationToken);
    }

    public async Task RecordHoldingOutcomesAsync(string crisisId, IReadOnlyList<HoldingOutcome> outcomes, IReadOnlyList<OutboxMessage> refresh, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(refresh);
        await redis.EvaluateAsync(Outcomes, new
        {
            prefix = Keys.Prefix,
            outboxSeq = Keys.OutboxSequence,
            outboxPending = Keys.OutboxPending,
            outboxWaiting = Keys.OutboxWaiting,
            id = crisisId,
            outcomes = Keys.CrisisHolding(crisisId),
            entries = JsonSerializer.Serialize(outcomes.Select(o => new[] { o.PostId, JsonSerializer.Serialize(o, StoreJson.Default.HoldingOutcome) }).ToArray(), StoreJson.Default.StringArrayArray),
            outbox = RedisPostStore.Serialize(refresh),
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<HoldingOutcome>> HoldingOutcomesAsync(string crisisId, CancellationToken cancellationToken = default)
    {
        var entries = await redis.RunAsync(db => db.HashValuesAsync(Keys.CrisisHolding(crisisId)), cancellationToken).ConfigureAwait(false);
        return [.. entries.Select(e => JsonSerializer.Deserialize((string)e!, StoreJson.Default.HoldingOutcome) ?? throw new InvalidDataException($"A holding outcome of crisis {crisisId} is empty."))];
    }

    private async Task<Crisis?> WriteHoldingAsync(string crisisId, string expected, HoldingStatement holding, IReadOnlyList<OutboxMessage> refresh, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refresh);
        var outcome = (int)await redis.EvaluateAsync(Holding, new
        {
            prefix = Keys.Prefix,
            outboxSeq = Keys.OutboxSequence,
            outboxPending = Keys.OutboxPending,
            outboxWaiting = Keys.OutboxWaiting,
            id = crisisId,
            expected,
            holding = JsonSerializer.Serialize(holding, StoreJson.Default.HoldingStatement),
            outbox = RedisPostStore.Serialize(refresh),
        }, cancellationToken).ConfigureAwait(false);
        return outcome == 0 ? null : await GetAsync(crisisId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Several crises in one round trip, in the order asked.</summary>
    private Task<IReadOnlyList<Crisis>> ManyAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        redis.RunAsync<IReadOnlyList<Crisis>>(async db =>
        {
            var batch = db.CreateBatch();
            var reads = ids.Select(id => (Id: id, Fields: batch.HashGetAsync(Keys.Crisis(id), Fields))).ToList();
            batch.Execute();
            var crises = new List<Crisis>(reads.Count);
            foreach (var (id, fields) in reads)
            {
                if (Read(id, await fields.ConfigureAwait(false)) is { } crisis)
                {
                    crises.Add(crisis);
                }
            }

            return crises;
        }, cancellationToken);

    private static Crisis? Read(string crisisId, RedisValue[] fields)
    {
        if (fields[0].IsNull)
        {
            return null;
        }

        var crisis = JsonSerializer.Deserialize((string)fields[0]!, StoreJson.Default.Crisis) ?? throw new InvalidDataException($"Crisis {crisisId} is empty.");
        if (!fields[4].IsNull)
        {
            crisis = crisis with { Holding = JsonSerializer.Deserialize((string)fields[4]!, StoreJson.Default.HoldingStatement) };
        }

        return fields[1].IsNull
            ? crisis
            : crisis with { Status = Enum.Parse<CrisisStatus>((string)fields[1]!), ResolvedBy = fields[2], ResolvedAt = RedisText.FromMs(fields[3]) };
    }
}
