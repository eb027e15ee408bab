using System.Text;
using ChatOpsReply.Posts;
using StackExchange.Redis;

namespace ChatOpsReply.Storage.Redis;

/// <summary>
/// Every key name the Redis store uses, under one prefix, and the only place that builds one.
/// A script is handed, as <see cref="RedisKey"/> members (so they travel as <c>KEYS[]</c>), the
/// keys its caller can name. A script that must find a key from what it reads in Redis (an id
/// in an index, a post's stored state or thread, an outbox sequence number) or from a list it is
/// handed (outbox messages, answers) builds the name with the functions of <see cref="Lua"/>,
/// which are generated from the methods below, so the two spellings cannot drift apart
/// (RedisKeysTests runs both and compares). The README's key table lists them all.
/// </summary>
/// <remarks>
/// The braces in <c>post:{id}</c> are not hash tags the store relies on, only characters of the
/// name. They cannot make a script safe on Redis Cluster: every script that writes a post also
/// writes store-wide keys in the same atomic step (the indexes by state, queue, owner and
/// thread, the audit stream, the outbox queues, the SLA timers, the command keys), and the
/// scripts read keys named by stored data, which Cluster routes by slot. Cluster-safe would
/// mean either splitting that step, giving up the one-write guarantee the workflow rests on,
/// or one slot for the whole store, which shards nothing and gives no more than one primary
/// with replicas and Sentinel, the deployment the README describes. The braces stay because
/// renaming a post's keys would orphan every stored post and, in a rolling upgrade (instances
/// of both versions on one Redis), split one post's keys in two.
/// </remarks>
public sealed class RedisKeys(string prefix)
{
    private const char PrefixMark = '\u0001';

    private const char FirstArgumentMark = '\u0002';

    public string Prefix { get; } = prefix;

    /// <summary>
    /// Lua that defines, for a script whose parameters include <c>prefix</c> (<see cref="Prefix"/>),
    /// one function per key a script builds itself; each returns what the method of the same
    /// name returns for the same arguments.
    /// </summary>
    internal static string Lua { get; } = string.Join(
        '\n',
        "local prefix = @prefix",
        LuaFunction("postKey", (k, a) => k.Post(a[0]), "id"),
        LuaFunction("postOutboxKey", (k, a) => k.PostOutbox(a[0], a[1]), "id", "target"),
        LuaFunction("postsInKey", (k, a) => k.PostsIn(a[0]), "state"),
        LuaFunction("postsInQueueKey", (k, a) => k.PostsInQueue(a[0], a[1]), "state", "queue"),
        LuaFunction("postsOwnedByKey", (k, a) => k.PostsOwnedBy(a[0], a[1]), "state", "owner"),
        LuaFunction("threadKey", (k, a) => k.Thread(a[0], a[1]), "source", "thread"),
        LuaFunction("outboxMessageKey", (k, a) => k.OutboxMessage(a[0]), "seq"),
        LuaFunction("answerHistoryKey", (k, a) => k.AnswerHistory(a[0]), "id"),
        LuaFunction("spikeKey", (k, a) => k.Spike(a[0]), "id"),
        LuaFunction("crisisKey", (k, a) => k.Crisis(a[0]), "id"),
        "");

    public RedisKey Post(string postId) => $"{Prefix}post:{{{postId}}}";

    public RedisKey PostAudit(string postId) => $"{Post(postId)}:audit";

    public RedisKey PostCards(string postId) => $"{Post(postId)}:cards";

    public RedisKey PostReplies(string postId) => $"{Post(postId)}:replies";

    /// <summary>The post's pending outbox messages for one target, in order; only the first may be claimed.</summary>
    public RedisKey PostOutbox(string postId, string target) => $"{Post(postId)}:outbox:{target}";

    /// <summary>Posts in a state, newest first (score: minus the arrival time).</summary>
    public RedisKey PostsIn(PostState state) => PostsIn(state.ToString());

    /// <summary>Posts in a state and a queue, newest first.</summary>
    public RedisKey PostsInQueue(PostState state, string queue) => PostsInQueue(state.ToString(), queue);

    /// <summary>Posts in a state owned by a person, newest first.</summary>
    public RedisKey PostsOwnedBy(PostState state, string owner) => PostsOwnedBy(state.ToString(), owner);

    /// <summary>Arrivals under a queue's topic term in one minute (expires after two windows).</summary>
    public RedisKey TopicMinute(string queue, string term, long minuteMs) => $"{Prefix}topic:{queue}:{term}:m:{minuteMs}";

    /// <summary>Arrivals under a queue's topic term in one hour (expires after the baseline's weeks).</summary>
    public RedisKey TopicHour(string queue, string term, long hourMs) => $"{Prefix}topic:{queue}:{term}:h:{hourMs}";

