using System.Diagnostics;

namespace ChatOpsReply.Bench;

/// <summary>Several workers repeating an operation for a while: how many per second, all together.</summary>
internal static class Throughput
{
    /// <summary>Operations run before measuring (by worker 0).</summary>
    public const int WarmUp = 20;

    /// <summary>Runs <paramref name="workers"/> loops for <paramref name="duration"/> after a short warm-up; returns operations per second and how many were measured.</summary>
    /// <param name="operation">Called with the worker's index and its running count.</param>
    public static async Task<(double PerSecond, long Count)> MeasureAsync(int workers, TimeSpan duration, Func<int, int, Task> operation)
    {
        // Warm up: JIT, connection pool, page cache.
        for (var i = 0; i < WarmUp; i++)
        {
            await operation(0, i);
        }

        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var counts = await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            // Odd start keeps claim/release alternating after the warm-up's operations on worker 0.
            var n = worker == 0 ? WarmUp : 0;
            var done = 0;
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                await operation(worker, n++);
                done++;
            }

            return done;
        })));
        var total = counts.Sum();
        return (total / Stopwatch.GetElapsedTime(started).TotalSeconds, total);
    }
}
