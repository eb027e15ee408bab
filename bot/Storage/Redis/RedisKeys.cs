using ChatOpsReply.Posts;
using StackExchange.Redis;

namespace ChatOpsReply.Storage.Redis;

/// <summary>
/// Every key the Redis store uses, under one prefix. A post's own keys carry its id as a hash
/// tag (<c>post:{id}</c>, <c>post:{id}:audit</c>, …) so they live in one slot; the shared
/// indexes (posts by state, timers, outbox) are written in the same script as the post.
/// The Lua scripts build the same names from <see cref="Prefix"/> where a key depends on
/// stored data; the README lists them all.
/// </summary>
public sealed class RedisKeys(string prefix)
{
    public string Prefix { get; } = prefix;

    public RedisKey Post(string postId) => $"{Prefix}post:{{{postId}}}";

    public RedisKey PostAudit(string postId) => $"{Post(postId)}:audit";

    public RedisKey PostCards(string postId) => $"{Post(postId)}:cards";

    public RedisKey PostReplies(string postId) => $"{Post(postId)}:replies";

    /// <summary>Posts in a state, newest first (score: minus the arrival time).</summary>
    public RedisKey PostsIn(PostState state) => $"{Prefix}posts:{state}";

    public RedisKey Thread(string source, string threadId) => $"{Prefix}thread:{source}:{threadId}";

    /// <summary>Source message ids already recorded (field: external id, value: post id).</summary>
    public RedisKey Ingested(string source) => $"{Prefix}ingest:{source}";

    /// <summary>Command keys with the time they were applied.</summary>
    public RedisKey Commands => $"{Prefix}commands";

    public RedisKey AuditStream => $"{Prefix}audit";

    public RedisKey OutboxWaiting => $"{Prefix}outbox:waiting";

    public RedisKey OutboxReady => $"{Prefix}outbox:ready";

    public RedisKey OutboxFailed => $"{Prefix}outbox:failed";

    public RedisKey OutboxPending => $"{Prefix}outbox:pending";

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

    /// <summary>How far a mailbox folder was read (fields: validity, uid).</summary>
    public RedisKey MailboxBookmark(string mailbox) => $"{Prefix}mailbox:{mailbox}";

    public RedisKey DataProtectionKeys => $"{Prefix}dataprotection:keys";

    /// <summary>Teams channels the bot was added to (field: channel id, value: the channel as JSON).</summary>
    public RedisKey TeamsChannels => $"{Prefix}teams:channels";

    /// <summary>Teams user ids (field: Entra object id in lower case, value: <c>29:…</c>).</summary>
    public RedisKey TeamsUsers => $"{Prefix}teams:users";

    /// <summary>Answer id → its current version as JSON.</summary>
    public RedisKey Answers => $"{Prefix}answers";

    /// <summary>The library's change stamp, moved on by every write (the save script builds the same name).</summary>
    public RedisKey AnswerStamp => $"{Prefix}answers:stamp";

    /// <summary>Every version of an answer, oldest first (the save script builds the same name).</summary>
    public RedisKey AnswerHistory(string answerId) => $"{Prefix}answer:{answerId}:history";

    /// <summary>"post#reply" → "answer#version": each sent reply that used an answer, once.</summary>
    public RedisKey AnswerUses => $"{Prefix}answers:uses";

    public RedisKey AnswerUsage => $"{Prefix}answers:usage";

    public RedisKey AnswerLastUsed => $"{Prefix}answers:lastused";
}
