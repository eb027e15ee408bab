using System.Text.Json;
using ChatOpsReply.Sources.Twilio;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Sources.Twilio;

/// <summary>SMS segments counted as carriers count them, checked against Twilio's own calculator (npm sms-segments-calculator).</summary>
public sealed class SmsSegmentsTests
{
    [Theory]
    [InlineData("", SmsEncoding.Gsm7, 1)]
    [InlineData("Hello Ana, your parcel arrives tomorrow.", SmsEncoding.Gsm7, 1)]
    [InlineData("Bonjour, où est le colis ?", SmsEncoding.Gsm7, 1)]
    [InlineData("ça va", SmsEncoding.Ucs2, 1)]
    [InlineData("Thanks 😀", SmsEncoding.Ucs2, 1)]
    public void The_encoding_follows_the_gsm_alphabet(string text, SmsEncoding encoding, int segments)
    {
        var count = SmsSegments.Count(text);

        Assert.Equal((encoding, segments), (count.Encoding, count.Segments));
    }

    [Fact]
    public void One_segment_holds_160_gsm_or_70_ucs2_characters_and_longer_texts_153_or_67_each()
    {
        Assert.Equal(1, SmsSegments.Count(new string('a', 160)).Segments);
        Assert.Equal(2, SmsSegments.Count(new string('a', 161)).Segments);
        Assert.Equal(2, SmsSegments.Count(new string('a', 306)).Segments);
        Assert.Equal(3, SmsSegments.Count(new string('a', 307)).Segments);
        Assert.Equal(1, SmsSegments.Count(new string('ç', 70)).Segments);
        Assert.Equal(2, SmsSegments.Count(new string('ç', 71)).Segments);
        Assert.Equal(2, SmsSegments.Count(new string('ç', 134)).Segments);
        Assert.Equal(3, SmsSegments.Count(new string('ç', 135)).Segments);
    }

    [Fact]
    public void Extension_characters_take_two_places_and_an_emoji_takes_two_units()
    {
        Assert.Equal(1, SmsSegments.Count(new string('€', 80)).Segments);
        Assert.Equal(2, SmsSegments.Count(new string('€', 81)).Segments);
        Assert.Equal(160, SmsSegments.Count(new string('€', 80)).Characters);
        Assert.Equal(1, SmsSegments.Count(string.Concat(Enumerable.Repeat("😀", 35))).Segments);
        Assert.Equal(2, SmsSegments.Count(string.Concat(Enumerable.Repeat("😀", 36))).Segments);
    }

    [Fact]
    public async Task Every_generated_text_is_counted_as_twilios_calculator_counts_it()
    {
        var texts = GeneratedTexts.Build(400, withUrls: false);
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(texts));
            var (exitCode, output) = await NodeScript.RunAsync("count-texts.mjs", "sms", file);
            Assert.True(exitCode == 0, output);
            var expected = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();

            var mismatches = texts.Select((text, i) => (text, ours: SmsSegments.Count(text), theirs: expected[i]))
                .Where(t => t.ours.Segments != t.theirs.GetProperty("segments").GetInt32()
                    || (t.ours.Encoding == SmsEncoding.Gsm7 ? "GSM-7" : "UCS-2") != t.theirs.GetProperty("encoding").GetString()
                    || t.ours.Characters != t.theirs.GetProperty("characters").GetInt32())
                .Select(t => $"{JsonSerializer.Serialize(t.text)}: ours {t.ours}, theirs {t.theirs}")
                .ToList();
            Assert.True(mismatches.Count == 0, string.Join("\n", mismatches.Take(5)));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_overflow_is_the_first_character_that_does_not_fit_in_the_segments_allowed(int maxSegments)
    {
        var over = GeneratedTexts.Build(400, withUrls: false).Where(t => SmsSegments.Count(t).Segments > maxSegments).ToList();
        // Counting a prefix alone is only fair when it is in the whole text's encoding (a later emoji makes all of it UCS-2).
        var comparable = over.Where(t => SmsSegments.Overflow(t, maxSegments) is { } at && SmsSegments.Count(t[..at]).Encoding == SmsSegments.Count(t).Encoding).ToList();
        Assert.True(comparable.Count > 20, $"Only {comparable.Count} generated texts need more than {maxSegments} segments.");

        Assert.All(over, text => Assert.NotNull(SmsSegments.Overflow(text, maxSegments)));
        Assert.All(comparable, text =>
        {
            var at = SmsSegments.Overflow(text, maxSegments)!.Value;
            var next = at + System.Globalization.StringInfo.GetNextTextElementLength(text, at);
            Assert.True(SmsSegments.Count(text[..at]).Segments <= maxSegments, $"{JsonSerializer.Serialize(text)}: the part before {at} does not fit");
            Assert.True(SmsSegments.Count(text[..next]).Segments > maxSegments, $"{JsonSerializer.Serialize(text)}: the part up to {next} still fits");
        });
        Assert.Null(SmsSegments.Overflow(new string('a', 160), 1));
        Assert.Equal(160, SmsSegments.Overflow(new string('a', 161), 1));
        Assert.Equal(306, SmsSegments.Overflow(new string('a', 307), 2));
    }
}
