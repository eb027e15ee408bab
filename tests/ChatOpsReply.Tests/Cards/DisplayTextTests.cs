using ChatOpsReply.Cards;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Cards;

/// <summary>A customer cannot pass for someone else with characters nobody sees: every surface shows them, the store keeps them.</summary>
public sealed class DisplayTextTests
{
    [Theory]
    [InlineData("evil\u202Egnp.exe", "evil[U+202E]gnp.exe")]
    [InlineData("Alice\u0000Martin", "Alice[U+0000]Martin")]
    [InlineData("@ad\u200Bmin", "@ad[U+200B]min")]
    [InlineData("Lena\u2066Fischer\u2069", "Lena[U+2066]Fischer[U+2069]")]
    [InlineData("two\nlines\ttab\u001B[31m", "two[U+000A]lines[U+0009]tab[U+001B][31m")]
    [InlineData("\uFEFFbom", "[U+FEFF]bom")]
    public void Hidden_and_direction_changing_characters_are_shown_as_their_code(string name, string shown)
    {
        Assert.Equal(shown, DisplayText.Neutralise(name));
    }

    [Theory]
    [InlineData("José Álvarez")]
    [InlineData("محمد")]
    [InlineData("山田 太郎")]
    [InlineData("Ana 👩‍💻 Lopez")]
    [InlineData("Kai 👨‍👩‍👧")]
    [InlineData("@dana_k")]
    public void Ordinary_names_and_emoji_sequences_are_left_as_they_are(string name)
    {
        Assert.Equal(name, DisplayText.Neutralise(name));
    }

    [Fact]
    public async Task A_spoofed_name_is_stored_as_sent_and_shown_neutralised_on_every_surface()
    {
        using var host = new ServiceHost();
        var postId = await host.ReceiveAsync("Please refund me.", handle: "@lena\u200B", displayName: "Lena Fischer (legal)\u202E");
        var post = await host.PostAsync(postId);
        var card = host.Service<PostCardBuilder>().Build(post, null);

        var surfaces = new Dictionary<string, string>
        {
            ["Slack"] = string.Join("\n", JsonTree.Strings(BlockKitRenderer.Message(card))),
            ["Teams"] = string.Join("\n", JsonTree.Strings(AdaptiveCardRenderer.Render(card, AdaptiveCardView.Shared))),
            ["console"] = System.Net.WebUtility.HtmlDecode(HtmlCardRenderer.Render(card, _ => "/act", new Dictionary<string, string>())),
        };

        Assert.Equal(("@lena\u200B", "Lena Fischer (legal)\u202E"), (post.Author.Handle, post.Author.DisplayName));
        foreach (var (surface, text) in surfaces)
        {
            Assert.DoesNotContain("\u202E", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\u200B", text, StringComparison.Ordinal);
            Assert.Contains("Lena Fischer (legal)[U+202E] (@lena[U+200B])", text, StringComparison.Ordinal);
        }

        host.DeleteFolder();
    }

    [Fact]
    public void A_cards_notification_text_keeps_handles_whole_and_mentions_inert()
    {
        var card = TeamsCardScenarios.Builder().Build(TestPosts.InState(PostState.Open) with { Author = new PostAuthor("@dana_k", "Dana *K*"), Text = "<!channel> hi" }, null);

        var text = BlockKitRenderer.Message(card)["text"]!.GetValue<string>();

        Assert.Contains("Dana *K* (@dana_k)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u200B", text, StringComparison.Ordinal);
        Assert.Contains("&lt;!channel&gt;", text, StringComparison.Ordinal);
    }
}
