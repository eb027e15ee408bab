using ChatOpsReply.Accountability;
using ChatOpsReply.Guidelines;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Library.Replies;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;
using CsCheck;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Tests.Library;

/// <summary>Placeholders are filled for the post and the person replying; nothing unfilled reaches a customer.</summary>
public sealed class PlaceholderRenderingTests
{
    private static readonly Person Alice = TestConfig.Person("alice");

    private static CannedAnswer Answer(string body, params AnswerPlaceholder[] placeholders) => new()
    {
        Id = "a",
        Version = 1,
        Title = "A",
        Body = body,
        Placeholders = placeholders,
        Owner = "dan",
        ChangedBy = "dan",
        ChangedAt = TestConfig.Start,
        Change = "created",
    };

    private static CustomerPost Post(string? displayName = "Ana Lopez", string? url = "https://x.com/ana/status/7") =>
        TestPosts.New(sensitive: false) with { Author = new PostAuthor("@ana", displayName), Url = url };

    [Fact]
    public void Built_in_placeholders_take_the_customer_agent_and_post()
    {
        var rendering = AnswerPersonalisation.RenderFor(Answer("Hi {customer.name} ({customer.handle}), see {post.url}. {agent.name}"), Post(), Alice);

        Assert.Equal("Hi Ana (@ana), see https://x.com/ana/status/7. Alice", rendering.Text);
        Assert.Empty(rendering.Missing);
    }

    [Fact]
    public void A_missing_value_uses_the_default()
    {
        var rendering = AnswerPersonalisation.RenderFor(
            Answer("Hi {customer.name}, your refund takes {refund.days} days.", new AnswerPlaceholder("customer.name", "there"), new AnswerPlaceholder("refund.days", "5")),
            Post(displayName: null),
            Alice);

        Assert.Equal("Hi there, your refund takes 5 days.", rendering.Text);
    }

    [Fact]
    public void A_missing_value_without_a_default_blocks_with_a_message_and_leaves_the_placeholder_to_fill()
    {
        var rendering = AnswerPersonalisation.RenderFor(Answer("Hi {customer.name}, your order {order.number} ships today: {post.url}", new AnswerPlaceholder("order.number", null)), Post(url: null), Alice);

        Assert.Null(rendering.Text);
        Assert.Equal(["order.number", "post.url"], rendering.Missing);
        Assert.Equal("Hi Ana, your order {order.number} ships today: {post.url}", rendering.Draft);
        Assert.Contains("Fill in {order.number}", rendering.Message, StringComparison.Ordinal);
        Assert.Contains("This post has no link", rendering.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_draft_with_a_placeholder_left_in_is_refused_by_the_house_rules()
    {
        var guidelines = new ReplyGuidelines(Options.Create(TestConfig.GuidelineOptions()));
        var draft = AnswerPersonalisation.RenderFor(Answer("Hi {customer.name}, your order {order.number} ships today."), Post(), Alice).Draft;

        var report = guidelines.Check(Post().Thread(), draft);

        Assert.Contains("Fill in {order.number} before the reply goes out.", report.Errors);
    }

    [Fact]
    public void A_rendered_text_never_holds_placeholder_syntax()
    {
        var name = Gen.String[Gen.Char['a', 'z'], 1, 12];
        var value = Gen.String[Gen.Char.AlphaNumeric, 0, 10];
        Gen.Select(Gen.Select(name, name).Array[0, 4], value.Array[4], Gen.String[Gen.Char.AlphaNumeric, 0, 30]).Sample((names, defaults, text) =>
        {
            var declared = names.Select((n, i) => new AnswerPlaceholder($"{n.Item1}.{n.Item2}", defaults[i].Length == 0 ? null : defaults[i])).DistinctBy(p => p.Name).ToArray();
            var body = "{customer.name} " + text + string.Concat(declared.Select(p => $" {{{p.Name}}}")) + " {agent.name} {post.url}";
            var rendering = AnswerPersonalisation.RenderFor(Answer(body, declared), Post(), Alice);
            var syntax = new System.Text.RegularExpressions.Regex(@"\{[A-Za-z_][A-Za-z0-9_.]*\}");
            Assert.True(rendering.Text is null ? rendering.Missing.Count > 0 : !syntax.IsMatch(rendering.Text), rendering.Draft);
            Assert.Equal(declared.Count(p => p.Default is null), rendering.Missing.Count);
        });
    }

    [Theory]
    [InlineData("Hi Ana, your order A-1234 ships today. Alice", true)]
    [InlineData("Hi Ana,\r\nyour order 77 ships today. Alice  ", true)]
    [InlineData("Hi Ana, your order A-1234 ships today and we are very sorry. Alice", false)]
    [InlineData("Hi Bob, your order A-1234 ships today. Alice", false)]
    [InlineData("Hi Ana, your order  ships today. Alice", false)]
    [InlineData("Hi Ana, your order 123 but also free stuff forever ships today. Alice", false)]
    public void A_text_counts_as_unmodified_only_when_just_its_placeholders_were_filled(string text, bool unmodified)
    {
        var answer = Answer("Hi {customer.name},\nyour order {order.number} ships today. {agent.name}", new AnswerPlaceholder("order.number", null));
        var multiline = answer with { Body = answer.Body.Replace("\n", text.Contains('\n', StringComparison.Ordinal) ? "\n" : " ", StringComparison.Ordinal) };

        Assert.Equal(unmodified, AnswerPersonalisation.IsUnmodified(multiline, Post(), Alice, text));
    }
}
