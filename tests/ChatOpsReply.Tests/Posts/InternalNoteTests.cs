using System.Net;
using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsReply.Tests.Posts;

/// <summary>Notes for the team, written in the console's note box: in the history, on the other surfaces, never to the customer.</summary>
public sealed class InternalNoteTests : IDisposable
{
    private readonly RecordingSurface _surface = new();
    private readonly AcceptingReplySender _customer = new();
    private readonly ServiceHost _host;

    public InternalNoteTests() => _host = new ServiceHost(services: s =>
    {
        s.AddSingleton<IChatSurface>(_surface);
        s.AddSingleton<IReplySender>(_customer);
    });

    [Fact]
    public async Task A_note_from_the_console_is_in_the_history_and_the_threads_and_mentions_who_it_names()
    {
        var postId = await _host.ReceiveAsync("Where is my parcel?");
        await _host.ActAsync(postId, PostTrigger.Claim, "alice");
        var carol = new ConsoleSession(_host.NewClient());
        await carol.SignInAsync("carol");

        Assert.Equal("Done.", await carol.AddNoteAsync(postId, "@alice she called us too: the parcel is with her neighbour"));

        var note = Assert.Single(await _host.Service<IAuditTrail>().ForPostAsync(postId), e => e.Action == AuditAction.AddNote);
        Assert.Equal(("carol", "console", "@alice she called us too: the parcel is with her neighbour", "mentions Alice Martin"), (note.ActorId, note.Surface, note.Comment, note.Detail));
        Assert.Contains(WebUtility.HtmlEncode("she called us too: the parcel is with her neighbour"), await carol.PageAsync($"/console/posts/{postId}"), StringComparison.Ordinal);
        var post = await _host.PostAsync(postId);
        Assert.Equal((PostState.Claimed, "alice"), (post.State, post.Owner));
        await _host.DeliverAsync();
        Assert.Contains(_surface.Of(OutboxKind.ThreadNote), m => m.Text == "Note from Carol Nguyen: @alice she called us too: the parcel is with her neighbour");
        Assert.Contains(_surface.Of(OutboxKind.Notify), m => m.People.SequenceEqual(["alice"]) && m.Text == "Carol Nguyen mentioned you in a note.");
        Assert.Empty(_customer.Sent);
    }

    [Fact]
    public async Task Someone_outside_the_team_sees_no_note_box()
    {
        var postId = await _host.ReceiveAsync("Where is my parcel?");
        var olga = new ConsoleSession(_host.NewClient());
        await olga.SignInAsync("olga");

        Assert.DoesNotContain("note-box", await olga.PageAsync($"/console/posts/{postId}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_note_is_refused_with_a_sentence_and_changes_nothing()
    {
        var postId = await _host.ReceiveAsync("Where is my parcel?");

        var result = await _host.ActAsync(postId, PostTrigger.AddNote, "alice", new CommentInput { Comment = "  " });

        Assert.Equal(CommandOutcome.Rejected, result.Outcome);
        Assert.Equal(["Write the note."], result.Reasons);
        Assert.Equal(1, (await _host.PostAsync(postId)).Version);
    }

    [Fact]
    public async Task Someone_outside_the_team_cannot_add_a_note()
    {
        var postId = await _host.ReceiveAsync("Where is my parcel?");

        var result = await _host.ActAsync(postId, PostTrigger.AddNote, "olga", new CommentInput { Comment = "hello" });

        Assert.Equal(CommandOutcome.Rejected, result.Outcome);
        Assert.Contains("Only people in Support's chain, its approvers and the crisis team can add notes to this post.", result.Reasons);
    }

    [Fact]
    public void A_note_names_people_by_id_or_unambiguous_first_name_but_not_in_an_email_address()
    {
        var people = TestConfig.Policy().People;

        Assert.Equal(["alice", "dan"], NoteMentions.Find("@alice and @Dan, see ana@example.com and @nobody", people).Select(p => p.Id));
    }

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteFolder();
    }
}
