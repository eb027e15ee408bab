using ChatOpsReply.Guidelines;
using ChatOpsReply.Posts;
using StackExchange.Redis;

namespace ChatOpsReply.Storage.Redis;

/// <summary>Consent in a hash per customer; a record older than the stored one is ignored.</summary>
public sealed class RedisConsentStore(RedisDatabase redis) : IConsentStore
{
    /// <summary>The Lua that records consent unless a newer record is stored; the post script uses it too, for a change that carries consent.</summary>
    internal const string SetIfNewerFunction = """
        local function setConsentIfNewer(key, opted, at, evidence)
          local stored = redis.call('HGET', key, 'at')
          if stored and tonumber(stored) > tonumber(at) then return 0 end
          redis.call('HSET', key, 'opted', opted, 'at', at, 'evidence', evidence)
          return 1
        end

        """;

    private static readonly LuaScript SetIfNewer = LuaScript.Prepare(SetIfNewerFunction + """
        return setConsentIfNewer(@consent, @opted, @at, @evidence)
        """);

    // The message goes with the ingested ones (a redelivery finds it there), then the change, if not older.
    private static readonly LuaScript RecordOnce = LuaScript.Prepare("""
        if redis.call('HSETNX', @ingested, @message, @nopost) == 0 then return 0 end
        local stored = redis.call('HGET', @consent, 'at')
        if stored and tonumber(stored) > tonumber(@at) then return 1 end
        redis.call('HSET', @consent, 'opted', @opted, 'at', @at, 'evidence', @evidence)
        return 1
        """);

    public Task<ConsentRecord?> GetAsync(string source, string handle, CancellationToken cancellationToken = default) =>
        redis.RunAsync(async db =>
        {
            var fields = await db.HashGetAsync(redis.Keys.Consent(source, handle), ["opted", "at", "evidence"]).ConfigureAwait(false);
            return fields[0].IsNull ? null : new ConsentRecord(source, handle, fields[0] == 1, RedisText.FromMs(fields[1]), (string)fields[2]!);
        }, cancellationToken);

    public Task SetAsync(ConsentRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return redis.EvaluateAsync(
            SetIfNewer,
            new { consent = redis.Keys.Consent(record.Source, record.Handle), opted = record.OptedIn ? 1 : 0, at = RedisText.Ms(record.At), evidence = record.Evidence },
            cancellationToken);
    }

    public async Task<bool> RecordAsync(ConsentRecord record, IngestKey message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(message);
        var recorded = await redis.EvaluateAsync(
            RecordOnce,
            new
            {
                ingested = redis.Keys.Ingested(message.Source),
                message = message.ExternalId,
                nopost = IConsentStore.NoPost,
                consent = redis.Keys.Consent(record.Source, record.Handle),
                opted = record.OptedIn ? 1 : 0,
                at = RedisText.Ms(record.At),
                evidence = record.Evidence,
            },
            cancellationToken).ConfigureAwait(false);
        return (int)recorded == 1;
    }
}
