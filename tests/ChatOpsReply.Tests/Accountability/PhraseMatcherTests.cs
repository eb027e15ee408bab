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

    [Fact]
    public void A_text_matches_exactly_when_a_phrase_s_words_follow_each_other_among_its_words()
    {
        // Words and pieces of them, accented letters, emoji and separators, mixed at random.
        string[] pieces = ["sue", "SUÉ", "class", "Action", "lawyer", "law", "yer", "is", "Ça", "😀", " ", "-", "\n", "!", "é", "\u0301", "ﬁ", "İ"];
        Gen.Int[0, pieces.Length - 1].Select(i => pieces[i]).Array[0, 12].Select(p => string.Concat(p)).Sample(text =>
        {
            var words = PhraseMatcher.Words(text);
            bool Follows(params string[] phrase) => Enumerable.Range(0, Math.Max(0, words.Length - phrase.Length + 1)).Any(i => words.Skip(i).Take(phrase.Length).SequenceEqual(phrase));
            var expected = Follows("sue") || Follows("class", "action") || Follows("lawyer");
            Assert.Equal(expected, _matcher.FirstMatch(text) is not null);
        });
    }
}
