using ChatOpsReply.Posts;
using StackExchange.Redis;

namespace ChatOpsReply.Storage.Redis;

/// <summary>
/// The Lua scripts of <see cref="RedisPostStore"/>. A script runs atomically, so a post
/// version, its audit event, outbox messages, SLA timer, command key and ingest key are all
/// written or none is. Redis does not roll back a script that fails half-way, so every
/// script checks and decodes everything before its first write.
/// </summary>
internal static class RedisPostScripts
{
    /// <summary>
    /// The writes that go with every post version. The post's own keys and the store-wide ones
    /// come in as parameters; the index sets of a stored state and the outbox keys of new
    /// messages are named by <see cref="RedisKeys.Lua"/>.
    /// </summary>
    private const string Prelude = """
        local function indexes(state, queue, owner)
          local keys = { postsInKey(state), postsInQueueKey(state, queue) }
          if owner and owner ~= '' then keys[#keys + 1] = postsOwnedByKey(state, owner) end
          return keys
        end
        local function writeWith(id, audit, outbox, slaDue)
          local seq = redis.call('INCR', @auditSeq)
          redis.call('RPUSH', @postAudit, seq .. '|' .. audit)
          redis.call('XADD', @auditStream, '*', 'seq', seq, 'event', audit)
          local n = 0
          if #outbox > 0 then
            n = redis.call('INCRBY', @outboxSeq, #outbox) - #outbox
            redis.call('INCRBY', @outboxPending, #outbox)
          end
          for _, m in ipairs(outbox) do
            n = n + 1
            redis.call('HSET', outboxMessageKey(n), 'post', id, 'target', m.target, 'kind', m.kind,
              'created', m.created, 'due', m.due, 'at', m.due, 'body', m.body)
            -- Only the oldest pending message of a (post, target) waits to be claimed; the rest queue behind it.
            if redis.call('RPUSH', postOutboxKey(id, m.target), n) == 1 then
              redis.call('ZADD', @outboxWaiting, m.due, n)
            end
          end
          if slaDue == '' then
            redis.call('ZREM', @timers, id)
            redis.call('HDEL', @timerDues, id)
          elseif redis.call('HGET', @timerDues, id) ~= slaDue then
            -- A new due time releases any lease on the old one; the same due time keeps it.
            redis.call('HSET', @timerDues, id, slaDue)
            redis.call('ZADD', @timers, slaDue, id)
          end
        end

        """;

    /// <summary>Returns { 1, id } when created, { 0, id of the post it went to } when the message was known.</summary>
    public static readonly LuaScript Create = LuaScript.Prepare(RedisKeys.Lua + Prelude + """
        local existing = redis.call('HGET', @ingest, @externalId)
        if existing then return { 0, existing } end
        local outbox = cjson.decode(@outbox)
        redis.call('HSET', @ingest, @externalId, @id)
        redis.call('HSET', @post, 'v', @version, 'body', @body, 'queue', @queue, 'state', @state, 'owner', @owner,
          'source', @source, 'thread', @thread)
        for _, key in ipairs(indexes(@state, @queue, @owner)) do redis.call('ZADD', key, @score, @id) end
        if @thread ~= '' then redis.call('ZADD', @threadPosts, @score, @id) end
        writeWith(@id, @audit, outbox, @slaDue)
        return { 1, @id }
        """);

    /// <summary>Returns the <see cref="SaveOutcome"/> name.</summary>
    public static readonly LuaScript Save = LuaScript.Prepare(RedisKeys.Lua + Prelude + RedisConsentStore.SetIfNewerFunction + $$"""
        local current = redis.call('HMGET', @post, 'v', 'state', 'queue', 'owner', 'thread')
        if current[1] ~= @expected then return '{{SaveOutcome.VersionConflict}}' end
        if @ingestId ~= '' and redis.call('HEXISTS', @ingest, @ingestId) == 1 then return '{{SaveOutcome.DuplicateIngest}}' end
        local outbox = cjson.decode(@outbox)
        -- The last check is the first write: recording the command key only if it is new.
        if @commandKey ~= '' and redis.call('ZADD', @commands, 'NX', @at, @commandKey) == 0 then return '{{SaveOutcome.DuplicateCommand}}' end
        if @ingestId ~= '' then redis.call('HSET', @ingest, @ingestId, @id) end
        if @replyNumber ~= '' then
          redis.call('HSET', @replies, @replyNumber, @replyAt)
          redis.call('ZADD', @sent, @replyAt, @id .. ':' .. @replyNumber)
        end
        if @reachedNumber ~= '' then
          redis.call('HSET', @replies, @reachedNumber .. ':delivered', @reachedAt)
          if @reachedExternal ~= '' then redis.call('HSET', @replies, @reachedNumber .. ':external', @reachedExternal) end
        end
        if @consentAt ~= '' then setConsentIfNewer(@consent, @consentOpted, @consentAt, @consentEvidence) end
        for _, key in ipairs(indexes(current[2], current[3], current[4])) do redis.call('ZREM', key, @id) end
        for _, key in ipairs(indexes(@state, @queue, @owner)) do redis.call('ZADD', key, @score, @id) end
        if current[5] ~= @thread then
          if current[5] and current[5] ~= '' then redis.call('ZREM', threadKey(@source, current[5]), @id) end
          if @thread ~= '' then redis.call('ZADD', @threadPosts, @score, @id) end
        end
        redis.call('HSET', @post, 'v', @version, 'body', @body, 'queue', @queue, 'state', @state, 'owner', @owner, 'thread', @thread)
        writeWith(@id, @audit, outbox, @slaDue)
        return '{{SaveOutcome.Saved}}'
        """);

    /// <summary>
    /// The newest posts of the index sets for the wanted states (by queue or owner when given),
    /// merged: each set is already in order, so at most <c>limit</c> of each is read. With both
    /// an owner and a queue, the owner's sets are read whole and filtered by queue.
    /// </summary>
    public static readonly LuaScript List = LuaScript.Prepare(RedisKeys.Lua + """
        local limit, queue, owner = tonumber(@limit), @queue, @owner
        local filterQueue = owner ~= '' and queue ~= ''
        local entries = {}
        for state in string.gmatch(@states, '[^,]+') do
          local key = postsInKey(state)
          if owner ~= '' then key = postsOwnedByKey(state, owner) elseif queue ~= '' then key = postsInQueueKey(state, queue) end
          local page = redis.call('ZRANGE', key, 0, filterQueue and -1 or limit - 1, 'WITHSCORES')
          for i = 1, #page, 2 do entries[#entries + 1] = { page[i], tonumber(page[i + 1]) } end
        end
        table.sort(entries, function(a, b) if a[2] ~= b[2] then return a[2] < b[2] end return a[1] < b[1] end)
        local bodies = {}
        for _, entry in ipairs(entries) do
          if #bodies >= limit then break end
          local post = postKey(entry[1])
          if not filterQueue or redis.call('HGET', post, 'queue') == queue then bodies[#bodies + 1] = redis.call('HGET', post, 'body') end
        end
        return bodies
        """);

    /// <summary>The body of the newest post of the thread that is neither closed nor dismissed, or nil.</summary>
    public static readonly LuaScript FindActiveInThread = LuaScript.Prepare(RedisKeys.Lua + $$"""
        for _, id in ipairs(redis.call('ZRANGE', @threadPosts, 0, -1)) do
          local post = redis.call('HMGET', postKey(id), 'state', 'body')
          if post[1] ~= '{{PostState.Closed}}' and post[1] ~= '{{PostState.Dismissed}}' then return post[2] end
        end
        return nil
        """);
}
