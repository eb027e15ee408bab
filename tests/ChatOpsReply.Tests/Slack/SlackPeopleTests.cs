using ChatOpsReply.Slack;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Slack;

/// <summary>Who a Slack user is: configured by Slack id, found by e-mail, given roles by user groups.</summary>
public sealed class SlackPeopleTests
{
    [Fact]
    public async Task A_configured_slack_user_id_is_that_person()
    {
        await using var slack = await SlackHost.StartAsync();
        var alice = await slack.Host.Service<SlackPeople>().FindAsync("U0ALICE", CancellationToken.None);
        Assert.Equal("alice", alice?.Id);
        Assert.Empty(slack.Slack.Of("users.info"));
    }

    [Fact]
    public async Task A_person_configured_by_email_only_is_found_through_users_info()
    {
        await using var slack = await SlackHost.StartAsync(new Dictionary<string, string?> { ["Accountability:People:8:Email"] = "olga@example.com" });
        slack.Slack.Emails["U0OLGA2"] = "olga@example.com";

        var people = slack.Host.Service<SlackPeople>();
        var olga = await people.FindAsync("U0OLGA2", CancellationToken.None);
        await people.FindAsync("U0OLGA2", CancellationToken.None);

        Assert.Equal("olga", olga?.Id);
        Assert.Equal("U0OLGA2", olga?.SlackUserId);
        Assert.Single(slack.Slack.Of("users.info"));
        Assert.Null(await people.FindAsync("U0STRANGER", CancellationToken.None));
    }

    [Fact]
    public async Task Membership_of_a_configured_user_group_grants_its_role()
    {
        await using var slack = await SlackHost.StartAsync(new Dictionary<string, string?> { ["Slack:UserGroups:legal"] = "S0LEGAL" });
        slack.Slack.Groups["S0LEGAL"] = ["U0BOB"];
        var people = slack.Host.Service<SlackPeople>();
        await people.RefreshGroupsAsync(CancellationToken.None);

        var bob = await people.FindAsync("U0BOB", CancellationToken.None);

        Assert.True(bob!.HasRole("legal"));
        Assert.True(bob.HasRole("frontline"));
        Assert.False((await people.FindAsync("U0ALICE", CancellationToken.None))!.HasRole("legal"));
    }
}
