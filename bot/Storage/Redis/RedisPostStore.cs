using System.Globalization;
using System.Text.Json;
using ChatOpsReply.Posts;
using StackExchange.Redis;

namespace ChatOpsReply.Storage.Redis;

/// <summary>
/// Posts in Redis: a hash per post (version, JSON body, and the fields its indexes use), sorted
/// sets as indexes by state, queue, owner and thread. Every write is one Lua script, so it is
/// atomic and its compare-and-set on the version cannot interleave with another instance's.
/// </summary>
public sealed class RedisPostStore(RedisDatabase redis) : IPostStore
{
    private RedisKeys Keys => redis.Keys;

    public Task<CustomerPost?> GetAsync(string postId, CancellationToken cancellationToken = default) =>
        redis.RunAsync(async db => Deserialize(await db.HashGetAsync(Keys.Post(postId), "body").ConfigureAwait(false)), cancellationToken);

    public Task<string?> FindIngestedAsync(IngestKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return redis.RunAsync(async db => (string?)await db.HashGetAsync(Keys.Ingested(key.Source), key.ExternalId).ConfigureAwait(false), cancellationToken);
    }

    public async Task<CustomerPost?> FindActiveInThreadAsync(string source, string threadId, CancellationToken cancellationToken = default)
    {
        var result = await redis.EvaluateAsync(RedisPostScripts.FindActiveInThread, new { prefix = Keys.Prefix, threadPosts = Keys.Thread(source, threadId) }, cancellationToken).ConfigureAwait(false);
        return Deserialize((RedisValue)result);
    }

    public async Task<IReadOnlyList<CustomerPost>> ListAsync(PostQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit <= 0)
        {
            return [];
        }

        var states = query.States is { Count: > 0 } wanted ? wanted : Enum.GetValues<PostState>();
        if (!query.IsPlain)
        {
            return await SearchAsync(query, states, cancellationToken).ConfigureAwait(false);
        }

