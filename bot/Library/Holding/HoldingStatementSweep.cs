using ChatOpsReply.Crises;
using ChatOpsReply.Posts;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Library.Holding;

/// <summary>
/// Every <see cref="DeclaredCrisisOptions.RefreshInterval"/>, and at start, each declared crisis with an approved holding
/// statement sends it to its posts that have none yet: an approval whose sending a restart cut short, a post that joined
/// on an instance that had not heard of the approval. The command keys make a post tried twice "done already".
/// </summary>
public sealed class HoldingStatementSweep(
    DeclaredCrises declared,
    HoldingStatements statements,
    IOptions<DeclaredCrisisOptions> options,
    TimeProvider time,
    ILogger<HoldingStatementSweep> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        ServiceLoop.RunAsync(
            "Holding statements",
            async ct =>
            {
                await SweepAsync(ct).ConfigureAwait(false);
                await Task.Delay(options.Value.RefreshInterval, time, ct).ConfigureAwait(false);
            },
            time,
            logger,
            stoppingToken);

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        foreach (var crisis in declared.Current.Where(c => c.Holding?.Status == HoldingStatus.Approved))
        {
            await statements.SendAsync(crisis, cancellationToken).ConfigureAwait(false);
        }
    }
}
