namespace ChatOpsReply.Operations;

/// <summary>
/// The process's exit code once the host has stopped. The host stops the same way whether an
/// operator asked it to or a background service failed (BackgroundServiceExceptionBehavior.StopHost),
/// and exits with 0 either way; a supervisor (systemd <c>Restart=on-failure</c>, a container
/// runtime) restarts only a process that exits with an error, so a failure must say so.
/// </summary>
public sealed class HostExitCode
{
    /// <summary>EX_SOFTWARE (sysexits.h): an internal error.</summary>
    public const int BackgroundServiceFailed = 70;

    private readonly IReadOnlyList<BackgroundService> _services;

    private HostExitCode(IReadOnlyList<BackgroundService> services) => _services = services;

    /// <summary>Taken before the host runs: running it disposes its services.</summary>
    public static HostExitCode Watch(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new HostExitCode([.. services.GetServices<IHostedService>().OfType<BackgroundService>()]);
    }

    /// <summary>0 after a requested stop; <see cref="BackgroundServiceFailed"/> when a background service ended with an exception.</summary>
    public int Value => _services.Any(s => s.ExecuteTask is { IsFaulted: true }) ? BackgroundServiceFailed : Environment.ExitCode;
}
