using System.Text.Json;
using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using StackExchange.Redis;

namespace ChatOpsReply.Storage.Redis;

/// <summary>
/// The outbox in Redis. Each message is a hash (<c>outbox:&lt;seq&gt;</c>); each (post, target)
/// has a list of its pending messages in order, and only the first of each list can be claimed.
/// Claimable heads wait in <c>outbox:waiting</c> (score: when they may be claimed: their due
/// time, or the end of their lease) and move to <c>outbox:ready</c> (score: sequence) when
/// that time comes, so a claim takes the oldest due messages first.
/// </summary>
public sealed class RedisOutbox(RedisDatabase redis) : IOutbox
{
    /// <summary>How many newly due messages one claim moves to the ready set, so a large backlog never blocks Redis long.</summary>
    private const int PromoteAtMost = 1000;

    /// <summary>
    /// Offers the next message of a (post, target) list once its head has left. The list and the
    /// head's hash are named by <see cref="RedisKeys.Lua"/> from what the message's hash says.
    /// </summary>
    private const string Prelude = """
        local function offerNext(post, target)
          local head = redis.call('LINDEX', postOutboxKey(post, target), 0)
          if head and not redis.call('ZSCORE', @waiting, head) and not redis.call('ZSCORE', @ready, head) then
            redis.call('ZADD', @waiting, redis.call('HGET', outboxMessageKey(head), 'at'), head)
          end
        end
        local function leaveQueue(post, target)
          redis.call('ZREM', @waiting, @seq)
          redis.call('ZREM', @ready, @seq)
          redis.call('LREM', postOutboxKey(post, target), 1, @seq)
          redis.call('DECR', @pending)
          offerNext(post, target)
        end

        """;

    private static readonly LuaScript Claim = LuaScript.Prepare(RedisKeys.Lua + $$"""
        local now = tonumber(@now)
        for _, n in ipairs(redis.call('ZRANGEBYSCORE', @waiting, '-inf', @now, 'LIMIT', 0, {{PromoteAtMost}})) do
          redis.call('ZREM', @waiting, n)
          redis.call('ZADD', @ready, n, n)
        end
        local claimed = {}
        for _, n in ipairs(redis.call('ZRANGE', @ready, 0, tonumber(@max) - 1)) do
          local message = outboxMessageKey(n)
          local at = redis.call('HGET', message, 'at')
          redis.call('ZREM', @ready, n)
          if tonumber(at) > now then
            -- Made ready by an instance whose clock is ahead of ours: not due for us yet.
            redis.call('ZADD', @waiting, at, n)
          else
            redis.call('HSET', message, 'at', @leaseUntil)
            redis.call('ZADD', @waiting, @leaseUntil, n)
            local fields = redis.call('HMGET', message, 'post', 'target', 'kind', 'created', 'due', 'attempts', 'error', 'body')
            table.insert(fields, 1, n)
            claimed[#claimed + 1] = fields
          end
        end
        return claimed
        """);

    private static readonly LuaScript Complete = LuaScript.Prepare(RedisKeys.Lua + Prelude + """
        local fields = redis.call('HMGET', @message, 'post', 'target', 'failed')
        if not fields[1] then return 0 end
        redis.call('DEL', @message)
        if fields[3] == '1' then
          redis.call('ZREM', @failed, @seq)
        else
          leaveQueue(fields[1], fields[2])
        end
        return 1
        """);

    // Only the lease it was claimed with: a lease that ran out may have been claimed again by another instance.
    private static readonly LuaScript Renew = LuaScript.Prepare("""
        local fields = redis.call('HMGET', @message, 'at', 'failed')
        if fields[1] ~= @held or fields[2] == '1' or not redis.call('ZSCORE', @waiting, @seq) then return 0 end
        redis.call('HSET', @message, 'at', @due)
        redis.call('ZADD', @waiting, @due, @seq)
        return 1
        """);

    private static readonly LuaScript Retry = LuaScript.Prepare("""
        local fields = redis.call('HMGET', @message, 'post', 'target', 'failed')
        if not fields[1] or fields[3] == '1' then return 0 end
        redis.call('HSET', @message, 'due', @due, 'at', @due, 'error', @reason)
        redis.call('HINCRBY', @message, 'attempts', @attempted)
        redis.call('ZREM', @ready, @seq)
        redis.call('ZADD', @waiting, @due, @seq)
        return 1
        """);

