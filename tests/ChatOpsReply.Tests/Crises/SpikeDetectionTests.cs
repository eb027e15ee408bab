using ChatOpsReply.Crises;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Crises;

/// <summary>
/// Spike detection on generated streams, through the webhook, on the service's clock, with Slack as
/// the crisis room: a steady stream raises nothing, ten times the usual rate raises one alert
/// within two minutes, and a burst on another topic its own. Every queue's usual rate is learned
/// from the same hour of past weeks, seeded here as four weeks of that stream would have left it.
/// </summary>
public sealed class SpikeDetectionTests : IAsyncLifetime
{
    private const int UsualPerMinute = SpikeStream.UsualPerMinute;

    private static readonly string[] Deliveries = SpikeStream.Deliveries;

    private static readonly string[] Outages = SpikeStream.Outages;

    private static readonly string[] Logins = SpikeStream.Logins;

    private SlackHost _slack = null!;
    private SpikeStream _stream = null!;

    public async Task InitializeAsync()
    {
        // Ten posts in the window at least (twenty unless configured): the streams stay short.
        _slack = await SlackHost.StartAsync(new Dictionary<string, string?> { [$"{SpikeOptions.Section}:MinimumPosts"] = "10" });
        _stream = new SpikeStream(_slack);
        await _stream.SeedPastWeeksAsync([.. Deliveries, .. Outages, .. Logins]);
    }

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    [Fact]
    public async Task A_steady_stream_at_the_usual_rate_raises_no_alert()
    {
        for (var minute = 0; minute < 30; minute++)
        {
            await MinuteAsync((Deliveries, UsualPerMinute), (Outages, UsualPerMinute), (Logins, UsualPerMinute));
            // Delivered as it comes, as the service does: a steady stream gets a card per post, never a digest.
            await _slack.Host.DeliverAsync();
        }

        await _slack.DeliverAllAsync(maxSeconds: 200);

        Assert.Empty(Alerts());
        Assert.Equal(90, _slack.Slack.Of("chat.postMessage").Count(c => c.Arg("channel") == "C0SUPPORT" && c.Arg("thread_ts") == ""));
    }

    [Fact]
    public async Task Ten_times_the_usual_rate_for_five_minutes_raises_one_alert_within_two_minutes()
    {
        for (var minute = 0; minute < 5; minute++)
        {
            await MinuteAsync((Outages, 10 * UsualPerMinute), (Deliveries, UsualPerMinute));
            await _slack.Host.DeliverAsync();
            if (minute < 2)
            {
                // By the end of the second minute, the crisis room has been told.
                Assert.True(minute == 0 || Alerts().Count == 1, $"No alert after {minute + 1} minutes of the burst.");
            }
        }

        await _slack.DeliverAllAsync(maxSeconds: 300);

        Assert.True(Alerts().Count == 1, string.Join("\n---\n", Alerts().Select(a => a.VisibleText)));
        var alert = Alerts()[0];
        Assert.StartsWith(":rotating_light: <@U0SAM> *Possible crisis in Support:", Blocks(alert)[0], StringComparison.Ordinal);
        Assert.Contains("posts about 'app down' in 10 min, usually 10", alert.VisibleText, StringComparison.Ordinal);
        Assert.Contains("Terms: app down, outage, down, app", alert.VisibleText, StringComparison.Ordinal);
        Assert.Matches("`[▁▂▃▄▅▆▇█]{10}` the last 10 min", Blocks(alert)[1]);
        // Three sample posts of the burst, with who wrote them and where.
        Assert.Equal(3, alert.VisibleText.Split("Ana Lopez (@ana) on X: ").Skip(1).Count(sample => Outages.Any(text => sample.StartsWith(text, StringComparison.Ordinal))));
        Assert.Equal([SpikeAlerts.DeclareCrisisAction, SpikeAlerts.NotACrisisAction], Buttons(alert));
    }

