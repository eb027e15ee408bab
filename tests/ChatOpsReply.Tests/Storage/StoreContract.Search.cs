using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;
using ChatOpsReply.WebConsole.Drafts;

namespace ChatOpsReply.Tests.Storage;

/// <summary>Finding posts the way the console's search does, and the drafts kept as people type: the same answers on every store.</summary>
public abstract partial class StoreContract
{
    private IDraftStore Drafts => Store<IDraftStore>();

    /// <summary>Five posts that differ in every way a search can tell them apart.</summary>
    private async Task<Dictionary<string, CustomerPost>> SearchablePostsAsync()
    {
        var posts = new[]
        {
            NewPost("ana-x", at: T0) with { Author = new PostAuthor("@Ana", "Ana López"), Text = "My parcel never arrived", ClaimDueAt = T0.AddMinutes(30) },
            NewPost("ana-x-2", at: T0.AddHours(1)) with { Author = new PostAuthor("@ana", "Ana López"), Text = "Still no parcel, I will call my lawyer", ClaimDueAt = T0.AddMinutes(70) },
            NewPost("ana-sms", at: T0.AddHours(2)) with { Source = "sms", Author = new PostAuthor("+15550001", "Ana Smith"), Text = "Refund please", Sensitivity = null, ClaimDueAt = T0.AddMinutes(140) },
            NewPost("bo-billing", queue: "billing", at: T0.AddHours(3)) with { Author = new PostAuthor("@bo", "Bo Berg"), Text = "Charged twice for one invoice", Sensitivity = null, ClaimDueAt = T0.AddMinutes(200) },
            NewPost("cy-old", at: T0.AddDays(-10)) with { Author = new PostAuthor("@cy", "Cy Doe"), Text = "Parcel arrived broken", Sensitivity = null, ClaimDueAt = null },
        };
        foreach (var post in posts)
        {
            await Create(post);
        }

        return posts.ToDictionary(p => p.Id);
    }

    private async Task<string[]> Find(PostQuery query) => [.. (await Posts.ListAsync(query)).Select(p => p.Id)];

    [Fact]
    public async Task Posts_are_found_by_whole_words_of_their_text_and_customer_in_any_case_and_accent()
    {
        await SearchablePostsAsync();

        Assert.Equal(["ana-x-2", "ana-x", "cy-old"], await Find(new PostQuery { Text = "PARCEL" }));
        Assert.Equal(["ana-x"], await Find(new PostQuery { Text = "parcel never" }));
        Assert.Empty(await Find(new PostQuery { Text = "parc" }));
        Assert.Empty(await Find(new PostQuery { Text = "   " }));
        Assert.Equal(["ana-sms", "ana-x-2", "ana-x"], await Find(new PostQuery { Customer = "ana" }));
        Assert.Equal(["ana-x-2", "ana-x"], await Find(new PostQuery { Customer = "Lopez" }));
        Assert.Equal(["ana-x-2"], await Find(new PostQuery { Customer = "ana", Text = "lawyer" }));
    }

    [Fact]
    public async Task The_commonest_words_of_a_text_are_not_searched_but_every_word_of_a_customer_is()
    {
        await Create(NewPost("door", at: T0) with { Author = new PostAuthor("@me_and_you", "Me And You"), Text = "The parcel is at the door" });
        await Create(NewPost("lost", at: T0.AddHours(1)) with { Author = new PostAuthor("@bo", "Bo Berg"), Text = "Parcel lost" });

        Assert.Equal(["lost", "door"], await Find(new PostQuery { Text = "the parcel" }));
        Assert.Equal(["door"], await Find(new PostQuery { Text = "door is" }));
        Assert.Empty(await Find(new PostQuery { Text = "the" }));
        Assert.Equal(["door"], await Find(new PostQuery { Customer = "me and you" }));
        Assert.Empty(await Find(new PostQuery { Customer = "and", Text = "lost" }));
    }

    [Fact]
    public async Task A_long_post_is_found_by_each_of_its_words()
    {
        // 150 words: more than one statement's worth on SQLite, and a count that is no power of two.
        var words = Enumerable.Range(1, 150).Select(i => $"word{i}").ToArray();
        await Create(NewPost("long", at: T0) with { Text = string.Join(' ', words) });
        await Create(NewPost("short", at: T0.AddHours(1)) with { Text = "word1 word2" });

        foreach (var word in new[] { "word1", "word64", "word65", "word128", "word129", "word150" })
        {
            Assert.Contains("long", await Find(new PostQuery { Text = word }));
        }

        Assert.Equal(["long"], await Find(new PostQuery { Text = "word1 word150" }));
        Assert.Equal(["short", "long"], await Find(new PostQuery { Text = "word2" }));
    }

    [Fact]
    public async Task Posts_are_filtered_by_source_customer_handle_sensitivity_and_period()
    {
        await SearchablePostsAsync();

        Assert.Equal(["ana-sms"], await Find(new PostQuery { Source = "sms" }));
        Assert.Equal(["ana-x-2", "ana-x"], await Find(new PostQuery { Source = "x", Handle = "@ANA" }));
        Assert.Equal(["ana-x-2", "ana-x"], await Find(new PostQuery { Sensitive = true }));
        Assert.Equal(["bo-billing", "ana-sms", "cy-old"], await Find(new PostQuery { Sensitive = false }));
        Assert.Equal(["bo-billing", "ana-sms", "ana-x-2"], await Find(new PostQuery { ReceivedFrom = T0.AddHours(1) }));
        Assert.Equal(["ana-x-2"], await Find(new PostQuery { ReceivedFrom = T0.AddMinutes(1), ReceivedBefore = T0.AddHours(2) }));
        Assert.Equal(["bo-billing"], await Find(new PostQuery { Queue = "billing", Sensitive = false }));
        Assert.Equal(["ana-x"], await Find(new PostQuery { Text = "parcel", Order = PostOrder.Due, Limit = 1 }));
    }

