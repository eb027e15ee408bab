using System.Collections.Concurrent;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsReply.Tests.Operations;

/// <summary>
/// What the service writes to its logs at Information and above (what log shipping keeps): the post
/// id on every line of a post's path, and nothing a customer wrote, nor their name or handle.
/// </summary>
public sealed class LogPrivacyTests : IDisposable
{
    private const string Name = "Quentin Quokkason";
    private const string Handle = "+15550104477";
    private const string Text = "Zanzibar parcel went missing";
    private const string FollowUpText = "Still waiting on Zanzibar";

    private readonly KeptLog _log = new();
    private readonly ServiceHost _host;

    public LogPrivacyTests() => _host = new ServiceHost(services: s => s.AddSingleton<ILoggerProvider>(_log));

    [Fact]
    public async Task A_post_worked_through_refusals_and_follow_ups_leaves_its_id_in_the_log_and_nothing_of_the_customer()
    {
        var postId = await _host.ReceiveAsync(Text, source: "sms", externalId: "m1", threadId: "t1", handle: Handle, displayName: Name);
        await _host.ActAsync(postId, PostTrigger.Claim, "alice");
        await _host.ActAsync(postId, PostTrigger.Claim, "bob");
        await _host.ReceiveAsync(FollowUpText, source: "sms", externalId: "m2", threadId: "t1", handle: Handle, displayName: Name);
        await _host.ActAsync(postId, PostTrigger.SubmitDraft, "alice", new DraftInput("Hi Quentin, thanks for writing. We found the parcel and it goes out today."));
        // Refused: the customer never opted in to texts, a sentence that names them.
        var refused = await _host.ActAsync(postId, PostTrigger.Send, "alice");
        await _host.DeliverAsync();

        Assert.Equal(CommandOutcome.Rejected, refused.Outcome);
        Assert.Contains(_log.Entries, e => e.Level >= LogLevel.Information && e.Scopes.Contains(postId, StringComparison.Ordinal));
        var shipped = _log.Entries.Where(e => e.Level >= LogLevel.Information).ToList();
        foreach (var secret in new[] { "Quentin", "Quokkason", Handle, "Zanzibar" })
        {
            Assert.DoesNotContain(shipped, e => e.ToString().Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteFolder();
    }

    private sealed record Entry(LogLevel Level, string Category, string Message, string Scopes, string? Exception)
    {
        public override string ToString() => $"{Level} {Category}: {Message} [{Scopes}] {Exception}";
    }

    /// <summary>Every entry at every level, with its scopes, as a log shipper would receive them.</summary>
    private sealed class KeptLog : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ConcurrentQueue<Entry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(KeptLog log, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => log._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scopes = new List<string>();
                log._scopes.ForEachScope(
                    (scope, list) => list.Add(scope is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(",", pairs.Select(p => $"{p.Key}={p.Value}")) : scope?.ToString() ?? ""),
                    scopes);
                var values = state is IEnumerable<KeyValuePair<string, object?>> fields ? string.Join(",", fields.Select(p => $"{p.Key}={p.Value}")) : "";
                log.Entries.Enqueue(new Entry(logLevel, category, $"{formatter(state, exception)} {{{values}}}", string.Join(";", scopes), exception?.ToString()));
            }
        }
    }
}
