using ChatOpsReply.Crises;
using ChatOpsReply.Delivery;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Posts;
using ChatOpsReply.Posts.Figures;
using ChatOpsReply.Privacy;
using ChatOpsReply.Storage.InProcess;
using ChatOpsReply.Sources.Email;
using ChatOpsReply.Storage.Redis;
using ChatOpsReply.Storage.Sqlite;
using ChatOpsReply.WebConsole.Drafts;
using ChatOpsReply.Teams;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers every store port on the provider named by <c>Storage:Provider</c>.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.Section)
            .Validate(o => o.Provider is "Sqlite" or "Redis", $"{StorageOptions.Section}:Provider must be \"Sqlite\" or \"Redis\".")
            .Validate(o => o.Provider != "Sqlite" || !string.IsNullOrWhiteSpace(o.Sqlite.Path), $"{StorageOptions.Section}:Sqlite:Path is required.")
            .Validate(o => o.Sqlite.BusyTimeoutSeconds >= 1, $"{StorageOptions.Section}:Sqlite:BusyTimeoutSeconds must be at least 1.")
            .Validate(o => o.Provider != "Redis" || !string.IsNullOrWhiteSpace(o.Redis.Configuration), $"{StorageOptions.Section}:Redis:Configuration is required when {StorageOptions.Section}:Provider is Redis.")
            .Validate(o => o.Provider != "Redis" || string.IsNullOrWhiteSpace(o.Redis.Configuration) || RedisDatabase.IsValidConfiguration(o.Redis.Configuration), $"{StorageOptions.Section}:Redis:Configuration is not a StackExchange.Redis connection string (host:port, then options such as password=…).")
            .Validate(o => o.Provider != "Redis" || !o.Redis.KeyPrefix.AsSpan().ContainsAny('{', '}'), $"{StorageOptions.Section}:Redis:KeyPrefix must not contain '{{' or '}}' (they mark a post's hash tag).")
            .ValidateOnStart();

        services.AddHostedService<StoreHousekeeping>();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");
        var provider = configuration.GetValue<string>($"{StorageOptions.Section}:Provider") ?? "Sqlite";
        if (string.Equals(provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<SqliteDatabase>();
            services.AddSingleton<SqlitePostStore>();
            services.AddSingleton<IPostStore>(s => new TracedPostStore(s.GetRequiredService<SqlitePostStore>(), "sqlite"));
            services.AddSingleton<SqliteAuditTrail>();
            services.AddSingleton<IAuditTrail>(s => s.GetRequiredService<SqliteAuditTrail>());
            services.AddSingleton<IAuditChain>(s => s.GetRequiredService<SqliteAuditTrail>());
            services.AddSingleton<ICustomerErasureStore, SqliteCustomerErasure>();
            services.AddSingleton<IOutbox, SqliteOutbox>();
            services.AddSingleton<ISlaTimers, SqliteSlaTimers>();
            services.AddSingleton<IConsentStore, SqliteConsentStore>();
            services.AddSingleton<ISentReplies, SqliteSentReplies>();
            services.AddSingleton<ISpikeStore, SqliteSpikeStore>();
            services.AddSingleton<ICrisisStore, SqliteCrisisStore>();
            services.AddSingleton<ICardReferences, SqliteCardReferences>();
            services.AddSingleton<IStoreHealth, SqliteStoreHealth>();
            services.AddSingleton<IIdempotencyKeys, SqliteIdempotencyKeys>();
            services.AddSingleton<ITeamsDirectoryStore, SqliteTeamsDirectory>();
            services.AddSingleton<ICannedAnswerStore, SqliteCannedAnswerStore>();
            services.AddSingleton<IDraftStore, SqliteDraftStore>();
            services.AddSingleton<IPostingPace, InProcessPostingPace>();
            services.AddSingleton<IDigestStore, SqliteDigestStore>();
            services.AddSingleton<IMailboxBookmarks, SqliteMailboxBookmarks>();
            services.AddSingleton<IPostHistory, SqlitePostHistory>();
        }
        else if (string.Equals(provider, "Redis", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<RedisDatabase>();
            services.AddSingleton<RedisPostStore>();
            services.AddSingleton<IPostStore>(s => new TracedPostStore(s.GetRequiredService<RedisPostStore>(), "redis"));
            services.AddSingleton<RedisAuditTrail>();
            services.AddSingleton<IAuditTrail>(s => s.GetRequiredService<RedisAuditTrail>());
            services.AddSingleton<IAuditChain>(s => s.GetRequiredService<RedisAuditTrail>());
            services.AddSingleton<ICustomerErasureStore, RedisCustomerErasure>();
            services.AddSingleton<IOutbox, RedisOutbox>();
            services.AddSingleton<ISlaTimers, RedisSlaTimers>();
            services.AddSingleton<IConsentStore, RedisConsentStore>();
            services.AddSingleton<ISentReplies, RedisSentReplies>();
            services.AddSingleton<ISpikeStore, RedisSpikeStore>();
            services.AddSingleton<ICrisisStore, RedisCrisisStore>();
            services.AddSingleton<ICardReferences, RedisCardReferences>();
            services.AddSingleton<IStoreHealth, RedisStoreHealth>();
            services.AddSingleton<IIdempotencyKeys, RedisIdempotencyKeys>();
            services.AddSingleton<ITeamsDirectoryStore, RedisTeamsDirectory>();
            services.AddSingleton<ICannedAnswerStore, RedisCannedAnswerStore>();
            services.AddSingleton<IDraftStore, RedisDraftStore>();
            services.AddSingleton<IPostingPace, RedisPostingPace>();
            services.AddSingleton<IDigestStore, RedisDigestStore>();
            services.AddSingleton<IMailboxBookmarks, RedisMailboxBookmarks>();
            services.AddSingleton<IPostHistory, RedisPostHistory>();

            // Every instance must read the console's cookies and antiforgery tokens: one key ring
            // in Redis, and one application name (by default it is the install folder, which may differ).
            services.AddDataProtection().SetApplicationName("ChatOpsReply");
            services.AddOptions<KeyManagementOptions>().Configure<RedisDatabase>((keys, redis) =>
                keys.XmlRepository = new RedisXmlRepository(() => redis.Database, redis.Keys.DataProtectionKeys));
        }
        else
        {
            // Nothing could be registered: stop here rather than with a missing-service error.
            throw new OptionsValidationException(
                StorageOptions.Section,
                typeof(StorageOptions),
                [$"{StorageOptions.Section}:Provider must be \"Sqlite\" or \"Redis\"; it is \"{provider}\"."]);
        }

        return services;
    }
}
