using ChatOpsReply.Guidelines;
using ChatOpsReply.Posts;
using ChatOpsReply.Sources.Meta;
using ChatOpsReply.Sources.X;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Tests.Guidelines;

/// <summary>Each finding has a stable code, a severity, a sentence and, where there is one, the span of the reply it is about, as typed.</summary>
public sealed class ReplyFindingsTests
{
    private readonly ReplyGuidelines _guidelines = new(Options.Create(new GuidelineOptions()));

    private GuidelineReport Check(string reply, string source = "x", Func<CustomerPost, CustomerPost>? post = null) =>
        _guidelines.Check((post ?? (p => p))(TestPosts.New(sensitive: false, source: source)).Thread(), reply);

    private static string About(GuidelineReport report, string code, string reply) =>
        Assert.Single(report.Findings, f => f.Code == code).Words(reply, max: 1000) ?? "(no span)";

    [Fact]
    public void A_placeholder_is_marked_where_it_stands_in_the_reply_as_typed_leading_spaces_and_all()
    {
        const string reply = "   Hi Ana, your order {order.number} ships today.";

        var report = Check(reply);

        var placeholder = Assert.Single(report.Findings, f => f.Code == FindingCodes.Placeholder);
        Assert.Equal((FindingSeverity.Error, FindingStage.Draft), (placeholder.Severity, placeholder.Stage));
        Assert.Equal(new ReplySpan(reply.IndexOf('{', StringComparison.Ordinal), "{order.number}".Length), placeholder.Span);
        Assert.Equal("Fill in {order.number} before the reply goes out.", placeholder.Message);
    }

    [Fact]
    public void Warnings_carry_codes_too_and_the_sentences_stay_what_callers_read()
    {
        var report = Check("Thanks for waiting, it is on its way.", post: p => p with { Text = "This is RIDICULOUS, worst service ever", Replies = [new SentReply("Thanks for waiting, it is on its way.", "alice", TestConfig.Start)] });

        Assert.True(report.Passes);
        Assert.Equal([FindingCodes.CustomerName, FindingCodes.HeatedThread, FindingCodes.RepeatedReply], report.Findings.Select(f => f.Code));
        Assert.All(report.Findings, f => Assert.Equal(FindingSeverity.Warning, f.Severity));
        Assert.Equal(report.Findings.Select(f => f.Message), report.Warnings);
        Assert.Equal("Thanks for waiting, it is on its way.", About(report, FindingCodes.RepeatedReply, "Thanks for waiting, it is on its way."));
        Assert.Null(Assert.Single(report.Findings, f => f.Code == FindingCodes.CustomerName).Span);
    }

    [Fact]
    public void A_reply_too_long_for_its_source_marks_the_part_past_the_limit()
    {
        var reply = "Hi Ana, " + new string('a', 280);

        var report = Check(reply);

        Assert.Equal(new string('a', 8), About(report, FindingCodes.TooLong, reply));
    }

    [Fact]
    public void X_marks_the_words_past_its_weighted_limit_and_a_character_it_refuses()
    {
        var rules = new XRules(Options.Create(new XOptions()));
        var post = TestPosts.New(sensitive: false) with { ExternalId = "1445880548472328192" };
        // 270 narrow characters, then CJK characters weighing 2 each: the sixth one crosses 280.
        var reply = new string('a', 270) + "漢字漢字漢字漢字\uFEFF";

        var findings = rules.CheckText(post, reply);

        var length = Assert.Single(findings, f => f.Code == FindingCodes.XLength);
        Assert.Equal("字漢字\uFEFF", length.Words(reply));
        Assert.Equal(new ReplySpan(reply.Length - 1, 1), Assert.Single(findings, f => f.Code == FindingCodes.XInvalidCharacter).Span);
    }

    [Fact]
    public void Meta_marks_what_is_past_messengers_2000_characters_and_instagrams_1000_bytes()
    {
        var rules = new MetaRules(Options.Create(new MetaOptions()));
        var messenger = TestPosts.New(sensitive: false, source: "facebook") with { ThreadId = MetaThread.Messages("1122334455", "7100000000001") };
        var instagram = TestPosts.New(sensitive: false, source: "instagram") with { ThreadId = MetaThread.Messages("17841400000000001", "7100000000002") };
        var text = new string('a', 1990) + new string('é', 20);

        var tooLong = Assert.Single(rules.CheckText(messenger, text));
        var tooBig = Assert.Single(rules.CheckText(instagram, new string('a', 990) + new string('é', 10)));

        Assert.Equal((FindingCodes.MessengerLength, new ReplySpan(2000, 10)), (tooLong.Code, tooLong.Span));
        // Each é takes two bytes: 990 a's and five é's make 1,000 bytes.
        Assert.Equal(FindingCodes.InstagramMessageLength, tooBig.Code);
        Assert.Equal(new ReplySpan(995, 5), tooBig.Span);
    }

    [Fact]
    public void A_heated_public_thread_names_the_librarys_take_it_offline_answer()
    {
        var offline = new SuggestedAnswer("take-it-to-dm", "Let's talk in private");
        var check = new ReplyCheck(_guidelines, [], new OneOffline(offline));
        var heated = TestPosts.New(sensitive: false) with { Text = "This is RIDICULOUS, worst service ever" };

        var finding = Assert.Single(check.Check(heated, "Hi Ana, we are so sorry about this, we are on it.").Findings, f => f.Code == FindingCodes.HeatedThread);

        Assert.Equal(offline, finding.Suggestion);
        Assert.EndsWith("The approved answer \"Let's talk in private\" does that.", finding.Message, StringComparison.Ordinal);
        Assert.Null(Assert.Single(new ReplyCheck(_guidelines, []).Check(heated, "Hi Ana, we are so sorry about this, we are on it.").Findings, f => f.Code == FindingCodes.HeatedThread).Suggestion);
    }

    [Fact]
    public void What_stops_a_text_going_now_is_a_send_finding_that_leaves_the_draft_passing()
    {
        var check = new ReplyCheck(_guidelines, []);
        var sms = TestPosts.New(sensitive: false, source: "sms");
        var stop = new ConsentRecord("sms", "@ana", false, TestConfig.Start, "texted STOP");

        var report = check.Check(sms, "Hi Ana, your parcel arrives tomorrow.", new WorkflowFacts { Consent = stop, RecentTexts = 3 });

        Assert.Equal([FindingCodes.OptedOut, FindingCodes.TextCap], report.Findings.Where(f => f.IsError).Select(f => f.Code));
        Assert.All(report.Findings.Where(f => f.IsError), f => Assert.Equal(FindingStage.Send, f.Stage));
        Assert.True(check.Check(sms, "Hi Ana, your parcel arrives tomorrow.").Passes);
        Assert.Equal(FindingCodes.NoOptIn, check.ConsentFinding(sms, null)!.Code);
    }

    private sealed class OneOffline(SuggestedAnswer answer) : IAnswerSuggestions
    {
        public IReadOnlyList<ChatOpsReply.Cards.CardChoice> Suggest(CustomerPost post) => [];

        public SuggestedAnswer? TakeOffline(CustomerPost post) => answer;
    }
}
