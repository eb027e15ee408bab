using ChatOpsReply.Storage.Sqlite;
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
            .ValidateOnStart();

        services.AddHostedService<StoreHousekeeping>();
        var provider = configuration.GetValue<string>($"{StorageOptions.Section}:Provider") ?? "Sqlite";
        if (string.Equals(provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<SqliteDatabase>();
            services.AddSingleton<IPostStore, SqlitePostStore>();
            services.AddSingleton<IAuditTrail, SqliteAuditTrail>();
            services.AddSingleton<IOutbox, SqliteOutbox>();
            services.AddSingleton<ISlaTimers, SqliteSlaTimers>();
            services.AddSingleton<IConsentStore, SqliteConsentStore>();
            services.AddSingleton<ISentReplies, SqliteSentReplies>();
            services.AddSingleton<ICardReferences, SqliteCardReferences>();
            services.AddSingleton<IStoreHealth, SqliteStoreHealth>();
            services.AddSingleton<IIdempotencyKeys, SqliteIdempotencyKeys>();
            services.AddSingleton<ICannedAnswerStore, SqliteCannedAnswerStore>();
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
