using System.Text.Json.Nodes;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsReply.Tests.Teams;

/// <summary>
/// A fake Bot Framework on 127.0.0.1 and the whole service on its own Kestrel server, pointed at it,
/// with the bot added to the team whose channels the test queues name.
/// </summary>
public abstract class TeamsTestBase : IAsyncLifetime
{
    protected FakeBotFramework Fake { get; private set; } = null!;

    protected ServiceHost Host { get; private set; } = null!;

    protected BotFrameworkSender Teams { get; private set; } = null!;

    /// <summary>Extra settings for the host.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Whether the bot is added to the team before the test starts.</summary>
    protected virtual bool Installed => true;

    public virtual async Task InitializeAsync()
    {
        Fake = await FakeBotFramework.StartAsync();
        foreach (var person in TestConfig.Policy().People.All)
        {
            Fake.TeamMembers.Add((BotFrameworkSender.TeamsUserId(person.Id), person.Name, person.TeamsUserId!));
        }

        var settings = Fake.Settings;
        settings["Console:PublicUrl"] = "https://replies.example.com/";
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        Host = ServiceHost.StartOnKestrel(settings, services =>
        {
            Fake.TrustCertificate(services);
            ConfigureServices(services);
        });
        Teams = new BotFrameworkSender(Host, Fake);
        if (Installed)
        {
            using var installed = await Teams.SendAsync("conversation-update-bot-added", "ada");
            Assert.True(installed.IsSuccessStatusCode, await installed.Content.ReadAsStringAsync());
            Fake.Calls.Clear();
        }
    }

    public async Task DisposeAsync()
    {
        Teams.Dispose();
        await Host.DisposeAsync();
        Host.DeleteFolder();
        await Fake.DisposeAsync();
    }

    /// <summary>
    /// Delivers the outbox as time passes: Teams allows 7 operations a second per thread, so a
    /// burst waits its turn (the surface defers each card by the wait).
    /// </summary>
    protected async Task DeliverAsync()
    {
        for (var round = 0; round < 20; round++)
        {
            await Host.DeliverAsync();
            if ((await Host.Service<ChatOpsReply.Delivery.IOutbox>().DepthAsync()).Pending == 0)
            {
                return;
            }

            Host.Time.Advance(TimeSpan.FromSeconds(31));
        }

        Assert.Fail("The outbox did not drain: " + Host.Errors);
    }

    /// <summary>Every card the service sent to the connector or answered an invoke with so far.</summary>
    protected List<JsonObject> SentCards() => [.. Fake.Calls.Select(c => c.Card).OfType<JsonObject>()];

    /// <summary>
    /// Checks cards with the official adaptivecards package (tests/js/check-adaptive-cards.mjs);
    /// <paramref name="inserted"/>: cards people insert from the messaging extension, which belong to no post;
    /// <paramref name="digest"/>: a burst's digests, <paramref name="alert"/>: spike alerts, which everyone sees alike.
    /// </summary>
    protected static async Task AssertAcceptedByAdaptiveCardsAsync(IReadOnlyList<JsonObject> cards, bool inserted = false, bool digest = false, bool alert = false)
    {
        Assert.NotEmpty(cards);
        var folder = Directory.CreateTempSubdirectory("chatopsreply-teams-cards-").FullName;
        try
        {
            for (var i = 0; i < cards.Count; i++)
            {
                await File.WriteAllTextAsync(Path.Combine(folder, $"card-{i:D3}.json"), cards[i].ToJsonString());
            }

            var (exitCode, output) = await NodeScript.RunAsync("check-adaptive-cards.mjs", inserted ? ["--inserted", folder] : digest ? ["--digest", folder] : alert ? ["--alert", folder] : [folder]);
            Assert.True(exitCode == 0, output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The ids of the Action.Execute buttons of a card (its workflow actions), in order.</summary>
    protected static List<string> Buttons(JsonObject card) =>
        [.. JsonTree.Objects(card).Where(n => (string?)n["type"] == "Action.Execute" && (string?)n["verb"] != "refresh").Select(n => (string)n["verb"]!)];

    protected static string? Notice(JsonObject card) =>
        card["body"]!.AsArray().FirstOrDefault() is JsonObject first && (string?)first["type"] == "TextBlock" && (string?)first["color"] == "Accent" ? (string?)first["text"] : null;
}