    /// <summary>The latest posts counted under a queue's topic term (score: arrival time).</summary>
    public RedisKey TopicRecent(string queue, string term) => $"{Prefix}topic:{queue}:{term}:recent";

    /// <summary>A spike: its body as found, its terms, and the fields that change (until, status, by, silenced).</summary>
    public RedisKey Spike(string spikeId) => $"{Prefix}spike:{spikeId}";

    /// <summary>A queue's spikes by the time they cover until.</summary>
    public RedisKey SpikesLive(string queue) => $"{Prefix}spikes:live:{queue}";

    /// <summary>A crisis: its body as declared, its queue, words and spike, and the fields that change (status, by, at, holding).</summary>
    public RedisKey Crisis(string crisisId) => $"{Prefix}crisis:{crisisId}";

    /// <summary>What became of a crisis's holding statement on each post (field: post id, value: the outcome as JSON).</summary>
    public RedisKey CrisisHolding(string crisisId) => $"{Prefix}crisis:{crisisId}:holding";

    /// <summary>The ids of the crises still declared.</summary>
    public RedisKey CrisesDeclared => $"{Prefix}crises:declared";

    /// <summary>Every crisis by the time it was declared.</summary>
    public RedisKey CrisesLatest => $"{Prefix}crises:latest";

    /// <summary>The latest crisis declared on each spike (field: spike id, value: crisis id).</summary>
    public RedisKey CrisesOfSpikes => $"{Prefix}crises:spikes";

    public RedisKey Thread(string source, string threadId) => $"{Prefix}thread:{source}:{threadId}";

    /// <summary>Source message ids already recorded (field: external id, value: post id).</summary>
    public RedisKey Ingested(string source) => $"{Prefix}ingest:{source}";

    /// <summary>Command keys with the time they were applied.</summary>
    public RedisKey Commands => $"{Prefix}commands";

    public RedisKey AuditStream => $"{Prefix}audit";

    /// <summary>The last audit sequence number given out.</summary>
    public RedisKey AuditSequence => $"{Prefix}audit:seq";

    /// <summary>The store-wide audit chain after the last event (Posts/AuditChain.cs).</summary>
    public RedisKey AuditChain => $"{Prefix}audit:chain";

    public RedisKey OutboxWaiting => $"{Prefix}outbox:waiting";

    public RedisKey OutboxReady => $"{Prefix}outbox:ready";

    public RedisKey OutboxFailed => $"{Prefix}outbox:failed";

    public RedisKey OutboxPending => $"{Prefix}outbox:pending";

    /// <summary>The last outbox sequence number given out.</summary>
    public RedisKey OutboxSequence => $"{Prefix}outbox:seq";

    public RedisKey OutboxMessage(string seq) => $"{Prefix}outbox:{seq}";

    public RedisKey Timers => $"{Prefix}timers";

    public RedisKey TimerDueTimes => $"{Prefix}timers:due";

    public RedisKey Consent(string source, string handle) => $"{Prefix}consent:{source}:{CustomerKey.Handle(handle)}";

    public RedisKey SentTo(string source, string handle) => $"{Prefix}sent:{source}:{CustomerKey.Handle(handle)}";

    public RedisKey IdempotencyKey(string key) => $"{Prefix}idem:{key}";

    /// <summary>A posting pace's token bucket (fields: tokens, at in Unix ms).</summary>
    public RedisKey Pace(string key) => $"{Prefix}pace:{key}";

    /// <summary>The turn (Unix ms) a waiting message was given under a posting pace.</summary>
    public RedisKey PaceTurn(string messageId) => $"{Prefix}pace-turn:{messageId}";

    /// <summary>
    /// A digest's keys, one scope (e.g. "slack:C0SUPPORT") in braces like a post's id, suffixed: <c>lines</c> (hash: post id → message,
    /// 0 waiting), <c>waiting</c> (sorted set by arrival), <c>seq</c>, <c>added</c> (Unix ms), <c>messages</c> (hash:
    /// "n:lines", "n:changes", "n:drawn", "n:drawn_at"), <c>numbers</c> (sorted set), <c>todraw</c> (set), <c>m:n</c> (list of a
    /// message's posts), <c>lease</c>.
    /// </summary>
    public RedisKey Digest(string scope, string part) => $"{Prefix}digest:{{{scope}}}:{part}";

    /// <summary>Every scope that ever had a digest (a handful of channels).</summary>
    public RedisKey DigestScopes => $"{Prefix}digests";

    /// <summary>How far a mailbox folder was read (fields: validity, uid).</summary>
    public RedisKey MailboxBookmark(string mailbox) => $"{Prefix}mailbox:{mailbox}";

    public RedisKey DataProtectionKeys => $"{Prefix}dataprotection:keys";

    /// <summary>Teams channels the bot was added to (field: channel id, value: the channel as JSON).</summary>
    public RedisKey TeamsChannels => $"{Prefix}teams:channels";

