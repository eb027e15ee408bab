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
    /// Adds outbox messages (decoded <see cref="RedisOutboxEntry"/> values) for a post, for a script whose
    /// parameters include <c>outboxSeq</c>, <c>outboxPending</c> and <c>outboxWaiting</c>, after <see cref="RedisKeys.Lua"/>.
    /// </summary>
    internal const string EnqueueOutbox = """
        local function enqueueOutbox(id, outbox)
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
        end

        """;

    /// <summary>
    /// The writes that go with every post version. The post's own keys and the store-wide ones
    /// come in as parameters; the index sets of a stored state and the outbox keys of new
    /// messages are named by <see cref="RedisKeys.Lua"/>.
    /// </summary>
    private const string Prelude = EnqueueOutbox + """
        local function indexes(state, queue, owner)
          local keys = { postsInKey(state), postsInQueueKey(state, queue) }
          if owner and owner ~= '' then keys[#keys + 1] = postsOwnedByKey(state, owner) end
          return keys
        end
        -- The indexes searches read that change with a post version: due time, last change, SLA breaches.
        local function searchIndexes(id)
          redis.call('ZADD', @postsDue, @dueScore, id)
          redis.call('ZADD', @postsActivity, @activityScore, id)
          if @breached == '1' then redis.call('ZADD', @breachedPosts, @score, id) else redis.call('ZREM', @breachedPosts, id) end
        end
        local function writeWith(id, audit, outbox, slaDue)
          local seq = redis.call('INCR', @auditSeq)
          -- The audit chain (Posts/AuditChain.cs): the link after the post's last event, the chain after the store's last.
          local last = redis.call('LINDEX', @postAudit, -1)
          local previous = last and string.match(last, '^[^|]*|[^|]*|([^|]*)|') or ''
          local link = redis.sha1hex(previous .. '|' .. @auditHash)
          local chain = redis.sha1hex((redis.call('GET', @auditChain) or '') .. '|' .. seq .. '|' .. link)
          redis.call('SET', @auditChain, chain)
          local n = redis.call('RPUSH', @postAudit, seq .. '|' .. @auditHash .. '|' .. link .. '|' .. chain .. '|' .. audit)
          -- The stream orders the trail across posts and points into each post's list, which alone holds the text (so an erasure reaches it).
          redis.call('XADD', @auditStream, '*', 'seq', seq, 'post', id, 'n', n)
          enqueueOutbox(id, outbox)
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

    /// <summary>
    /// Returns { 1, id } when created, { 0, id of the post it went to } when the message was known,
    /// { 2, id of the thread's active post } when asked to look and there is one.
    /// </summary>
    public static readonly LuaScript Create = LuaScript.Prepare(RedisKeys.Lua + ActiveInThread + Prelude + """
        local existing = redis.call('HGET', @ingest, @externalId)
        if existing then return { 0, existing } end
        if @unlessThreadActive ~= '' then
          local active = activeInThread(@threadPosts)
          if active then return { 2, active } end
        end
        local outbox = cjson.decode(@outbox)
        redis.call('HSET', @ingest, @externalId, @id)
        redis.call('HSET', @post, 'v', @version, 'body', @body, 'queue', @queue, 'state', @state, 'owner', @owner,
          'source', @source, 'thread', @thread)
        for _, key in ipairs(indexes(@state, @queue, @owner)) do redis.call('ZADD', key, @score, @id) end
        if @thread ~= '' then redis.call('ZADD', @threadPosts, @score, @id) end
        -- What a post is found by and never changes: its source, customer, sensitivity and words.
        redis.call('ZADD', @sourcePosts, @score, @id)
        redis.call('ZADD', @customerPosts, @score, @id)
        if @sensitive == '1' then redis.call('ZADD', @sensitivePosts, @score, @id) end
        for _, key in ipairs(cjson.decode(@wordKeys)) do redis.call('ZADD', key, @score, @id) end
        searchIndexes(@id)
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
        searchIndexes(@id)
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

    /// <summary>
    /// A search: for each base (the index sets of one wanted state, by queue or owner, scored by
    /// arrival), optionally cut to the period by score, intersected with every filter set (source,
    /// customer, words, sensitive, breached) and with the order set whose score sorts the result
    /// (due time, last change; arrival when none), less the sets excluded; then the parts merged
    /// and the first <c>limit</c> read (of the wanted tiers, when they are asked for). Each intersection costs its smallest set, so a selective
    /// filter keeps a search small however many posts there are. Key names come from
    /// <see cref="RedisKeys"/> as JSON; the scratch sets are deleted before the script returns.
    /// </summary>
    public static readonly LuaScript Search = LuaScript.Prepare(RedisKeys.Lua + """
        local bases, filters, excludes = cjson.decode(@bases), cjson.decode(@filters), cjson.decode(@excludes)
        local order, low, high, limit, scratch = @order, @low, @high, tonumber(@limit), @scratch
        local parts, temporary = {}, {}
        for i, base in ipairs(bases) do
          local first = base[1]
          if low ~= '-inf' or high ~= '+inf' then
            first = scratch .. ':range:' .. i
            temporary[#temporary + 1] = first
            redis.call('ZRANGESTORE', first, base[1], low, high, 'BYSCORE')
          end
          local inputs, weights = { first }, { order == '' and 1 or 0 }
          for j = 2, #base do inputs[#inputs + 1] = base[j]; weights[#weights + 1] = 0 end
          for _, key in ipairs(filters) do inputs[#inputs + 1] = key; weights[#weights + 1] = 0 end
          if order ~= '' then inputs[#inputs + 1] = order; weights[#weights + 1] = 1 end
          local part = scratch .. ':part:' .. i
          temporary[#temporary + 1] = part
          -- unpack() spreads only as a call's last argument, so the command is built as one list.
          local command = { 'ZINTERSTORE', part, #inputs }
          for _, key in ipairs(inputs) do command[#command + 1] = key end
          command[#command + 1] = 'WEIGHTS'
          for _, weight in ipairs(weights) do command[#command + 1] = weight end
          redis.call(unpack(command))
          for _, key in ipairs(excludes) do redis.call('ZDIFFSTORE', part, 2, part, key) end
          parts[#parts + 1] = part
        end
        local ids = {}
        if #parts > 0 then
          local result = scratch .. ':result'
          temporary[#temporary + 1] = result
          redis.call('ZUNIONSTORE', result, #parts, unpack(parts))
          if @tier == '' and @missedAt == '' then
            ids = redis.call('ZRANGE', result, 0, limit - 1)
          else
            -- The tiers are read from the bodies of the posts the sets leave, a page at a time, until the limit is met.
            local tier, missedAt, start = tonumber(@tier), tonumber(@missedAt), 0
            local function wanted(post)
              if tier and post.Tier ~= tier then return false end
              if not missedAt then return true end
              for _, t in ipairs(post.BreachTiers or {}) do if t == missedAt then return true end end
              return false
            end
            while #ids < limit do
              local page = redis.call('ZRANGE', result, start, start + 199)
              if #page == 0 then break end
              for _, id in ipairs(page) do
                local body = redis.call('HGET', postKey(id), 'body')
                if body and #ids < limit and wanted(cjson.decode(body)) then ids[#ids + 1] = id end
              end
              start = start + 200
            end
          end
        end
        if #temporary > 0 then redis.call('DEL', unpack(temporary)) end
        local bodies = {}
        for _, id in ipairs(ids) do bodies[#bodies + 1] = redis.call('HGET', postKey(id), 'body') end
        return bodies
        """);

    /// <summary>
    /// Audit events in the stream's order from after <c>start</c> (exclusive, "-" for the first),
    /// newest first when <c>reverse</c>: up to <c>count</c> of { stream id, seq, post id, list entry or
    /// false when the post's list no longer holds it }. Entries written before the stream pointed
    /// into the lists carry the event themselves.
    /// </summary>
    public static readonly LuaScript AuditPage = LuaScript.Prepare(RedisKeys.Lua + """
        local entries
        if @reverse == '1' then
          entries = redis.call('XREVRANGE', @auditStream, '+', '-', 'COUNT', @count)
        else
          entries = redis.call('XRANGE', @auditStream, @start, '+', 'COUNT', @count)
        end
        local page = {}
        for _, entry in ipairs(entries) do
          local fields = {}
          for i = 1, #entry[2], 2 do fields[entry[2][i]] = entry[2][i + 1] end
          local text = false
          if fields.event then
            text = fields.seq .. '|' .. fields.event
          else
            text = redis.call('LINDEX', postKey(fields.post) .. ':audit', tonumber(fields.n) - 1)
          end
          page[#page + 1] = { entry[1], fields.seq, fields.post or '', text }
        end
        return page
        """);

    /// <summary>The body of the newest post of the thread that is neither closed nor dismissed, or nil.</summary>
    public static readonly LuaScript FindActiveInThread = LuaScript.Prepare(RedisKeys.Lua + ActiveInThread + """
        local id = activeInThread(@threadPosts)
        if id then return redis.call('HGET', postKey(id), 'body') end
        return nil
        """);

    /// <summary>The id of the newest post of a thread's index that is neither closed nor dismissed, or nil.</summary>
    private const string ActiveInThread = $$"""
        local function activeInThread(threadPosts)
          for _, id in ipairs(redis.call('ZRANGE', threadPosts, 0, -1)) do
            local state = redis.call('HGET', postKey(id), 'state')
            if state ~= '{{nameof(PostState.Closed)}}' and state ~= '{{nameof(PostState.Dismissed)}}' then return id end
          end
          return nil
        end

        """;
}
