namespace ChatOpsReply.Tests.Support;

/// <summary>
/// A platform having a bad spell, on the service's clock: every call gets HTTP 500 for
/// <paramref name="failing"/>, then 429 with a Retry-After for <paramref name="rateLimited"/>, then
/// the platform is well again. The fakes of Slack and of the Bot Connector consult it on each call.
/// </summary>
public sealed class PlatformStorm(Func<DateTimeOffset> clock, TimeSpan failing, TimeSpan rateLimited, TimeSpan retryAfter)
{
    private readonly DateTimeOffset _start = clock();

    /// <summary>The answer every call gets now instead of being carried out; null once the storm is over.</summary>
    public (int Status, TimeSpan? RetryAfter)? Now()
    {
        var elapsed = clock() - _start;
        return elapsed < failing ? (500, null) : elapsed < failing + rateLimited ? (429, retryAfter) : null;
    }
}