    [Fact]
    public async Task Posts_are_filtered_by_the_tier_accountable_now()
    {
        var posts = await SearchablePostsAsync();
        await Posts.SaveAsync(Change(posts["ana-x"], p => p with { State = PostState.Escalated, Tier = 1 }, AuditAction.Escalate));
        await Posts.SaveAsync(Change(posts["bo-billing"], p => p with { State = PostState.Escalated, Tier = 1 }, AuditAction.Escalate));

        Assert.Equal(["bo-billing", "ana-x"], await Find(new PostQuery { Tier = 1 }));
        Assert.Equal(["ana-x"], await Find(new PostQuery { Tier = 1, Queue = "support" }));
        Assert.Equal(["ana-sms", "ana-x-2"], await Find(new PostQuery { Tier = 0, ReceivedFrom = T0.AddMinutes(1), Limit = 2 }));
        Assert.Empty(await Find(new PostQuery { Tier = 2 }));
    }

    [Fact]
    public async Task Posts_are_filtered_by_the_tier_that_had_them_when_they_missed_a_limit()
    {
        var posts = await SearchablePostsAsync();
        await Posts.SaveAsync(Change(posts["ana-x"], p => p with { State = PostState.Escalated, Tier = 2, SlaBreaches = 2, BreachTiers = [0, 1] }, AuditAction.SlaBreached));
        await Posts.SaveAsync(Change(posts["bo-billing"], p => p with { State = PostState.Escalated, Tier = 2, SlaBreaches = 1, BreachTiers = [1] }, AuditAction.SlaBreached));

        Assert.Equal(["ana-x"], await Find(new PostQuery { MissedAtTier = 0 }));
        Assert.Equal(["bo-billing", "ana-x"], await Find(new PostQuery { MissedAtTier = 1 }));
        Assert.Equal(["ana-x"], await Find(new PostQuery { MissedAtTier = 1, Queue = "support", Breached = true }));
        Assert.Empty(await Find(new PostQuery { MissedAtTier = 2 }));
    }

    [Fact]
    public async Task Posts_are_ordered_by_due_time_or_last_activity_and_saves_move_them()
    {
        var posts = await SearchablePostsAsync();

        Assert.Equal(["ana-x", "ana-x-2", "ana-sms", "bo-billing", "cy-old"], await Find(new PostQuery { Order = PostOrder.Due }));
        await Posts.SaveAsync(Change(posts["bo-billing"], p => p with { State = PostState.Claimed, Owner = "bob", ClaimDueAt = null, ReplyDueAt = T0.AddMinutes(5), SlaBreaches = 1 }));

        Assert.Equal(["bo-billing", "ana-x", "ana-x-2", "ana-sms", "cy-old"], await Find(new PostQuery { Order = PostOrder.Due }));
        Assert.Equal(["bo-billing", "ana-sms", "ana-x-2", "ana-x", "cy-old"], await Find(new PostQuery { Order = PostOrder.Activity }));
        Assert.Equal(["bo-billing"], await Find(new PostQuery { Breached = true }));
        Assert.Equal(["ana-sms", "ana-x-2", "ana-x", "cy-old"], await Find(new PostQuery { Breached = false }));
        Assert.Equal(["bo-billing"], await Find(new PostQuery { States = [PostState.Claimed], Owner = "bob", Queue = "billing", Order = PostOrder.Due }));
        Assert.Empty(await Find(new PostQuery { States = [PostState.Open], Owner = "bob", Order = PostOrder.Due }));
    }

    [Fact]
    public async Task A_draft_is_kept_per_post_and_person_newest_first_and_forgotten_when_asked()
    {
        await Drafts.SaveAsync(new WorkingDraft("p1", "alice", "Hi Ana, first try", T0));
        await Drafts.SaveAsync(new WorkingDraft("p1", "bob", "Hi Ana, Bob here", T0.AddMinutes(2)) { AnswerId = "late-parcel", AnswerVersion = 3 });
        await Drafts.SaveAsync(new WorkingDraft("p2", "alice", "Another post", T0.AddMinutes(3)));
        await Drafts.SaveAsync(new WorkingDraft("p1", "alice", "Hi Ana, second try 📦", T0.AddMinutes(4)));

        var drafts = await Drafts.ForPostAsync("p1");

        Assert.Equal(
            [("alice", "Hi Ana, second try 📦", TestConfig.Stored(T0.AddMinutes(4)), (string?)null, (int?)null), ("bob", "Hi Ana, Bob here", TestConfig.Stored(T0.AddMinutes(2)), "late-parcel", 3)],
            drafts.Select(d => (d.PersonId, d.Text, TestConfig.Stored(d.SavedAt), d.AnswerId, d.AnswerVersion)));
        await Drafts.DeleteAsync("p1", "alice");
        await Drafts.DeleteAsync("p1", "nobody");
        Assert.Equal(["bob"], (await Drafts.ForPostAsync("p1")).Select(d => d.PersonId));
        Assert.Empty(await Drafts.ForPostAsync("p3"));
    }
}
