using ChatOpsReply.Library.Model;
using ChatOpsReply.Library.Search;

namespace ChatOpsReply.Tests.Library;

/// <summary>How the search matches and orders answers.</summary>
public sealed class CannedAnswerSearchTests
{
    private static CannedAnswer Answer(string id, string title, string body, AnswerStatus status = AnswerStatus.Approved, string[]? tags = null, string[]? queues = null, string[]? sources = null, string language = "en", int version = 1) => new()
    {
        Id = id,
        Version = version,
        Title = title,
        Body = body,
        Tags = tags ?? [],
        Queues = queues ?? [],
        Sources = sources ?? [],
        Language = language,
        Status = status,
        Owner = "dan",
        ChangedBy = "dan",
        ChangedAt = GeneratedLibrary.At,
        Change = "created",
    };

    private static CannedAnswerSearch With(params CannedAnswer[] answers)
    {
        var search = new CannedAnswerSearch();
        search.Load(answers);
        return search;
    }

    private static List<string> Ids(IEnumerable<CannedAnswer> answers) => [.. answers.Select(a => a.Id)];

    [Fact]
    public void A_word_matches_as_a_prefix_so_two_keystrokes_narrow_the_list()
    {
        var search = With(Answer("refund", "Refund policy", "Money back within 5 days."), Answer("shipping", "Shipping times", "Parcels take 3 days."));

        Assert.Equal(["refund"], Ids(search.Search("re", AnswerFilters.None, 10)));
        Assert.Equal(["shipping"], Ids(search.Search("shi", AnswerFilters.None, 10)));
    }

    [Fact]
    public void One_typo_is_forgiven_in_words_of_five_letters_or_more_but_not_in_shorter_ones()
    {
        var search = With(Answer("warranty", "Warranty claim", "Two years of cover."), Answer("card", "Gift card balance", "Check the balance online."));

        Assert.Equal(["warranty"], Ids(search.Search("warrnaty", AnswerFilters.None, 10)));
        Assert.Equal(["warranty"], Ids(search.Search("waranty", AnswerFilters.None, 10)));
        Assert.Empty(search.Search("crad", AnswerFilters.None, 10));
    }

    [Fact]
    public void Title_words_outrank_the_same_words_in_a_body()
    {
        var search = With(
            Answer("mentions", "Opening hours", "Our invoice team answers from nine to five."),
            Answer("about", "Invoice copies", "Download it from your account."));

        Assert.Equal(["about", "mentions"], Ids(search.Search("invoice", AnswerFilters.None, 10)));
    }

    [Fact]
    public void Approved_answers_come_before_drafts_and_retired_ones_only_when_asked_for()
    {
        var search = With(
            Answer("draft", "Refund for a broken phone", "Refund broken phone phone refund.", AnswerStatus.Draft),
            Answer("approved", "Refund for a broken screen", "We refund within five days."),
            Answer("retired", "Refund for a broken phone (old)", "Refund broken phone.", AnswerStatus.Retired));

        Assert.Equal(["approved", "draft"], Ids(search.Search("refund broken phone", AnswerFilters.None, 10)));
        var all = new AnswerFilters { Statuses = new HashSet<AnswerStatus>(Enum.GetValues<AnswerStatus>()) };
        Assert.Equal(["approved", "draft", "retired"], Ids(search.Search("refund", all, 10)));
    }

