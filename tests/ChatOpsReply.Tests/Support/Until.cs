namespace ChatOpsReply.Tests.Support;

/// <summary>Waiting for work a real process or a background service does in its own time.</summary>
public static class Until
{
    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        TrueAsync(() => Task.FromResult(condition()), timeout, what);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails naming <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {timeout.TotalSeconds:0} s waiting for: {what}.");
            await Task.Delay(100);
        }
    }
}