    [Fact]
    public async Task A_second_spike_on_another_topic_raises_its_own_alert()
    {
        for (var minute = 0; minute < 3; minute++)
        {
            await MinuteAsync((Outages, 10 * UsualPerMinute));
        }

        for (var minute = 0; minute < 3; minute++)
        {
            await MinuteAsync((Outages, 10 * UsualPerMinute), (Logins, 10 * UsualPerMinute));
        }

        await _slack.DeliverAllAsync();

        Assert.True(Alerts().Count == 2, string.Join("\n---\n", Alerts().Select(a => a.VisibleText)));
        Assert.Contains("about 'app down'", Alerts()[0].VisibleText, StringComparison.Ordinal);
        // Its own topic, its own posts: a word of the password mails, none of the outage's.
        Assert.Matches("about '[a-z ]*(password|reset|email|never)[a-z ]*'", Alerts()[1].VisibleText);
        Assert.Contains(Logins, text => Alerts()[1].VisibleText.Contains(text, StringComparison.Ordinal));
        Assert.DoesNotContain("outage", Alerts()[1].VisibleText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_a_crisis_says_who_decided_on_the_alert_and_keeps_the_topic_quiet()
    {
        for (var minute = 0; minute < 3; minute++)
        {
            await MinuteAsync((Outages, 10 * UsualPerMinute));
        }

        await _slack.DeliverAllAsync();
        var alert = Assert.Single(Alerts());
        var spikeId = SpikeStream.ValueOf(alert, SpikeAlerts.NotACrisisAction);

        await _slack.InteractAsync(Click(spikeId, "U0ALICE"));
        var refused = await _slack.Slack.WaitForAsync("chat.postEphemeral", c => c.Arg("user") == "U0ALICE");
        Assert.Equal(SpikeAlerts.NotYoursText, refused.Arg("text"));

        await _slack.InteractAsync(Click(spikeId, "U0DAN"));
        var noted = await _slack.Slack.WaitForAsync("chat.postEphemeral", c => c.Arg("user") == "U0DAN");
        Assert.StartsWith("Noted: not a crisis. 'app down' raises no alert until", noted.Arg("text"), StringComparison.Ordinal);
        await _slack.DeliverAllAsync();
        var updated = _slack.Slack.Of("chat.update").Last(c => c.Arg("ts") == alert.Answer!["ts"]!.GetValue<string>());
        Assert.Contains("Not a crisis, said Dan Weber: 'app down' stays quiet until", updated.VisibleText, StringComparison.Ordinal);
        Assert.Empty(Buttons(updated));

        // The spike ends; the same topic bursts again within the two hours' silence: no alert.
        _slack.Host.Time.Advance(TimeSpan.FromMinutes(30));
        for (var minute = 0; minute < 3; minute++)
        {
            await MinuteAsync((Outages, 10 * UsualPerMinute));
        }

        await _slack.DeliverAllAsync();
        Assert.Single(Alerts());

        // After the silence, a burst on it is news again.
        _slack.Host.Time.Advance(TimeSpan.FromHours(2));
        for (var minute = 0; minute < 3; minute++)
        {
            await MinuteAsync((Outages, 10 * UsualPerMinute));
        }

        await _slack.DeliverAllAsync();
        Assert.Equal(2, Alerts().Count);
    }

    private Task<List<(string Text, string PostId)>> MinuteAsync(params (string[] Texts, int PerMinute)[] topics) => _stream.MinuteAsync(topics);

    private List<SlackCall> Alerts() => _stream.Alerts();

    private static List<string> Blocks(SlackCall call) => SpikeStream.Blocks(call);

    private static List<string> Buttons(SlackCall call) => SpikeStream.Buttons(call);

    private static System.Text.Json.Nodes.JsonObject Click(string spikeId, string user) => SpikeStream.Click(spikeId, user, SpikeAlerts.NotACrisisAction);
}
