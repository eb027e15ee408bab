using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Teams;

/// <summary>The bot's own token is reused while it is fresh (see TeamsDeliveryTests) and renewed before it expires.</summary>
public sealed class TeamsTokenRenewalTests
{
    [Fact]
    public async Task A_token_about_to_expire_is_renewed_before_the_next_call()
    {
        // MSAL renews a token five minutes before it expires: one that lives four minutes is fetched anew each time.
        await using var fake = await FakeBotFramework.StartAsync();
        fake.TokenLifetimeSeconds = 240;
        using var host = new ServiceHost(new Dictionary<string, string?>(fake.Settings) { ["Teams:ServiceUrl"] = fake.ServiceUrl }, fake.TrustCertificate);
        await host.ReceiveAsync("Where is my order?");
        await host.DeliverAsync();
        await host.ReceiveAsync("Where is my parcel?");
        await host.DeliverAsync();

        Assert.Equal(2, fake.TokenRequestCount);
        Assert.Equal(["Bearer bot-token-1", "Bearer bot-token-2"], fake.Of("create").Select(c => c.Authorization));
        host.DeleteFolder();
    }
}
