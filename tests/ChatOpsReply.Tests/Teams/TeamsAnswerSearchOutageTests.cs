using System.Net;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Storage.Sqlite;
using ChatOpsReply.Teams;
using ChatOpsReply.Tests.Library;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsReply.Tests.Teams;

/// <summary>
/// The messaging extension while the answer store is down from the start (so the library could
/// not be loaded): a sentence to act on, within the time Teams waits, never a server error.
/// </summary>
public sealed class TeamsAnswerSearchOutageTests : TeamsTestBase
{
    private FlakyAnswerStore Store => Host.Service<FlakyAnswerStore>();

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<SqliteCannedAnswerStore>();
        services.AddSingleton(sp => new FlakyAnswerStore(sp.GetRequiredService<SqliteCannedAnswerStore>()) { Down = true });
        services.AddSingleton<ChatOpsReply.Library.Model.ICannedAnswerStore>(sp => sp.GetRequiredService<FlakyAnswerStore>());
    }

    [Fact]
    public async Task A_search_while_the_library_cannot_be_read_says_try_again_and_works_once_the_store_is_back()
    {
        var (status, body) = await Teams.SearchAsync("refund");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("message", TeamsAnswerSearch.LibraryUnavailable), (ComposeExtensionQueries.Type(body), ComposeExtensionQueries.Text(body)));

        Store.Down = false;
        await Host.ApprovedAnswerAsync(new AnswerDocument { Id = "refund-damaged", Title = "Refund for a damaged item", Body = "Hi {customer.name}, we refund the full price today. {agent.name}" });
        Assert.Equal(["refund-damaged"], await Teams.AnswerIdsAsync("refund"));
    }

    [Fact]
    public async Task A_store_that_stops_answering_gets_a_sentence_before_teams_gives_up()
    {
        Store.Down = false;
        Store.Stalled = true;
        try
        {
            var asked = Host.Time.GetUtcNow();
            var search = Teams.SearchAsync("refund");

            // Teams waits 5 seconds; the service gives the library 4 (on its clock, moved here by hand).
            for (var waited = 0; !search.IsCompleted && waited < 100; waited++)
            {
                Host.Time.Advance(TimeSpan.FromMilliseconds(500));
                await Task.Delay(50);
            }

            Assert.True(search.IsCompleted, "The search was not answered.");
            var (status, body) = await search;
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(TeamsAnswerSearch.LibraryUnavailable, ComposeExtensionQueries.Text(body));
            Assert.True(Host.Time.GetUtcNow() - asked >= TeamsAnswerSearch.Budget, "Answered before the budget was spent.");
        }
        finally
        {
            Store.Stalled = false;
        }
    }
}
