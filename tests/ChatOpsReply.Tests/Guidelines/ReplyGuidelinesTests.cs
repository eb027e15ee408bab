using ChatOpsReply.Guidelines;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Tests.Guidelines;

public sealed class ReplyGuidelinesTests
{
    private readonly ReplyGuidelines _guidelines = new(Options.Create(new GuidelineOptions()));

    private GuidelineReport Check(string reply, string source = "x", Func<CustomerPost, CustomerPost>? post = null) =>
        _guidelines.Check((post ?? (p => p))(TestPosts.New(sensitive: false, source: source)).Thread(), reply);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_reply_is_refused(string reply)
    {
        Assert.Equal(["Write the reply first."], Check(reply).Errors);
    }

    [Theory]
    [InlineData("Thanks")]
    [InlineData("Thanks, Ana")]
    [InlineData("👍")]
    public void One_or_two_word_replies_are_refused(string reply)
    {
        Assert.Contains(Check(reply).Errors, e => e.Contains("reads as curt or robotic", StringComparison.Ordinal));
    }

    [Fact]
    public void Placeholder_syntax_never_reaches_a_customer()
    {
        Assert.Contains("Fill in {customer.name} before the reply goes out.", Check("Hi {customer.name}, thanks for waiting.").Errors);
    }

    [Fact]
    public void A_reply_without_the_customers_name_gets_a_warning_not_an_error()
    {
        var report = Check("Thanks for waiting, it is on its way.");

        Assert.True(report.Passes);
        Assert.Contains("Use the customer's name (Ana): it reads as a person, not a script.", report.Warnings);
        Assert.DoesNotContain(Check("Thanks for waiting ana, it is on its way.").Warnings, w => w.StartsWith("Use the customer's name", StringComparison.Ordinal));
    }

    [Fact]
    public void Texts_must_be_short()
    {
        var medium = "Hi Ana, " + string.Join(' ', Enumerable.Repeat("word", 35));
        var tooLong = "Hi Ana, " + string.Join(' ', Enumerable.Repeat("word", 70));

        Assert.Contains("This text will arrive as 2 messages; shorter is better.", Check(medium, "sms").Warnings);
        Assert.Contains(Check(tooLong, "sms").Errors, e => e.StartsWith("Keep texts short: this one has", StringComparison.Ordinal));
        Assert.True(Check(tooLong, "email").Passes);
    }

    [Fact]
    public void Replies_on_X_fit_in_280_characters()
    {
        var reply = "Hi Ana, " + new string('a', 280);

        Assert.Contains($"Replies on x are limited to 280 characters; this one has {reply.Length}.", Check(reply).Errors);
    }

    [Theory]
    [InlineData("This is RIDICULOUS, worst service ever")]
    [InlineData("WHERE IS MY ORDER, I PAID WEEKS AGO")]
    [InlineData("Still waiting!!!")]
    public void A_heated_public_thread_should_be_taken_private(string customerText)
    {
        var report = Check("Hi Ana, we are so sorry about this, we are on it.", post: p => p with { Text = customerText });

        Assert.Contains("This thread is heated: offer to continue in private (a direct message, e-mail or a call) instead of arguing on the public page.", report.Warnings);
        Assert.DoesNotContain(
            Check("Hi Ana, we are so sorry. Please send us a DM with your order number.", post: p => p with { Text = customerText }).Warnings,
            w => w.StartsWith("This thread is heated", StringComparison.Ordinal));
    }

    [Fact]
    public void A_customer_who_keeps_writing_is_heated_too()
    {
        var post = TestPosts.New(sensitive: false) with { FollowUps = [new FollowUp("2", "hello?", TestConfig.Start), new FollowUp("3", "anyone?", TestConfig.Start)] };

        Assert.True(_guidelines.IsHeated(post));
        Assert.False(_guidelines.IsHeated(TestPosts.New(sensitive: false)));
    }

    [Fact]
    public void The_same_reply_twice_in_a_thread_is_flagged()
    {
        var report = Check("Hi Ana, thanks for your patience!", post: p => p with { Replies = [new SentReply("hi ana, thanks for your patience!", "alice", TestConfig.Start)] });

        Assert.Contains("You already sent exactly this reply in this thread.", report.Warnings);
    }
}
