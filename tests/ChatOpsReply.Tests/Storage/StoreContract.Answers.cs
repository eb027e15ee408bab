using ChatOpsReply.Library.Model;

namespace ChatOpsReply.Tests.Storage;

/// <summary>The store contract for the answer library (<see cref="ICannedAnswerStore"/>), run on every store like the rest.</summary>
public abstract partial class StoreContract
{
    private static CannedAnswer Answer(string id, int version = 1, string title = "Refund for a late parcel", AnswerStatus status = AnswerStatus.Draft) => new()
    {
        Id = id,
        Version = version,
        Title = title,
        Body = "Hi {customer.name}, your refund of {amount} is on its way 💸 — {agent.name}",
        Placeholders = [new AnswerPlaceholder("amount", "the full price"), new AnswerPlaceholder("customer.name", null)],
        Tags = ["refund", "délai"],
        Queues = ["billing"],
        Sources = ["x", "sms"],
        Language = "fr-ca",
        Status = status,
        NeedsLegal = true,
        CrisisSafe = true,
        LegalApproval = status == AnswerStatus.Approved ? new LegalApproval("lena", T0) : null,
        Owner = "dan",
        ApprovedBy = status == AnswerStatus.Approved ? "lena" : null,
        ApprovedAt = status == AnswerStatus.Approved ? T0 : null,
        ChangedBy = "dan",
        ChangedAt = T0.AddMinutes(version),
        Change = version == 1 ? "created" : "edited",
        ProposedFrom = "p1#1",
    };

    [Fact]
    public async Task A_saved_answer_reads_back_whole()
    {
        var answer = Answer("refund-late");

        Assert.True((await Answers.SaveAsync([answer])).IsSaved);

        var read = await Answers.GetAsync("refund-late");
        Assert.NotNull(read);
        Assert.True(read.SameContent(answer));
        Assert.Equal((answer.Version, answer.Status, answer.ChangedBy, answer.Change, answer.ProposedFrom), (read.Version, read.Status, read.ChangedBy, read.Change, read.ProposedFrom));
        Assert.Equal(answer.ChangedAt.ToUnixTimeMilliseconds(), read.ChangedAt.ToUnixTimeMilliseconds());
        Assert.Null(await Answers.GetAsync("nothing"));
    }

    [Fact]
    public async Task A_version_is_saved_only_over_the_one_before_it()
    {
        await Answers.SaveAsync([Answer("a")]);
        await Answers.SaveAsync([Answer("a", 2, "Second")]);

        var stale = await Answers.SaveAsync([Answer("a", 2, "Someone else's second")]);
        var again = await Answers.SaveAsync([Answer("a")]);
        var skipped = await Answers.SaveAsync([Answer("a", 4)]);

        Assert.Equal("a", stale.ConflictingId);
        Assert.Equal("a", again.ConflictingId);
        Assert.Equal("a", skipped.ConflictingId);
        Assert.Equal("Second", (await Answers.GetAsync("a"))!.Title);
    }

    [Fact]
    public async Task Several_answers_are_saved_all_or_nothing()
    {
        await Answers.SaveAsync([Answer("taken")]);

        var outcome = await Answers.SaveAsync([Answer("new-one"), Answer("taken"), Answer("new-two")]);

        Assert.Equal("taken", outcome.ConflictingId);
        Assert.Null(await Answers.GetAsync("new-one"));
        Assert.Null(await Answers.GetAsync("new-two"));
        Assert.Single(await Answers.HistoryAsync("taken"));
    }

    [Fact]
    public async Task Every_version_is_kept_oldest_first_and_each_can_be_read()
    {
        await Answers.SaveAsync([Answer("h")]);
        await Answers.SaveAsync([Answer("h", 2, "Two")]);
        await Answers.SaveAsync([Answer("h", 3, "Three", AnswerStatus.Approved)]);

        var history = await Answers.HistoryAsync("h");

        Assert.Equal([1, 2, 3], history.Select(a => a.Version));
        Assert.Equal(["Refund for a late parcel", "Two", "Three"], history.Select(a => a.Title));
        Assert.Equal("Two", (await Answers.GetVersionAsync("h", 2))!.Title);
        Assert.Null(await Answers.GetVersionAsync("h", 4));
        Assert.Empty(await Answers.HistoryAsync("none"));
    }

    [Fact]
    public async Task Changes_since_a_stamp_are_the_answers_written_after_it()
    {
        var empty = await Answers.ChangesSinceAsync(0);
        Assert.Empty(empty.Answers);

        await Answers.SaveAsync([Answer("one"), Answer("two")]);
        var first = await Answers.ChangesSinceAsync(empty.Stamp);
        await Answers.SaveAsync([Answer("two", 2, "Two again")]);
        var second = await Answers.ChangesSinceAsync(first.Stamp);
        var none = await Answers.ChangesSinceAsync(second.Stamp);
        var all = await Answers.ChangesSinceAsync(0);

        Assert.Equal(["one", "two"], first.Answers.Select(a => a.Id).Order());
        Assert.True(first.Stamp > empty.Stamp);
        Assert.Equal([("two", 2)], second.Answers.Select(a => (a.Id, a.Version)));
        Assert.True(second.Stamp > first.Stamp);
        Assert.Empty(none.Answers);
        Assert.Equal(second.Stamp, none.Stamp);
        Assert.Equal([("one", 1), ("two", 2)], all.Answers.Select(a => (a.Id, a.Version)).Order());
    }

    [Fact]
    public async Task A_refused_write_does_not_move_the_stamp_on_past_anything_a_reader_could_miss()
    {
        await Answers.SaveAsync([Answer("x")]);
        var before = await Answers.ChangesSinceAsync(0);

        await Answers.SaveAsync([Answer("x")]);

        Assert.Empty((await Answers.ChangesSinceAsync(before.Stamp)).Answers);
    }

    [Fact]
    public async Task A_use_is_counted_once_per_sent_reply()
    {
        await Answers.SaveAsync([Answer("used"), Answer("unused")]);

        Assert.True(await Answers.RecordUseAsync(new AnswerUse("used", 1, "p1", 1, T0)));
        Assert.False(await Answers.RecordUseAsync(new AnswerUse("used", 1, "p1", 1, T0.AddMinutes(1))));
        Assert.True(await Answers.RecordUseAsync(new AnswerUse("used", 1, "p2", 1, T0.AddMinutes(5))));
        Assert.True(await Answers.RecordUseAsync(new AnswerUse("used", 1, "p1", 2, T0.AddMinutes(3))));

        var usage = await Answers.UsageAsync();
        Assert.Equal(3, usage["used"].Count);
        Assert.Equal(T0.AddMinutes(5).ToUnixTimeMilliseconds(), usage["used"].LastUsedAt!.Value.ToUnixTimeMilliseconds());
        Assert.False(usage.ContainsKey("unused"));
    }

    [Fact]
    public async Task Concurrent_edits_of_one_version_leave_exactly_one_winner()
    {
        await Answers.SaveAsync([Answer("race")]);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => Answers.SaveAsync([Answer("race", 2, $"Edit {i}")]))));

        Assert.Single(outcomes, o => o.IsSaved);
        Assert.Equal(2, (await Answers.HistoryAsync("race")).Count);
    }
}