    private static readonly LuaScript Fail = LuaScript.Prepare(RedisKeys.Lua + Prelude + """
        local fields = redis.call('HMGET', @message, 'post', 'target', 'failed')
        if not fields[1] or fields[3] == '1' then return 0 end
        redis.call('HSET', @message, 'failed', 1, 'error', @reason)
        redis.call('HINCRBY', @message, 'attempts', 1)
        redis.call('ZADD', @failed, @seq, @seq)
        leaveQueue(fields[1], fields[2])
        return 1
        """);

    private RedisKeys Keys => redis.Keys;

    public async Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default)
    {
        if (max <= 0)
        {
            return [];
        }

        var result = await redis.EvaluateAsync(
            Claim,
            new { prefix = Keys.Prefix, waiting = Keys.OutboxWaiting, ready = Keys.OutboxReady, now = RedisText.Ms(now), leaseUntil = RedisText.Ms(now + lease), max },
            cancellationToken).ConfigureAwait(false);
        var leaseUntil = RedisText.FromMs(RedisText.Ms(now + lease));
        return [.. ((RedisResult[])result!).Select(row => Read(row) with { LeaseUntil = leaseUntil })];
    }

    public async Task<OutboxMessage?> RenewLeaseAsync(OutboxMessage message, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var parameters = new
        {
            waiting = Keys.OutboxWaiting,
            message = Keys.OutboxMessage(message.Id),
            seq = message.Id,
            held = message.LeaseUntil is { } held ? RedisText.Ms(held) : "",
            due = RedisText.Ms(until),
        };
        var renewed = (long)(await redis.EvaluateAsync(Renew, parameters, cancellationToken).ConfigureAwait(false))!;
        return renewed == 1 ? message with { LeaseUntil = RedisText.FromMs(RedisText.Ms(until)) } : null;
    }

    public Task CompleteAsync(OutboxMessage message, CancellationToken cancellationToken = default) =>
        redis.EvaluateAsync(Complete, Parameters(message), cancellationToken);

    public Task RetryAsync(OutboxMessage message, DateTimeOffset dueAt, string reason, CancellationToken cancellationToken = default) =>
        redis.EvaluateAsync(Retry, Parameters(message, RedisText.Ms(dueAt), reason, attempted: 1), cancellationToken);

    public Task DeferAsync(OutboxMessage message, DateTimeOffset dueAt, string reason, CancellationToken cancellationToken = default) =>
        redis.EvaluateAsync(Retry, Parameters(message, RedisText.Ms(dueAt), reason, attempted: 0), cancellationToken);

    public Task FailAsync(OutboxMessage message, string reason, CancellationToken cancellationToken = default) =>
        redis.EvaluateAsync(Fail, Parameters(message, reason: reason), cancellationToken);

    public Task<OutboxDepth> DepthAsync(CancellationToken cancellationToken = default) =>
        redis.RunAsync(async db =>
        {
            var pending = db.StringGetAsync(Keys.OutboxPending);
            var failed = db.SortedSetLengthAsync(Keys.OutboxFailed);
            return new OutboxDepth((long?)await pending.ConfigureAwait(false) ?? 0, await failed.ConfigureAwait(false));
        }, cancellationToken);

    /// <summary>What the message scripts may use; each script takes the members it names.</summary>
    private object Parameters(OutboxMessage message, string due = "", string reason = "", int attempted = 0)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new
        {
            prefix = Keys.Prefix,
            waiting = Keys.OutboxWaiting,
            ready = Keys.OutboxReady,
            failed = Keys.OutboxFailed,
            pending = Keys.OutboxPending,
            message = Keys.OutboxMessage(message.Id),
            seq = message.Id,
            due,
            reason,
            attempted,
        };
    }

    private static OutboxMessage Read(RedisResult row)
    {
        var f = (RedisValue[])row!;
        var body = JsonSerializer.Deserialize((string)f[8]!, StoreJson.Default.StoredOutboxBody)!;
        return new OutboxMessage((string)f[0]!, (string)f[1]!, (string)f[2]!, Enum.Parse<OutboxKind>((string)f[3]!), RedisText.FromMs(f[4]))
        {
            DueAt = RedisText.FromMs(f[5]),
            // Written on the first retry or failure.
            Attempts = f[6].IsNull ? 0 : (int)f[6],
            LastError = f[7].IsNull ? null : (string?)f[7],
            Text = body.Text,
            People = body.People,
            ReplyNumber = body.ReplyNumber,
        };
    }
}
