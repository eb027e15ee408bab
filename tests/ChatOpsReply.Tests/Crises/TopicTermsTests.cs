using ChatOpsReply.Crises;

namespace ChatOpsReply.Tests.Crises;

/// <summary>A post's topics are its own salient words and the pairs of them side by side.</summary>
public sealed class TopicTermsTests
{
    [Fact]
    public void Words_less_stop_words_come_first_then_the_pairs_side_by_side_that_no_punctuation_parts()
    {
        Assert.Equal(["app", "down", "outage", "app down", "everywhere"], TopicTerms.Of("The APP is down!! Outage, everywhere.", 6));
    }

    [Fact]
    public void Mentions_links_hashtags_numbers_and_short_words_are_no_topics_and_no_pair_spans_them()
    {
        Assert.Equal(["refund", "invoice"], TopicTerms.Of("@acme refund 4711 https://acme.example/x invoice #fail ok", 6));
    }

    [Fact]
    public void A_post_of_stop_words_alone_has_no_topic()
    {
        Assert.Empty(TopicTerms.Of("Hi, where is it? Thanks!", 6));
    }

    [Fact]
    public void A_sparkline_scales_each_minute_to_the_busiest()
    {
        Assert.Equal("▁▂▃▅█", Sparkline.Of([0, 1, 2, 5, 8]));
        Assert.Equal("▁▁▁", Sparkline.Of([0, 0, 0]));
    }
}
