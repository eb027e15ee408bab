using ChatOpsReply.Library.Model;
using ChatOpsReply.Library.Search;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Library;

/// <summary>The in-process index is the same whichever store it is built and kept current from.</summary>
public sealed class SearchOnBothStoresTests : IDisposable
{
    private readonly ServiceHost _sqlite = new();
    private readonly ServiceHost _redis = new(RedisSettings.Fresh(RedisServer.Shared));

    public void Dispose()
    {
        foreach (var host in new[] { _sqlite, _redis })
        {
            host.Dispose();
            host.DeleteFolder();
        }
    }

    [Fact]
    public async Task Sqlite_and_redis_give_the_same_results_for_every_labelled_query_before_and_after_edits()
    {
        var answers = GeneratedLibrary.Answers(1000);
        // Edits picked up through the change stamp, not a fresh load: retitled, retired, re-queued.
        var edits = answers.Where((_, i) => i % 37 == 0).Select((a, i) => a with
        {
            Version = a.Version + 1,
            Title = i % 3 == 0 ? $"{a.Title} (updated policy)" : a.Title,
            Status = i % 3 == 1 ? AnswerStatus.Retired : a.Status,
            Queues = i % 3 == 2 ? ["office"] : a.Queues,
        }).ToList();

        foreach (var host in new[] { _sqlite, _redis })
        {
            await host.SeedAsync([.. answers]);
        }

        var before = await ResultsAsync(_sqlite);
        Assert.Equal(before, await ResultsAsync(_redis));

        foreach (var host in new[] { _sqlite, _redis })
        {
            Assert.True((await host.Service<ICannedAnswerStore>().SaveAsync(edits)).IsSaved);
            Assert.Equal(edits.Count, await host.Service<AnswerLibrary>().RefreshAsync());
        }

        var after = await ResultsAsync(_sqlite);
        Assert.NotEqual(before, after);
        Assert.Equal(after, await ResultsAsync(_redis));
    }

    /// <summary>Every labelled query, plain and filtered by its expected answer's queue, as "id v" lists.</summary>
    private static async Task<List<string>> ResultsAsync(ServiceHost host)
    {
        var library = host.Service<AnswerLibrary>();
        var results = new List<string>();
        foreach (var (query, _) in GeneratedLibrary.LabelledQueries)
        {
            foreach (var filters in new[] { AnswerFilters.None, new AnswerFilters { Queue = "billing", Statuses = AnswerFilters.ApprovedOnly }, new AnswerFilters { Statuses = new HashSet<AnswerStatus>(Enum.GetValues<AnswerStatus>()) } })
            {
                var found = await library.SearchAsync(query, filters, 10);
                results.Add($"{query}: {string.Join(", ", found.Select(a => $"{a.Id} v{a.Version}"))}");
            }
        }

        return results;
    }
}
