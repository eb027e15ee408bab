using System.Diagnostics;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Library.Search;
using ChatOpsReply.Tests.Library;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsReply.Bench;

/// <summary>
/// The answer library at 50,000 answers on one store (SQLite, or a private redis-server). Index build: reading every answer
/// from the store and indexing it, beside a ceiling of reading the same answers and cutting them
/// into words with the same tokenizer (what any index build must do at least). Query latency:
/// realistic queries (typos, half-words, prefixes) through the index, beside a linear scan that
/// does the same matching (exact word, prefix, one typo) over the same pre-cut words: the
/// obvious way to search without an index, so the ratio shows what the index buys.
/// </summary>
/// <param name="provider">"Sqlite" or "Redis".</param>
internal sealed class LibrarySearchBenchmark(string provider) : IBenchmark
{
    private const int Answers = 50_000;
    private const int Rounds = 10;
    private const int ScanQueries = 25;

    private bool OnRedis => provider == "Redis";

    public string Name => OnRedis ? "library-search-redis" : "library-search";

    public string Description => $"{Answers:N0} generated answers on {provider}; {GeneratedLibrary.LabelledQueries.Count * 3} queries x {Rounds}";

    public async Task<IReadOnlyList<BenchResult>> RunAsync(CancellationToken cancellationToken)
    {
        using var redis = OnRedis ? RedisServer.Start(durable: false) : null;
        // The host's own index refresh stays out of the way: this run builds and searches its own index.
        var settings = new Dictionary<string, string?> { ["Library:RefreshInterval"] = "01:00:00" };
        if (redis is not null)
        {
            settings["Storage:Provider"] = "Redis";
            settings["Storage:Redis:Configuration"] = redis.Configuration;
        }

        using var host = new BenchHost(settings);
        var store = host.Services.GetRequiredService<ICannedAnswerStore>();
        var generated = GeneratedLibrary.Answers(Answers);
        foreach (var batch in generated.Chunk(5_000))
        {
            if (!(await store.SaveAsync(batch, cancellationToken)).IsSaved)
            {
                throw new InvalidOperationException("The generated library could not be saved.");
            }
        }

        var search = new CannedAnswerSearch();
        var reading = Median(await TimeAsync(3, async () => await store.ChangesSinceAsync(0, cancellationToken)));
        var build = Median(await TimeAsync(3, async () => search.Load((await store.ChangesSinceAsync(0, cancellationToken)).Answers)));
        var words = new List<HashSet<string>>();
        var read = Median(await TimeAsync(3, async () =>
        {
            words = [.. (await store.ChangesSinceAsync(0, cancellationToken)).Answers.Select(a => SearchText.Terms($"{a.Title} {string.Join(' ', a.Tags)} {AnswerTemplate.WithoutPlaceholders(a.Body)}").ToHashSet(StringComparer.Ordinal))];
        }));

        var queries = Queries();
        foreach (var query in queries)
        {
            search.Search(query, AnswerFilters.None, 10);
        }

        var latencies = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var query in queries)
            {
                var started = Stopwatch.GetTimestamp();
                search.Search(query, AnswerFilters.None, 10);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        var scans = new List<double>();
        foreach (var query in queries.Take(ScanQueries))
        {
            var terms = SearchText.Terms(query).Distinct(StringComparer.Ordinal).ToList();
            var started = Stopwatch.GetTimestamp();
            Scan(words, terms);
            scans.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var p99 = Percentile(latencies, 0.99);
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"  index build {build:0} ms, of which reading the store {reading:0} ms"));
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"  query p50 {Percentile(latencies, 0.5):0.###} ms, p99 {p99:0.###} ms over {latencies.Count} queries; scan p50 {Percentile(scans, 0.5):0.#} ms"));
        return
        [
            new BenchResult($"index build from {provider}, {Answers:N0} answers", "ms", build, read, HigherIsBetter: false, "< 2,000 ms", build < 2_000),
            new BenchResult($"query p99 on {provider}", "ms", p99, Percentile(scans, 0.99), HigherIsBetter: false, "< 5 ms", p99 < 5),
        ];
    }

    /// <summary>The labelled queries, each also cut to half-words and with a brand, as people type them.</summary>
    private static List<string> Queries()
    {
        var queries = new List<string>();
        for (var i = 0; i < GeneratedLibrary.LabelledQueries.Count; i++)
        {
            var query = GeneratedLibrary.LabelledQueries[i].Query;
            queries.Add(query);
            queries.Add(string.Join(' ', query.Split(' ').Select(w => w.Length > 4 ? w[..((w.Length / 2) + 1)] : w)));
            queries.Add($"{GeneratedLibrary.Brands[i % GeneratedLibrary.Brands.Count]} {query}");
        }

        return queries;
    }

    /// <summary>Every answer's words against every query word: exact, prefix, or one typo from five letters.</summary>
    private static int Scan(List<HashSet<string>> answers, List<string> terms)
    {
        var best = 0;
        foreach (var words in answers)
        {
            var matched = 0;
            foreach (var term in terms)
            {
                foreach (var word in words)
                {
                    if (word.StartsWith(term, StringComparison.Ordinal) || (term.Length >= 5 && SearchText.WithinDistance(term, word, 1)))
                    {
                        matched++;
                        break;
                    }
                }
            }

            best = Math.Max(best, matched);
        }

        return best;
    }

    private static async Task<List<double>> TimeAsync(int times, Func<Task> work)
    {
        var took = new List<double>();
        for (var i = 0; i < times; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await work();
            took.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return took;
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double share)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(share * sorted.Count) - 1)];
    }
}
