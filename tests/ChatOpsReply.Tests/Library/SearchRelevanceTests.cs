using ChatOpsReply.Library.Model;
using ChatOpsReply.Library.Search;
using Xunit.Abstractions;

namespace ChatOpsReply.Tests.Library;

/// <summary>Search finds what people mean, on a realistic library of 1,000 answers.</summary>
public sealed class SearchRelevanceTests(ITestOutputHelper output)
{
    private static readonly Lazy<CannedAnswerSearch> Library = new(() =>
    {
        var search = new CannedAnswerSearch();
        search.Load(GeneratedLibrary.Answers(1000));
        return search;
    });

    [Fact]
    public void The_expected_answer_is_in_the_top_three_for_at_least_90_percent_of_labelled_queries()
    {
        var misses = new List<string>();
        foreach (var (query, expected) in GeneratedLibrary.LabelledQueries)
        {
            var top = Library.Value.Search(query, AnswerFilters.None, 3).Select(a => a.Id).ToList();
            if (!top.Contains(expected))
            {
                misses.Add($"\"{query}\" → {string.Join(", ", top)} (wanted {expected})");
            }
        }

        var found = GeneratedLibrary.LabelledQueries.Count - misses.Count;
        output.WriteLine($"{found} of {GeneratedLibrary.LabelledQueries.Count} labelled queries have their answer in the top 3.{string.Concat(misses.Select(m => "\n  miss: " + m))}");
        Assert.True(GeneratedLibrary.LabelledQueries.Count >= 50, "The labelled set has fewer than 50 queries.");
        Assert.True(found >= GeneratedLibrary.LabelledQueries.Count * 0.9, $"{found} of {GeneratedLibrary.LabelledQueries.Count} in the top 3. Misses:\n{string.Join("\n", misses)}");
    }

    [Fact]
    public void Every_labelled_query_aims_at_an_approved_answer()
    {
        var byId = GeneratedLibrary.Answers(1000).ToDictionary(a => a.Id);
        Assert.All(GeneratedLibrary.LabelledQueries, q => Assert.Equal(AnswerStatus.Approved, byId[q.Expected].Status));
    }
}
