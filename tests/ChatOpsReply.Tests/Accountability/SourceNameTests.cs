using System.Text;
using ChatOpsReply.Accountability;
using ChatOpsReply.Library.Curation;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Sources;
using ChatOpsReply.Tests.Support;
using CsCheck;

namespace ChatOpsReply.Tests.Accountability;

/// <summary>One rule for a source's name: a post, an answer and a queue can name exactly the same sources.</summary>
public sealed class SourceNameTests
{
    [Theory]
    [InlineData("x", "x")]
    [InlineData("SMS", "sms")]
    [InlineData(" email ", "email")]
    [InlineData("help-desk_2.eu", "help-desk_2.eu")]
    public void Names_are_read_in_lower_case(string text, string name)
    {
        Assert.True(SourceName.TryParse(text, out var source));
        Assert.Equal(name, source.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("x y")]
    [InlineData("-x")]
    [InlineData(".x")]
    [InlineData("é")]
    [InlineData("x/y")]
    public void Anything_else_is_not_a_source_name(string text) => Assert.False(SourceName.IsValid(text));

    [Fact]
    public void The_longest_name_is_64_characters() =>
        Assert.Equal((true, false), (SourceName.IsValid(new string('a', 64)), SourceName.IsValid(new string('a', 65))));

    [Fact]
    public void Ingest_and_the_library_accept_exactly_the_same_source_names()
    {
        var policy = TestConfig.Policy();
        var letters = Gen.Char["aZ09.-_ é/x"];
        Gen.String[letters, 1, 70].Sample(source =>
        {
            var json = Encoding.UTF8.GetBytes($$"""{"source":"{{source}}","externalId":"1","author":{"handle":"@a"},"text":"hi"}""");
            var (_, ingestErrors) = IncomingPostParser.Parse(json);
            var (_, answerErrors) = AnswerValidation.Check(new AnswerDocument { Title = "Refund", Body = "Hi {customer.name}, we refund it today.", Sources = [source] }, policy);

            var name = source.Trim();
            if (name.Length == 0)
            {
                // A post must name its source; a blank entry in an answer's list is an empty field, left out.
                Assert.True(ingestErrors.ContainsKey("source"));
                Assert.False(answerErrors.ContainsKey("sources"));
                return;
            }

            var valid = SourceName.IsValid(name);
            Assert.Equal(!valid, ingestErrors.ContainsKey("source"));
            Assert.Equal(!valid, answerErrors.ContainsKey("sources"));
        });
    }
}
