using ChatOpsReply.Library.Model;
using ChatOpsReply.Library.Search;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Library;

/// <summary>Two instances on one store: each one's search sees the other's changes within a refresh interval.</summary>
public sealed class LibraryInstancesTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Redis")]
    public async Task An_answer_approved_on_one_instance_is_found_on_the_other_after_its_next_refresh(string provider)
    {
        var settings = provider == "Redis" ? RedisSettings.Fresh(RedisServer.Shared) : [];
        settings["Library:RefreshInterval"] = "00:00:02";
        using var first = new ServiceHost(settings);
        using var second = new ServiceHost(settings, folder: first.Folder);
        var library = second.Service<AnswerLibrary>();
        Assert.Empty(await library.SearchAsync("parcel", AnswerFilters.None, 5));

        await first.ApprovedAnswerAsync(new AnswerDocument { Id = "parcel", Title = "Parcel tracking", Body = "Follow your parcel online." });
        second.Time.Advance(TimeSpan.FromSeconds(2));

        var found = await Eventually(async () => await library.SearchAsync("parcel", AnswerFilters.None, 5));
        Assert.Equal([("parcel", 2)], found.Select(f => (f.Id, f.Version)));
        first.DeleteFolder();
    }

    /// <summary>Waits (a little, in real time) for the background refresh the fake clock released.</summary>
    private static async Task<IReadOnlyList<AnswerSuggestion>> Eventually(Func<Task<IReadOnlyList<AnswerSuggestion>>> search)
    {
        for (var i = 0; i < 100; i++)
        {
            var result = await search();
            if (result.Count > 0)
            {
                return result;
            }

            await Task.Delay(50);
        }

        return await search();
    }
}
