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
}
