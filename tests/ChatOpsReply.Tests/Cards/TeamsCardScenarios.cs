using ChatOpsReply.Cards;
using ChatOpsReply.Guidelines;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsReply.Tests.Cards;

/// <summary>The posts and viewers whose Teams cards are kept as golden files.</summary>
public static class TeamsCardScenarios
{
    public const string ConsoleRoot = "https://replies.example.com/";

    /// <summary>Customer text that would be a link, emphasis, a heading, a list and a mention if read as markdown.</summary>
    public const string MarkdownBait = "**URGENT** [click here](https://evil.example/phish) <at>Alice Martin</at> _now_\n- one\n1. two\n# title";

    /// <summary>A card builder whose library suggests <paramref name="answers"/> for every post.</summary>
    public static PostCardBuilder Builder(params CardChoice[] answers) => new(
        TestConfig.Policy(),
        TestPosts.Workflow(),
        new ReplyGuidelines(Options.Create(TestConfig.GuidelineOptions())),
        new ConsoleLinks(Options.Create(new ConsoleLinkOptions { PublicUrl = new Uri(ConsoleRoot) })),
        new ActionInputs(TestConfig.Policy(), new FixedAnswerSuggestions(answers)),
        new FakeTimeProvider(TestConfig.Start.AddMinutes(5)));

    /// <summary>Name of the golden file → the card model it holds.</summary>
    public static IReadOnlyDictionary<string, CardModel> All()
    {
        var builder = Builder();
        var policy = TestConfig.Policy();
        CardModel For(CustomerPost post, string? viewer) => builder.Build(post, viewer is null ? null : policy.People.Find(viewer));
        var answers = Builder([.. Enumerable.Range(1, 8).Select(i => new CardChoice($"answer-{i}", $"Approved answer {i}"))]);
        return new Dictionary<string, CardModel>
        {
            ["open-shared"] = For(TestPosts.InState(PostState.Open), null),
            ["open-frontline"] = For(TestPosts.InState(PostState.Open) with { Text = MarkdownBait, Url = "https://x.com/ana/status/1" }, "alice"),
            ["claimed-owner"] = For(TestPosts.InState(PostState.Claimed), "alice"),
            ["awaiting-approval-legal"] = For(TestPosts.InState(PostState.AwaitingApproval), "lena"),
            ["awaiting-approval-drafter"] = For(TestPosts.InState(PostState.AwaitingApproval), "alice"),
            ["sent-shared"] = For(TestPosts.InState(PostState.Sent).WithDelivery(new ReplyDelivery(ReplyDeliveryStatus.Sent, TestConfig.Start.AddMinutes(1)) { ExternalId = "1445880548472328193" }), null),
            ["not-delivered-owner"] = For(TestPosts.InState(PostState.Sent).WithDelivery(new ReplyDelivery(ReplyDeliveryStatus.Failed, TestConfig.Start.AddMinutes(1)) { Reason = "X answered HTTP 503. ChatOpsReply tried 12 times and stopped." }), "alice"),
            ["may-not-have-been-delivered-owner"] = For(TestPosts.InState(PostState.Sent).WithDelivery(new ReplyDelivery(ReplyDeliveryStatus.Unknown, TestConfig.Start.AddMinutes(1)) { Reason = "X did not answer after the reply was sent (no answer in time): it may not have been delivered. Check on X before sending it again." }), "alice"),
            ["sms-no-opt-in-lead"] = For(TestPosts.InState(PostState.Claimed, sensitive: false, source: "sms"), "carol"),
            ["crisis-team"] = For(TestPosts.InState(PostState.Crisis), "sam"),
            ["longest-post"] = For(Longest(), "alice"),
            ["draft-with-answer-choice"] = answers.Build(TestPosts.InState(PostState.Claimed), policy.People.Find("alice")),
        };
    }

    /// <summary>The longest post ingest accepts, with more long follow-ups than a card shows, claimed and drafted.</summary>
    public static CustomerPost Longest()
    {
        var text = string.Concat(Enumerable.Repeat("Ünïcödé 📦 **bold** [link](https://evil.example) ", 1000))[..global::ChatOpsReply.Sources.IncomingPostParser.MaxTextLength];
        var post = TestPosts.InState(PostState.AwaitingApproval) with { Text = text };
        return post with
        {
            FollowUps = [.. Enumerable.Range(1, 7).Select(i => new FollowUp($"f{i}", text, TestConfig.Start.AddMinutes(i)))],
            Draft = post.Draft! with { Text = new string('r', 2000) },
        };
    }
}
