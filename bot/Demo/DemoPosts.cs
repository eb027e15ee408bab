using ChatOpsReply.Accountability;
using ChatOpsReply.Posts;
using ChatOpsReply.Sources;

namespace ChatOpsReply.Demo;

/// <summary>
/// A team's morning: posts from every source, in both queues, some sensitive, each taken as far
/// through its life as a real one would be (claimed, waiting for legal, sent, missed its SLA),
/// through the same intake and commands as real posts, so every card and history is genuine.
/// </summary>
public sealed class DemoPosts(PostIntake intake, PostCommandHandler commands, IPostStore store, AccountabilityPolicy policy) : IDemoData
{
    /// <summary>How far a demo post gets: its steps, in order, each by the person named.</summary>
    private enum Story
    {
        Waiting,
        Claimed,
        Drafted,
        AwaitingLegal,
        Sent,
        Breached,
        Dismissed,
    }

    private sealed record DemoPost(string Source, string Handle, string Name, string Text, Story Story, string? Thread = null);

    private static readonly DemoPost[] Posts =
    [
        new("x", "@ana_lopez", "Ana Lopez", "My parcel was due Monday and tracking hasn't moved in 4 days. Order 88213. Can someone check?", Story.Waiting),
        new("x", "@ana_lopez", "Ana Lopez", "Thanks for sorting my last order so fast, you were great!", Story.Sent),
        new("facebook", "fb:1029384756", "Marcus Reed", "I was charged twice for my subscription this month. Please refund the second payment.", Story.Claimed),
        new("instagram", "@lena.bakes", "Lena Park", "The mixer I bought arrived with a cracked bowl. What now?", Story.Drafted),
        new("email", "priya.n@example.org", "Priya Natarajan", "Hello,\n\nI slipped on the wet floor in your Lyon store last week and injured my wrist. My lawyer advised me to write to you before we take legal action.\n\nPriya", Story.AwaitingLegal),
        new("sms", "+14155550123", "Tom Becker", "Is the store on Main St open on Sunday?", Story.Breached),
        new("x", "@deals4u_bot", "Deals 4 U", "Follow us for FREE crypto giveaways!!! Click the link in bio", Story.Dismissed),
        new("email", "j.moreau@example.net", "Julie Moreau", "Bonjour, my invoice INV-2291 shows the wrong VAT number. Could you send a corrected invoice?", Story.Waiting),
        new("facebook", "fb:5566778899", "Sam Okoro", "Three weeks waiting for a refund. This is unacceptable, I am telling everyone I know.", Story.Breached),
        new("instagram", "@kai.travels", "Kai Nakamura", "Do you ship to Japan? I'd love to order the travel bag.", Story.Claimed),
        new("x", "@finn_h", "Finn Hansen", "Your app keeps logging me out since the update. Anyone else?", Story.Waiting),
        new("email", "rosa.m@example.com", "Rosa Martinez", "I want to cancel my subscription and get a refund for this month. I'm considering a complaint under GDPR about the emails I keep getting.", Story.Claimed),
    ];

    public int Order => 20;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var n = 0;
        foreach (var demo in Posts)
        {
            n++;
            var received = await intake.ReceiveAsync(new IncomingPost(demo.Source, $"demo-{n}", demo.Thread, new PostAuthor(demo.Handle, demo.Name), demo.Text, null, null), cancellationToken).ConfigureAwait(false);
            if (received.PostId is { } postId)
            {
                await TellAsync(postId, demo, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task TellAsync(string postId, DemoPost demo, CancellationToken cancellationToken)
    {
        var post = await store.GetAsync(postId, cancellationToken).ConfigureAwait(false);
        if (post is null)
        {
            return;
        }

        var owner = policy.Queue(post.Queue).TierAt(0) is var tier ? policy.People.All.FirstOrDefault(tier.Includes) : null;
        var legal = policy.People.WithRole(policy.ApproverRole(post.Sensitivity)) is [var approver, ..] ? approver : null;
        var reply = $"Hi {post.Author.FirstName}, thanks for writing to us. I have looked into this and will get back to you with an answer today. {owner?.Name.Split(' ')[0]}";
        switch (demo.Story)
        {
            case Story.Claimed:
                await DoAsync(postId, PostTrigger.Claim, owner, TriggerInput.None, cancellationToken).ConfigureAwait(false);
                break;
            case Story.Drafted:
            case Story.AwaitingLegal:
                await DoAsync(postId, PostTrigger.Claim, owner, TriggerInput.None, cancellationToken).ConfigureAwait(false);
                await DoAsync(postId, PostTrigger.SubmitDraft, owner, new DraftInput(reply), cancellationToken).ConfigureAwait(false);
                break;
            case Story.Sent:
                await DoAsync(postId, PostTrigger.Claim, owner, TriggerInput.None, cancellationToken).ConfigureAwait(false);
                await DoAsync(postId, PostTrigger.SubmitDraft, owner, new DraftInput($"Hi {post.Author.FirstName}, that is lovely to hear, thank you! We are glad it arrived in time."), cancellationToken).ConfigureAwait(false);
                if (legal is not null && (await store.GetAsync(postId, cancellationToken).ConfigureAwait(false))?.State == PostState.AwaitingApproval)
                {
                    await DoAsync(postId, PostTrigger.Approve, legal, TriggerInput.None, cancellationToken).ConfigureAwait(false);
                }

                await DoAsync(postId, PostTrigger.Send, owner, TriggerInput.None, cancellationToken).ConfigureAwait(false);
                break;
            case Story.Breached:
                // The claim clock ran out before anyone took it: the post moved up to the next tier.
                if (post.NextSlaDueAt is { } due)
                {
                    await commands.HandleAsync(new PostCommand(postId, PostTrigger.SlaBreached, Person.System, "demo", null) { Input = new BreachInput(due) }, cancellationToken).ConfigureAwait(false);
                }

                break;
            case Story.Dismissed:
                var lead = policy.People.WithRole(Roles.Lead) is [var first, ..] ? first : owner;
                await DoAsync(postId, PostTrigger.Dismiss, lead, new CommentInput { Comment = "Spam account" }, cancellationToken).ConfigureAwait(false);
                break;
            default:
                break;
        }
    }

    private async Task DoAsync(string postId, PostTrigger trigger, Person? person, TriggerInput input, CancellationToken cancellationToken)
    {
        if (person is not null)
        {
            await commands.HandleAsync(new PostCommand(postId, trigger, person, "demo", null) { Input = input }, cancellationToken).ConfigureAwait(false);
        }
    }
}
