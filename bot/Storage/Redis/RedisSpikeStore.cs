using System.Text.Json;
using ChatOpsReply.Crises;
using ChatOpsReply.Posts;
using StackExchange.Redis;

namespace ChatOpsReply.Storage.Redis;

/// <summary>
/// Spike counts as counters a minute and an hour per queue and term, each expiring when no window
/// or baseline reads it any more, counted in one pipelined round trip (INCR is atomic, so instances
/// never lose each other's counts); spikes as hashes opened and silenced by scripts that write the
/// alert's outbox messages in the same step, so one spike has one alert whoever finds it.
/// </summary>
public sealed class RedisSpikeStore(RedisDatabase redis) : ISpikeStore
{
    /// <summary>Returns the id of the live spike sharing a word with the related terms (extended to the new end), or '' when the new one was opened.</summary>
    private static readonly LuaScript Open = LuaScript.Prepare(RedisKeys.Lua + RedisPostScripts.EnqueueOutbox + """
        local wanted = {}
        for w in string.gmatch(@related, '[^\n]+') do wanted[w] = true end
        for _, id in ipairs(redis.call('ZRANGEBYSCORE', @live, '(' .. @now, '+inf')) do
          local fields = redis.call('HMGET', spikeKey(id), 'words', 'until', 'silenced')
          for w in string.gmatch(fields[1] or '', '[^\n]+') do
            if wanted[w] then
              if tonumber(@until) > tonumber(fields[2]) then
                redis.call('HSET', spikeKey(id), 'until', @until)
                local covers = @until
                if fields[3] and tonumber(fields[3]) > tonumber(@until) then covers = fields[3] end
                redis.call('ZADD', @live, covers, id)
              end
              return id
            end
          end
        end
        local outbox = cjson.decode(@outbox)
        redis.call('HSET', spikeKey(@id), 'body', @body, 'words', @words, 'until', @until)
        redis.call('ZADD', @live, @until, @id)
        enqueueOutbox(@id, outbox)
        return ''
        """);

    /// <summary>Returns 0 for an unknown spike, 1 when it was answered already, 2 when silenced now.</summary>
    private static readonly LuaScript Silence = LuaScript.Prepare(RedisKeys.Lua + RedisPostScripts.EnqueueOutbox + """
        local fields = redis.call('HMGET', spikeKey(@id), 'until', 'status')
        if not fields[1] then return 0 end
        if fields[2] then return 1 end
        local outbox = cjson.decode(@outbox)
        redis.call('HSET', spikeKey(@id), 'status', @status, 'by', @by, 'silenced', @silenced)
        local covers = @silenced
        if tonumber(fields[1]) > tonumber(@silenced) then covers = fields[1] end
        redis.call('ZADD', @live, covers, @id)
        enqueueOutbox(@id, outbox)
        return 2
        """);

    private RedisKeys Keys => redis.Keys;

    public Task<IReadOnlyList<TermCounts>> CountAsync(IReadOnlyList<TopicArrival> arrivals, CancellationToken cancellationToken = default)
    {
        var tally = TopicTally.Of(arrivals);
        var window = tally.WindowMinutes;
        return redis.RunAsync<IReadOnlyList<TermCounts>>(async db =>
        {
            var batch = db.CreateBatch();
            var pending = new List<Task>();
            // The arrivals come summed per bucket (TopicTally): one INCRBY a bucket, however many posts fell in it.
            foreach (var (key, bucket, count) in tally.Minutes)
            {
                var minuteKey = Keys.TopicMinute(key.Queue, key.Term, bucket);
                pending.Add(batch.StringIncrementAsync(minuteKey, count));
                pending.Add(batch.KeyExpireAsync(minuteKey, TimeSpan.FromMinutes(2 * window)));
            }

            foreach (var (key, bucket, count) in tally.Hours)
            {
                var hourKey = Keys.TopicHour(key.Queue, key.Term, bucket);
                pending.Add(batch.StringIncrementAsync(hourKey, count));
                pending.Add(batch.KeyExpireAsync(hourKey, TimeSpan.FromMilliseconds((tally.BaselineWeeks * TopicArrival.WeekMs) + TopicArrival.HourMs)));
            }

            foreach (var (key, arrival) in tally.Recent)
            {
                pending.Add(batch.SortedSetAddAsync(Keys.TopicRecent(key.Queue, key.Term), arrival.PostId, arrival.AtMs));
            }

            var reads = new List<(QueueTerm Key, Task<RedisValue[]> Minutes, Task<RedisValue[]> Weeks, Task<RedisValue[]> Recent)>();
            foreach (var key in tally.Terms)
            {
                var (minute, hour) = (tally.Latest[key.Queue].Minute, tally.Latest[key.Queue].Hour);
                var recentKey = Keys.TopicRecent(key.Queue, key.Term);
                pending.Add(batch.SortedSetRemoveRangeByRankAsync(recentKey, 0, -4));
                pending.Add(batch.KeyExpireAsync(recentKey, TimeSpan.FromMinutes(2 * window)));
                reads.Add((
                    key,
                    batch.StringGetAsync([.. Enumerable.Range(0, window).Select(i => Keys.TopicMinute(key.Queue, key.Term, minute - ((window - 1 - i) * TopicArrival.MinuteMs)))]),
                    batch.StringGetAsync([.. Enumerable.Range(1, tally.BaselineWeeks).Select(k => Keys.TopicHour(key.Queue, key.Term, hour - (k * TopicArrival.WeekMs)))]),
                    batch.SortedSetRangeByRankAsync(recentKey, 0, 2, Order.Descending)));
            }

            batch.Execute();
            await Task.WhenAll(pending).ConfigureAwait(false);
            var answers = new List<TermCounts>(reads.Count);
            foreach (var (key, minutes, weeks, recent) in reads)
            {
                answers.Add(new TermCounts(
                    key.Queue,
                    key.Term,
                    [.. (await minutes.ConfigureAwait(false)).Select(Count)],
                    [.. (await weeks.ConfigureAwait(false)).Select(Count)],
                    [.. (await recent.ConfigureAwait(false)).Select(v => (string)v!)]));
            }

            return answers;
        }, cancellationToken);
    }

