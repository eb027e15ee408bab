namespace ChatOpsReply.Telemetry;

/// <summary>
/// Figures that live in the shared store rather than in this instance (posts by state, outbox
/// depth): read again each time an exporter collects, before it reads the observable gauges
/// that report them, so every instance reports the same numbers.
/// </summary>
public interface IScrapedFigures
{
    Task RefreshAsync(CancellationToken cancellationToken);
}
