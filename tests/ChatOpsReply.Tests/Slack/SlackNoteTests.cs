using System.Net;
using System.Text.Json.Nodes;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Slack;

/// <summary>A staff reply in a card's Slack thread is a note on the post: in its history, for the team only.</summary>
public sealed class SlackNoteTests : IAsyncLifetime
{
    private SlackHost _slack = null!;

    public async Task InitializeAsync() => _slack = await SlackHost.StartAsync();

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    [Fact]
    public async Task A_reply_in_the_cards_thread_becomes_a_note_naming_the_people_it_mentions()
    {
        var (postId, cardTs) = await PostedAsync();

        using (var response = await _slack.EventAsync(ThreadReply("Ev0NOTE01", "U0CAROL", "<@U0ALICE> she called, the parcel is with her neighbour", cardTs, "1700000400.000100")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var note = Assert.Single(await _slack.Host.Service<IAuditTrail>().ForPostAsync(postId), e => e.Action == AuditAction.AddNote);
        Assert.Equal(("carol", "slack", "@alice she called, the parcel is with her neighbour"), (note.ActorId, note.Surface, note.Comment));
        await _slack.DeliverAllAsync();
        // Slack already shows it (and pinged Alice): nothing is posted back into the thread.
        Assert.DoesNotContain(_slack.Slack.Of("chat.postMessage"), c => c.Arg("text").Contains("she called", StringComparison.Ordinal));
        Assert.Equal(PostState.Open, (await _slack.Host.PostAsync(postId)).State);
    }

    [Fact]
    public async Task The_same_reply_delivered_twice_and_the_bots_own_lines_are_not_notes()
    {
        var (postId, cardTs) = await PostedAsync();

        using (await _slack.EventAsync(ThreadReply("Ev0NOTE02", "U0BOB", "I can take this one", cardTs, "1700000400.000200")))
        using (await _slack.EventAsync(ThreadReply("Ev0NOTE03", "U0BOB", "I can take this one", cardTs, "1700000400.000200")))
        {
        }

        var bot = ThreadReply("Ev0NOTE04", "U0CHATOPS", "Alice Martin claimed this", cardTs, "1700000400.000300");
        bot["event"]!["bot_id"] = "B0CHATOPS";
        var elsewhere = ThreadReply("Ev0NOTE05", "U0BOB", "lunch?", "1690000000.000001", "1700000400.000400");
        using (await _slack.EventAsync(bot))
        using (await _slack.EventAsync(elsewhere))
        {
        }

        var notes = (await _slack.Host.Service<IAuditTrail>().ForPostAsync(postId)).Where(e => e.Action == AuditAction.AddNote).ToList();
        Assert.Equal(["I can take this one"], notes.Select(n => n.Comment));
    }

    private async Task<(string PostId, string CardTs)> PostedAsync()
    {
        var postId = await _slack.Host.ReceiveAsync("Where is my parcel?");
        await _slack.DeliverAllAsync();
        var card = Assert.Single(_slack.Slack.Of("chat.postMessage"));
        return (postId, card.Answer!["ts"]!.GetValue<string>());
    }

    /// <summary>A message event as Slack sends a reply in a thread of the support channel (docs.slack.dev/reference/events/message).</summary>
    private static JsonObject ThreadReply(string eventId, string user, string text, string threadTs, string ts)
    {
        var envelope = SlackHost.Fixture("event_callback.json");
        envelope["event_id"] = eventId;
        envelope["event"] = new JsonObject
        {
            ["type"] = "message",
            ["channel"] = "C0SUPPORT",
            ["channel_type"] = "channel",
            ["user"] = user,
            ["text"] = text,
            ["ts"] = ts,
            ["thread_ts"] = threadTs,
            ["event_ts"] = ts,
        };
        return envelope;
    }
}
