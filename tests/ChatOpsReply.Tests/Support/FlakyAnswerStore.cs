using ChatOpsReply.Library.Model;
using ChatOpsReply.Posts;
using ChatOpsReply.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsReply.Tests.Support;

/// <summary>The SQLite answer store that can be made unreachable, or so slow it never answers, on demand.</summary>
public sealed class FlakyAnswerStore(SqliteCannedAnswerStore store) : ICannedAnswerStore
{
    private TaskCompletionSource _released = Released();

    public bool Down { get; set; }

    /// <summary>While set, every call throws what it makes: a store failing in a way nobody expected.</summary>
    public Func<Exception>? Failure { get; set; }

    /// <summary>While set, every call waits until it is cleared: a store that stopped answering.</summary>
    public bool Stalled
    {
        get => !_released.Task.IsCompleted;
        set
        {
            if (value && !Stalled)
            {
                _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            else if (!value)
            {
                _released.TrySetResult();
            }
        }
    }

    /// <summary>Registers it in place of the configured answer store.</summary>
    public static void Use(IServiceCollection services)
    {
        services.AddSingleton<SqliteCannedAnswerStore>();
        services.AddSingleton<FlakyAnswerStore>();
        services.AddSingleton<ICannedAnswerStore>(sp => sp.GetRequiredService<FlakyAnswerStore>());
    }

    public async Task<CannedAnswer?> GetAsync(string id, CancellationToken cancellationToken = default) => await (await UpAsync(cancellationToken)).GetAsync(id, cancellationToken);

    public async Task<CannedAnswer?> GetVersionAsync(string id, int version, CancellationToken cancellationToken = default) => await (await UpAsync(cancellationToken)).GetVersionAsync(id, version, cancellationToken);

    public async Task<IReadOnlyList<CannedAnswer>> HistoryAsync(string id, CancellationToken cancellationToken = default) => await (await UpAsync(cancellationToken)).HistoryAsync(id, cancellationToken);

    public async Task<AnswerSaveOutcome> SaveAsync(IReadOnlyList<CannedAnswer> answers, CancellationToken cancellationToken = default) => await (await UpAsync(cancellationToken)).SaveAsync(answers, cancellationToken);

    public async Task<AnswerChanges> ChangesSinceAsync(long stamp, CancellationToken cancellationToken = default) => await (await UpAsync(cancellationToken)).ChangesSinceAsync(stamp, cancellationToken);

    public async Task<bool> RecordUseAsync(AnswerUse use, CancellationToken cancellationToken = default) => await (await UpAsync(cancellationToken)).RecordUseAsync(use, cancellationToken);

    public async Task<IReadOnlyDictionary<string, AnswerUsage>> UsageAsync(CancellationToken cancellationToken = default) => await (await UpAsync(cancellationToken)).UsageAsync(cancellationToken);

    private static TaskCompletionSource Released()
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        released.SetResult();
        return released;
    }

    private async Task<SqliteCannedAnswerStore> UpAsync(CancellationToken cancellationToken)
    {
        await _released.Task.WaitAsync(cancellationToken);
        if (Failure is { } failure)
        {
            throw failure();
        }

        return Down ? throw new StoreUnavailableException("The test took the answer store down.") : store;
    }
}
