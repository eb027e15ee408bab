using ChatOpsReply.Accountability;
using CsCheck;

namespace ChatOpsReply.Tests.Accountability;

public sealed class PhraseMatcherTests
{
    private readonly PhraseMatcher _matcher = new(["sue", "class action", "lawyer"]);

    [Theory]
    [InlineData("I will SUE you!", "sue")]
    [InlineData("Je vais vous poursuivre, mon avocat... et mon LAWYER", "lawyer")]
    [InlineData("Suè", "sue")]
    [InlineData("This is a Class-Action matter", "class action")]
    [InlineData("class\naction", "class action")]
    public void Phrases_match_on_word_boundaries_ignoring_case_and_accents(string text, string phrase)
    {
        Assert.Equal(phrase, _matcher.FirstMatch(text));
    }

    [Theory]
    [InlineData("I have an issue with my order")]
    [InlineData("Pursue the refund")]
    [InlineData("world-class actions")]
    [InlineData("lawyers")]
    [InlineData("")]
    public void Words_that_only_contain_a_phrase_do_not_match(string text)
    {
        Assert.Null(_matcher.FirstMatch(text));
    }

    [Fact]
    public void A_phrase_surrounded_by_any_punctuation_is_found()
    {
        var punctuation = Gen.Char["!?.,;:()[]{}\"'-_/\\ \t\n#@*"].Array[1, 4].Select(c => new string(c));
        Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 0, 20], punctuation, punctuation).Sample((prefix, left, right) =>
        {
            Assert.Equal("lawyer", _matcher.FirstMatch(prefix + left + "LaWyEr" + right));
        });
    }
}
