using System.Text.Json;
using ChatOpsReply.Sources.X;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Sources.X;

/// <summary>X's weighted length, checked against X's own twitter-text (npm, parseTweet).</summary>
public sealed class XTextTests
{
    [Theory]
    [InlineData("Hello Ana", 9)]
    [InlineData("Ça va, Zoë ?", 12)]
    [InlineData("漢字", 4)]
    [InlineData("Thanks 👍🏽", 9)]
    [InlineData("See https://example.com/a/very/long/path/that/goes/on?and=on for more", 23 + 13)]
    [InlineData("Visit example.com/help.", 6 + 23 + 1)]
    public void Links_weigh_23_and_wide_characters_and_emoji_2(string text, int weight)
    {
        Assert.Equal(weight, XText.WeightedLength(text));
    }

    [Fact]
    public async Task Every_generated_text_weighs_what_twitter_text_says()
    {
        var texts = GeneratedTexts.Build(400, withUrls: true);
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(texts));
            var (exitCode, output) = await NodeScript.RunAsync("count-texts.mjs", "tweet", file);
            Assert.True(exitCode == 0, output);
            var expected = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();

            var mismatches = texts.Select((text, i) => (text, ours: XText.WeightedLength(text), theirs: expected[i].GetProperty("weightedLength").GetInt32()))
                .Where(t => t.ours != t.theirs)
                .Select(t => $"{JsonSerializer.Serialize(t.text)}: ours {t.ours}, theirs {t.theirs}")
                .ToList();
            Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {texts.Count} differ:\n" + string.Join("\n", mismatches.Take(5)));
            Assert.Contains(texts, t => t.Contains("https://", StringComparison.Ordinal));

            // Where a reply too long for X stops fitting, as twitter-text marks it (validRangeEnd: the last index that fits).
            var over = texts.Select((text, i) => (text, theirs: expected[i])).Where(t => XText.WeightedLength(t.text) > XText.MaxWeightedLength && t.text.IsNormalized()).ToList();
            var misplaced = over
                .Where(t => XText.Overflow(t.text) != t.theirs.GetProperty("validRangeEnd").GetInt32() + 1)
                .Select(t => $"{JsonSerializer.Serialize(t.text)}: ours {XText.Overflow(t.text)}, theirs {t.theirs.GetProperty("validRangeEnd").GetInt32() + 1}")
                .ToList();
            Assert.True(over.Count > 50, $"Only {over.Count} generated texts are too long for X.");
            Assert.True(misplaced.Count == 0, $"{misplaced.Count} of {over.Count} overflow elsewhere:\n" + string.Join("\n", misplaced.Take(5)));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_text_that_fits_has_no_overflow_and_one_that_does_not_overflows_after_280()
    {
        Assert.Null(XText.Overflow(new string('a', 280)));
        Assert.Equal(280, XText.Overflow(new string('a', 281)));
        Assert.Equal(140, XText.Overflow(new string('漢', 141)));
    }
}
