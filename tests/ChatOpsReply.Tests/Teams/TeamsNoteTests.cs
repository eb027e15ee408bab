using System.Net;
using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using ChatOpsReply.Teams;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Teams;

/// <summary>A staff reply in a card's Teams reply chain is a note on the post, for the team only.</summary>
public sealed class TeamsNoteTests : TeamsTestBase
{
    [Fact]
    public async Task A_reply_in_the_cards_reply_chain_becomes_a_note_and_its_mention_names_the_person()
    {
        var postId = await Host.ReceiveAsync("Where is my parcel?");
        await DeliverAsync();
        var thread = await Host.Service<ICardReferences>().GetAsync(postId, TeamsNotes.ThreadKey);
        Assert.NotNull(thread);
        Fake.Calls.Clear();

        using (var response = await Teams.SendAsync("channel-reply", "carol", new Dictionary<string, string> { ["conversationId"] = thread, ["text"] = "<at>Alice Martin</at> she called, the parcel is with her neighbour" }))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var note = Assert.Single(await Host.Service<IAuditTrail>().ForPostAsync(postId), e => e.Action == AuditAction.AddNote);
        Assert.Equal(("carol", "teams", "@alice she called, the parcel is with her neighbour"), (note.ActorId, note.Surface, note.Comment));
        await DeliverAsync();
        // Teams shows it already: nothing is answered or echoed into the chain.
        Assert.DoesNotContain(Fake.Calls, c => c.Text?.Contains("she called", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_message_in_the_channel_that_answers_no_card_is_still_a_command()
    {
        var postId = await Host.ReceiveAsync("Where is my parcel?");
        await DeliverAsync();

        using (await Teams.SendAsync("channel-message", "alice", new Dictionary<string, string> { ["text"] = "help" }))
        {
        }

        Assert.DoesNotContain(await Host.Service<IAuditTrail>().ForPostAsync(postId), e => e.Action == AuditAction.AddNote);
        Assert.Single(Fake.Of("reply"));
    }
}