    /// <summary>Teams user ids (field: Entra object id in lower case, value: <c>29:…</c>).</summary>
    public RedisKey TeamsUsers => $"{Prefix}teams:users";

    /// <summary>The bot's 1:1 chats, a hash by Entra object id (value: the chat as JSON).</summary>
    public RedisKey TeamsPersonalChats => $"{Prefix}teams:personal";

    /// <summary>Answer id → its current version as JSON.</summary>
    public RedisKey Answers => $"{Prefix}answers";

    /// <summary>Answer id → its current version number (what a save compares and sets).</summary>
    public RedisKey AnswerVersions => $"{Prefix}answers:version";

    /// <summary>The library's change stamp, moved on by every write.</summary>
    public RedisKey AnswerStamp => $"{Prefix}answers:stamp";

    /// <summary>Answer id → the stamp of its last write, what other instances read to catch up.</summary>
    public RedisKey AnswersChanged => $"{Prefix}answers:changed";

    /// <summary>Every version of an answer, oldest first.</summary>
    public RedisKey AnswerHistory(string answerId) => $"{Prefix}answer:{answerId}:history";

    /// <summary>"post#reply" → "answer#version": each sent reply that used an answer, once.</summary>
    public RedisKey AnswerUses => $"{Prefix}answers:uses";

    public RedisKey AnswerUsage => $"{Prefix}answers:usage";

    public RedisKey AnswerLastUsed => $"{Prefix}answers:lastused";

    /// <summary>Every post, by its SLA due time (posts with no running timer after them, newest first).</summary>
    public RedisKey PostsByDue => $"{Prefix}posts:due";

    /// <summary>Every post, most recently changed first (score: minus the time of its last change).</summary>
    public RedisKey PostsByActivity => $"{Prefix}posts:activity";

    /// <summary>Posts from a source, newest first.</summary>
    public RedisKey PostsFrom(string source) => $"{Prefix}posts:source:{source}";

    /// <summary>Sensitive posts, newest first.</summary>
    public RedisKey SensitivePosts => $"{Prefix}posts:sensitive";

    /// <summary>Posts that missed an SLA limit at least once, newest first.</summary>
    public RedisKey BreachedPosts => $"{Prefix}posts:breached";

    /// <summary>One customer's posts on a source, newest first: their timeline.</summary>
    public RedisKey CustomerPosts(string source, string handle) => $"{Prefix}customer:{source}:{CustomerKey.Handle(handle)}";

    /// <summary>Posts with a word in their customer's handle or name ("customer") or in their text ("text"), newest first.</summary>
    public RedisKey PostsWithWord(string field, string word) => $"{Prefix}words:{field}:{word}";

    /// <summary>Where a search script keeps its intermediate sets; it deletes them before it returns.</summary>
    public RedisKey SearchScratch => $"{Prefix}search:scratch";

    /// <summary>What each person was typing as the post's reply (field: person id, value: the draft as JSON).</summary>
    public RedisKey PostDrafts(string postId) => $"{Post(postId)}:drafts";

    /// <summary>The post a surface's message belongs to, by the message's reference.</summary>
    public RedisKey CardPost(string key, string reference) => $"{Prefix}cardpost:{key}:{reference}";

    private RedisKey PostsIn(string state) => $"{Prefix}posts:{state}";

    private RedisKey PostsInQueue(string state, string queue) => $"{PostsIn(state)}:queue:{queue}";

    private RedisKey PostsOwnedBy(string state, string owner) => $"{PostsIn(state)}:owner:{owner}";

    /// <summary>
    /// <c>local function name(parameters) return prefix .. 'literal' .. parameter … end</c>, read
    /// off <paramref name="build"/> by running it on marks in place of the prefix and the
    /// arguments and turning each mark back into the Lua variable it stands for.
    /// </summary>
    private static string LuaFunction(string name, Func<RedisKeys, string[], RedisKey> build, params string[] parameters)
    {
        var marks = parameters.Select((_, i) => ((char)(FirstArgumentMark + i)).ToString()).ToArray();
        var marked = (string)build(new RedisKeys(PrefixMark.ToString()), marks)!;
        var parts = new List<string>();
        var literal = new StringBuilder();
        foreach (var c in marked)
        {
            var variable = c == PrefixMark ? "prefix" : c >= FirstArgumentMark && c < FirstArgumentMark + parameters.Length ? parameters[c - FirstArgumentMark] : null;
            if (variable is null)
            {
                literal.Append(c);
                continue;
            }

            if (literal.Length > 0)
            {
                parts.Add(LuaString(literal.ToString()));
                literal.Clear();
            }

            parts.Add(variable);
        }

        if (literal.Length > 0)
        {
            parts.Add(LuaString(literal.ToString()));
        }

        return $"local function {name}({string.Join(", ", parameters)}) return {string.Join(" .. ", parts)} end";
    }

    private static string LuaString(string text) => $"'{text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}'";
}