        var result = await redis.EvaluateAsync(
            RedisPostScripts.List,
            new
            {
                prefix = Keys.Prefix,
                states = string.Join(',', states.Distinct()),
                queue = query.Queue ?? "",
                owner = query.Owner ?? "",
                limit = query.Limit,
            },
            cancellationToken).ConfigureAwait(false);
        return [.. ((RedisValue[])result!).Select(body => Deserialize(body)!)];
    }

    private async Task<IReadOnlyList<CustomerPost>> SearchAsync(PostQuery query, IEnumerable<PostState> states, CancellationToken cancellationToken)
    {
        var filters = new List<string>();
        // The same words each field was indexed by (ScriptArguments): a customer's all, a text's less the commonest.
        foreach (var (field, words, wanted) in new[] { (CustomerWords, query.Customer, PostSearchWords.AllOf(query.Customer)), (TextWords, query.Text, PostSearchWords.Of(query.Text)) })
        {
            if (words is not null && wanted.Count == 0)
            {
                return [];
            }

            filters.AddRange(wanted.Select(w => Keys.PostsWithWord(field, w).ToString()));
        }

        if (query.Source is { } source)
        {
            filters.Add((query.Handle is { } handle ? Keys.CustomerPosts(source, handle) : Keys.PostsFrom(source)).ToString());
        }

        var excludes = new List<string>();
        foreach (var (wanted, key) in new[] { (query.Sensitive, Keys.SensitivePosts), (query.Breached, Keys.BreachedPosts) })
        {
            if (wanted is { } yes)
            {
                (yes ? filters : excludes).Add(key.ToString());
            }
        }

        var bases = states.Distinct().Select(state => query switch
        {
            { Owner: { } owner, Queue: { } queue } => new[] { Keys.PostsOwnedBy(state, owner).ToString(), Keys.PostsInQueue(state, queue).ToString() },
            { Owner: { } owner } => [Keys.PostsOwnedBy(state, owner).ToString()],
            { Queue: { } queue } => [Keys.PostsInQueue(state, queue).ToString()],
            _ => [Keys.PostsIn(state).ToString()],
        }).ToArray();
        var result = await redis.EvaluateAsync(
            RedisPostScripts.Search,
            new
            {
                prefix = Keys.Prefix,
                bases = JsonSerializer.Serialize(bases, RedisJson.Default.StringArrayArray),
                filters = JsonSerializer.Serialize(filters, RedisJson.Default.ListString),
                excludes = JsonSerializer.Serialize(excludes, RedisJson.Default.ListString),
                order = query.Order switch { PostOrder.Due => Keys.PostsByDue.ToString(), PostOrder.Activity => Keys.PostsByActivity.ToString(), _ => "" },
                // Arrival scores are minus the time: "before" is the low end (exclusive), "from" the high end.
                low = query.ReceivedBefore is { } before ? "(" + RedisText.Number(-before.ToUnixTimeMilliseconds()) : "-inf",
                high = query.ReceivedFrom is { } from ? RedisText.Number(-from.ToUnixTimeMilliseconds()) : "+inf",
                limit = query.Limit,
                tier = query.Tier is { } tier ? RedisText.Number(tier) : "",
                missedAt = query.MissedAtTier is { } missed ? RedisText.Number(missed) : "",
                scratch = Keys.SearchScratch.ToString(),
            },
            cancellationToken).ConfigureAwait(false);
        return [.. ((RedisValue[])result!).Where(body => !body.IsNull).Select(body => Deserialize(body)!)];
    }

    internal const string CustomerWords = "customer";

    internal const string TextWords = "text";

    /// <summary>The due-order score of a post with no running timer, minus its arrival: after every real due time (as SQLite orders them).</summary>
    private const long NoDueScore = 8_000_000_000_000_000;

    public Task<IReadOnlyDictionary<PostState, long>> CountByStateAsync(CancellationToken cancellationToken = default) =>
        redis.RunAsync(async db =>
        {
            var states = Enum.GetValues<PostState>();
            var counts = await Task.WhenAll(states.Select(s => db.SortedSetLengthAsync(Keys.PostsIn(s)))).ConfigureAwait(false);
            return (IReadOnlyDictionary<PostState, long>)states.Zip(counts).ToDictionary(c => c.First, c => c.Second);
        }, cancellationToken);

    public Task<bool> WasAppliedAsync(string commandKey, CancellationToken cancellationToken = default) =>
        redis.RunAsync(async db => await db.SortedSetScoreAsync(Keys.Commands, commandKey).ConfigureAwait(false) is not null, cancellationToken);

    public async Task<CreateOutcome> CreateAsync(NewPost post, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(post);
        var p = post.Post;
        var result = (RedisValue[])(await redis.EvaluateAsync(RedisPostScripts.Create, Parameters(p, post.Audit, post.Outbox, change: null, post.UnlessThreadActive), cancellationToken).ConfigureAwait(false))!;
        return new CreateOutcome((long)result[0] == 1, (string)result[1]!) { ThreadActive = (long)result[0] == 2 };
    }

    public async Task<SaveOutcome> SaveAsync(PostChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var p = change.Post;
        var result = await redis.EvaluateAsync(RedisPostScripts.Save, Parameters(p, change.Audit, change.Outbox, change), cancellationToken).ConfigureAwait(false);
        return Enum.Parse<SaveOutcome>((string)result!);
    }

    public Task PurgeCommandKeysAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        redis.RunAsync(db => db.SortedSetRemoveRangeByScoreAsync(Keys.Commands, double.NegativeInfinity, before.ToUnixTimeMilliseconds(), Exclude.Stop), cancellationToken);

    /// <summary>What the create and save scripts read: a post version and everything written with it; each script takes the members it names.</summary>
    private object Parameters(CustomerPost p, AuditEvent audit, IReadOnlyList<OutboxMessage> outbox, PostChange? change, bool unlessThreadActive = false) =>
        ScriptArguments(Keys, p, Serialize(p), Serialize(audit), AuditChain.ContentHash(audit), Serialize(outbox), change, unlessThreadActive);

    /// <summary>
    /// The scripts' arguments from a post version and its parts already serialized (the
    /// redis-transitions benchmark's ceiling sends exactly these, with no workflow around them).
    /// </summary>
    internal static object ScriptArguments(RedisKeys keys, CustomerPost p, string body, string audit, string auditHash, string outbox, PostChange? change, bool unlessThreadActive) => new
    {
        prefix = keys.Prefix,
        post = keys.Post(p.Id),
        postAudit = keys.PostAudit(p.Id),
        replies = keys.PostReplies(p.Id),
        threadPosts = keys.Thread(p.Source, p.ThreadId ?? ""),
        commands = keys.Commands,
        ingest = keys.Ingested(change?.Ingest?.Source ?? p.Source),
        sent = keys.SentTo(p.Source, p.Author.Handle),
        auditSeq = keys.AuditSequence,
        auditStream = keys.AuditStream,
        auditChain = keys.AuditChain,
        outboxSeq = keys.OutboxSequence,
        outboxPending = keys.OutboxPending,
        outboxWaiting = keys.OutboxWaiting,
        timers = keys.Timers,
        timerDues = keys.TimerDueTimes,
        externalId = p.ExternalId,
        expected = RedisText.Number(change?.ExpectedVersion ?? 0),
        commandKey = change?.CommandKey ?? "",
        at = RedisText.Ms(p.UpdatedAt),
        ingestId = change?.Ingest?.ExternalId ?? "",
        replyNumber = change?.Reply is null ? "" : RedisText.Number(p.Replies.Count),
        replyAt = change?.Reply is { } reply ? RedisText.Ms(reply.At) : "",
        reachedNumber = change?.Reached is { } reached ? RedisText.Number(reached.Number) : "",
        reachedAt = change?.Reached is { } reachedAt ? RedisText.Ms(reachedAt.At) : "",
        reachedExternal = change?.Reached?.ExternalId ?? "",
        consent = keys.Consent(change?.Consent?.Source ?? p.Source, change?.Consent?.Handle ?? p.Author.Handle),
        consentOpted = change?.Consent is { OptedIn: true } ? 1 : 0,
        consentAt = change?.Consent is { } consent ? RedisText.Ms(consent.At) : "",
        consentEvidence = change?.Consent?.Evidence ?? "",
        id = p.Id,
        version = RedisText.Number(p.Version),
        body,
        queue = p.Queue,
        state = p.State.ToString(),
        owner = p.Owner ?? "",
        source = p.Source,
        thread = p.ThreadId ?? "",
        score = Score(p),
        audit,
        auditHash,
        outbox,
        slaDue = p.NextSlaDueAt is { } due ? RedisText.Ms(due) : "",
        unlessThreadActive = unlessThreadActive ? "1" : "",
        postsDue = keys.PostsByDue,
        postsActivity = keys.PostsByActivity,
        sourcePosts = keys.PostsFrom(p.Source),
        customerPosts = keys.CustomerPosts(p.Source, p.Author.Handle),
        sensitivePosts = keys.SensitivePosts,
        breachedPosts = keys.BreachedPosts,
        dueScore = RedisText.Number(p.NextSlaDueAt is { } next ? next.ToUnixTimeMilliseconds() : NoDueScore - p.ReceivedAt.ToUnixTimeMilliseconds()),
        activityScore = RedisText.Number(-p.UpdatedAt.ToUnixTimeMilliseconds()),
        sensitive = p.Sensitivity is null ? "" : "1",
        breached = p.SlaBreaches > 0 ? "1" : "",
        wordKeys = change is null ? WordKeys(keys, p) : "[]",
    };

    /// <summary>The word index sets a new post goes into (its text and customer never change).</summary>
    private static string WordKeys(RedisKeys keys, CustomerPost p) => JsonSerializer.Serialize(
        [.. PostSearchWords.OfCustomer(p.Author).Select(w => keys.PostsWithWord(CustomerWords, w).ToString()), .. PostSearchWords.Of(p.Text).Select(w => keys.PostsWithWord(TextWords, w).ToString())],
        RedisJson.Default.ListString);

    /// <summary>Index order: newest first, so the score is minus the arrival time.</summary>
    private static string Score(CustomerPost post) => (-post.ReceivedAt.ToUnixTimeMilliseconds()).ToString(CultureInfo.InvariantCulture);

    internal static string Serialize(CustomerPost post) => JsonSerializer.Serialize(post, StoreJson.Default.CustomerPost);

    internal static string Serialize(AuditEvent audit) => JsonSerializer.Serialize(audit, StoreJson.Default.AuditEvent);

    internal static string Serialize(IReadOnlyList<OutboxMessage> outbox) => JsonSerializer.Serialize(
        [.. outbox.Select(m => new RedisOutboxEntry(
            m.Target,
            m.Kind.ToString(),
            RedisText.Ms(m.CreatedAt),
            RedisText.Ms(m.DueAt),
            JsonSerializer.Serialize(new StoredOutboxBody(m.Text, m.People, m.ReplyNumber), StoreJson.Default.StoredOutboxBody)))],
        RedisJson.Default.IReadOnlyListRedisOutboxEntry);

    private static CustomerPost? Deserialize(RedisValue body) =>
        body.IsNull ? null : JsonSerializer.Deserialize((string)body!, StoreJson.Default.CustomerPost) ?? throw new InvalidDataException("A stored post is empty.");
}