    [Fact]
    public void Filters_keep_answers_for_the_queue_source_language_and_tag_asked_for_and_those_that_suit_all()
    {
        var search = With(
            Answer("billing-x", "Refund via X", "Refund.", queues: ["billing"], sources: ["x"], tags: ["refund"]),
            Answer("support-any", "Refund anywhere", "Refund.", queues: ["support"]),
            Answer("everywhere", "Refund everywhere", "Refund.", language: "de"),
            Answer("sms-only", "Refund by text", "Refund.", sources: ["sms"]));

        Assert.Equal(["billing-x", "everywhere", "sms-only"], Ids(search.Search("refund", new AnswerFilters { Queue = "billing" }, 10)).Order().ToList());
        Assert.Equal(["billing-x", "everywhere", "support-any"], Ids(search.Search("refund", new AnswerFilters { Source = "x" }, 10)).Order().ToList());
        Assert.Equal(["everywhere"], Ids(search.Search("refund", new AnswerFilters { Language = "de" }, 10)));
        Assert.Equal(["billing-x"], Ids(search.Search("refund", new AnswerFilters { Tag = "Refund" }, 10)));
    }

    [Fact]
    public void The_same_query_gives_the_same_order_every_time_and_on_an_index_built_another_way()
    {
        var answers = GeneratedLibrary.Answers(1000);
        var loaded = new CannedAnswerSearch();
        loaded.Load(answers);
        var grown = new CannedAnswerSearch();
        grown.Load(answers.Take(500));
        foreach (var chunk in answers.Skip(500).Reverse().Chunk(50))
        {
            grown.Apply(chunk);
        }

        foreach (var query in new[] { "refund", "delivery", "phone", "charged twice", "lap", "" })
        {
            var first = Ids(loaded.Search(query, AnswerFilters.None, 25));
            Assert.Equal(first, Ids(loaded.Search(query, AnswerFilters.None, 25)));
            Assert.Equal(first, Ids(grown.Search(query, AnswerFilters.None, 25)));
        }
    }

    [Fact]
    public void An_edited_answer_is_found_by_its_new_words_only_and_an_older_version_never_replaces_it()
    {
        var search = With(Answer("a", "Parcel tracking", "Follow your parcel online."));

        search.Apply([Answer("a", "Store opening hours", "We open at nine.", version: 2)]);
        search.Apply([Answer("a", "Parcel tracking", "Follow your parcel online.", version: 1)]);

        Assert.Empty(search.Search("parcel", AnswerFilters.None, 10));
        Assert.Equal(["a"], Ids(search.Search("opening hours", AnswerFilters.None, 10)));
        Assert.Equal(2, search.Get("a")!.Version);
    }

    [Fact]
    public void Browsing_with_no_words_lists_approved_answers_first_then_by_title()
    {
        var search = With(Answer("b", "Beta", "x"), Answer("d", "Alpha draft", "x", AnswerStatus.Draft), Answer("a", "alpha", "x"));

        Assert.Equal(["a", "b", "d"], Ids(search.Search("  ", AnswerFilters.None, 10)));
    }

    [Fact]
    public void Whether_any_answer_fits_counts_only_live_answers_that_pass_the_filters()
    {
        var search = With(Answer("b", "Billing only", "x", queues: ["billing"]), Answer("d", "Draft for all", "x", AnswerStatus.Draft));
        var approved = new AnswerFilters { Statuses = AnswerFilters.ApprovedOnly };

        Assert.True(search.Any(approved with { Queue = "billing" }));
        Assert.False(search.Any(approved with { Queue = "support" }));
        Assert.True(search.Any(new AnswerFilters { Queue = "support" }));

        search.Apply([Answer("b", "Billing only", "x", AnswerStatus.Retired, queues: ["billing"], version: 2)]);
        Assert.False(search.Any(approved with { Queue = "billing" }));
    }

    [Fact]
    public void Words_of_the_customer_post_suggest_the_answers_that_share_them()
    {
        var search = new CannedAnswerSearch();
        search.Load(GeneratedLibrary.Answers(1000));

        var related = search.Related("Hello, my new vacuum cleaner makes a horrible rattling noise since yesterday. What do I do?", new AnswerFilters { Statuses = AnswerFilters.ApprovedOnly }, 3);

        Assert.Equal(GeneratedLibrary.IdOf("noise-complaint", "vacuum-cleaner"), related[0].Id);
    }
}