    public async Task<SpikeOpening> OpenAsync(Spike spike, IReadOnlyList<string> related, IReadOnlyList<OutboxMessage> alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spike);
        ArgumentNullException.ThrowIfNull(related);
        ArgumentNullException.ThrowIfNull(alert);
        var existing = (string?)await redis.EvaluateAsync(Open, new
        {
            prefix = Keys.Prefix,
            outboxSeq = Keys.OutboxSequence,
            outboxPending = Keys.OutboxPending,
            outboxWaiting = Keys.OutboxWaiting,
            live = Keys.SpikesLive(spike.Queue),
            now = RedisText.Ms(spike.FoundAt),
            until = RedisText.Ms(spike.Until),
            words = string.Join('\n', Spike.WordsOf(spike.Terms)),
            related = string.Join('\n', Spike.WordsOf(related.Concat(spike.Terms))),
            id = spike.Id,
            body = JsonSerializer.Serialize(spike, StoreJson.Default.Spike),
            outbox = RedisPostStore.Serialize(alert),
        }, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(existing))
        {
            return new SpikeOpening(spike, Opened: true);
        }

        return new SpikeOpening(await GetAsync(existing, cancellationToken).ConfigureAwait(false) ?? throw new InvalidDataException($"Spike {existing} is live but has no body."), Opened: false);
    }

    public Task<Spike?> GetAsync(string spikeId, CancellationToken cancellationToken = default) =>
        redis.RunAsync(async db =>
        {
            var fields = await db.HashGetAsync(Keys.Spike(spikeId), ["body", "until", "status", "by", "silenced"]).ConfigureAwait(false);
            if (fields[0].IsNull)
            {
                return null;
            }

            var spike = JsonSerializer.Deserialize((string)fields[0]!, StoreJson.Default.Spike) ?? throw new InvalidDataException($"Spike {spikeId} is empty.");
            spike = spike with { Until = RedisText.FromMs(fields[1]) };
            return fields[2].IsNull
                ? spike
                : spike with { Status = Enum.Parse<SpikeStatus>((string)fields[2]!), SilencedBy = fields[3], SilencedUntil = RedisText.FromMs(fields[4]) };
        }, cancellationToken);

    public async Task<Spike?> SilenceAsync(string spikeId, string by, DateTimeOffset until, IReadOnlyList<OutboxMessage> refresh, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(refresh);
        if (await GetAsync(spikeId, cancellationToken).ConfigureAwait(false) is not { } spike)
        {
            return null;
        }

        var outcome = (int)await redis.EvaluateAsync(Silence, new
        {
            prefix = Keys.Prefix,
            outboxSeq = Keys.OutboxSequence,
            outboxPending = Keys.OutboxPending,
            outboxWaiting = Keys.OutboxWaiting,
            live = Keys.SpikesLive(spike.Queue),
            id = spikeId,
            status = nameof(SpikeStatus.NotACrisis),
            by,
            silenced = RedisText.Ms(until),
            outbox = RedisPostStore.Serialize(refresh),
        }, cancellationToken).ConfigureAwait(false);
        return outcome == 0 ? null : await GetAsync(spikeId, cancellationToken).ConfigureAwait(false);
    }

    private static int Count(RedisValue value) => value.IsNull ? 0 : (int)value;
}
