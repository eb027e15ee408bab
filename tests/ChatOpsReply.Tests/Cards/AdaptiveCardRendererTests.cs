using System.Text.Json.Nodes;
using ChatOpsReply.Accountability;
using ChatOpsReply.Cards;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Cards;

/// <summary>
/// The Teams card of every scenario matches its reviewed golden file, and every golden file is
/// accepted by the official adaptivecards package. Set CHATOPSREPLY_UPDATE_GOLDEN=1 to rewrite
/// the files after an intended change, then review the diff.
/// </summary>
public sealed class AdaptiveCardRendererTests
{
    private static readonly string GoldenFolder = Repository.PathOf("tests", "ChatOpsReply.Tests", "Cards", "golden", "teams");

    public static TheoryData<string> Scenarios() => [.. TeamsCardScenarios.All().Keys];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_Teams_card_matches_its_golden_file(string scenario)
    {
        var view = new AdaptiveCardView { RefreshUserIds = ["29:alice", "29:lena"] };
        var json = Pretty(AdaptiveCardRenderer.Render(TeamsCardScenarios.All()[scenario], view));
        var path = Path.Combine(GoldenFolder, $"{scenario}.json");
        if (Environment.GetEnvironmentVariable("CHATOPSREPLY_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, json);
        }

        Assert.True(File.Exists(path), $"{path} is missing: run the tests once with CHATOPSREPLY_UPDATE_GOLDEN=1 and review it.");
        Assert.Equal(File.ReadAllText(path), json);
    }

    [Fact]
    public async Task Every_golden_card_is_accepted_by_the_official_adaptivecards_package_without_warnings()
    {
        var (exitCode, output) = await NodeScript.RunAsync("check-adaptive-cards.mjs", GoldenFolder);

        Assert.True(exitCode == 0, output);
        Assert.Equal(TeamsCardScenarios.All().Count, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Every_card_anyone_can_see_in_any_state_is_accepted_by_the_official_adaptivecards_package()
    {
        var builder = TeamsCardScenarios.Builder();
        var people = TestConfig.Policy().People.All;
        var folder = Directory.CreateTempSubdirectory("chatopsreply-teams-states-").FullName;
        try
        {
            var count = 0;
            foreach (var state in Enum.GetValues<PostState>())
            {
                foreach (var sensitive in new[] { true, false })
                {
                    var post = TestPosts.InState(state, sensitive);
                    foreach (var viewer in people.Select(p => (Person?)p).Append(null))
                    {
                        var view = new AdaptiveCardView { RefreshUserIds = ["29:alice", "29:lena"], Notice = viewer is null ? null : "Alice Martin already claimed this post." };
                        var card = AdaptiveCardRenderer.Render(builder.Build(post, viewer), view);
                        await File.WriteAllTextAsync(Path.Combine(folder, $"{state}-{sensitive}-{viewer?.Id ?? "shared"}.json"), AdaptiveCardRenderer.Serialize(card));
                        count++;
                    }
                }
            }

            var (exitCode, output) = await NodeScript.RunAsync("check-adaptive-cards.mjs", folder);

            Assert.True(exitCode == 0, output);
            Assert.Equal(count, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_longest_post_fits_in_28_KB_and_links_to_the_console_for_the_rest()
    {
        var model = TeamsCardScenarios.Builder().Build(TeamsCardScenarios.Longest(), TestConfig.Person("alice"));
        var view = new AdaptiveCardView { RefreshUserIds = [.. Enumerable.Range(0, 80).Select(i => $"29:user-{i}")] };

        var card = AdaptiveCardRenderer.Render(model, view);

        Assert.InRange(AdaptiveCardRenderer.Size(card), 20 * 1024, AdaptiveCardRenderer.MaxCardBytes);
        var text = Runs(card).First(r => r.StartsWith(model.Text[..100], StringComparison.Ordinal) && r.Length < model.Text.Length);
        Assert.EndsWith("…", text, StringComparison.Ordinal);
        Assert.Contains(Blocks(card), b => b.Contains("[Read all of it in the console](https://replies.example.com/console/posts/p1)", StringComparison.Ordinal));
        Assert.Equal(60, card["refresh"]!["userIds"]!.AsArray().Count);
    }

    [Fact]
    public void A_short_post_is_not_cut()
    {
        var model = TeamsCardScenarios.Builder().Build(TestPosts.InState(PostState.Open), null);

        var card = AdaptiveCardRenderer.Render(model, AdaptiveCardView.Shared);

        Assert.Contains(model.Text, Runs(card));
        Assert.DoesNotContain(Blocks(card), b => b.Contains("cut short", StringComparison.Ordinal));
    }

    [Fact]
    public void Customer_text_and_names_are_never_read_as_markdown()
    {
        var post = TestPosts.InState(PostState.Open) with { Text = TeamsCardScenarios.MarkdownBait, Author = new PostAuthor("@ana", "**Boss** [x](https://evil.example)") };
        var card = AdaptiveCardRenderer.Render(TeamsCardScenarios.Builder().Build(post, null), AdaptiveCardView.Shared);

        // The words arrive untouched, as TextRuns (which Teams never reads as markdown)...
        Assert.Contains(TeamsCardScenarios.MarkdownBait, Runs(card));
        Assert.Contains("**Boss** [x](https://evil.example) (@ana)", Runs(card));
        // ...and nowhere in a markdown field without escaping.
        Assert.DoesNotContain(Blocks(card), b => b.Contains("evil.example", StringComparison.Ordinal) && !b.Contains("\\[x\\]\\(https://evil.example\\)", StringComparison.Ordinal));
    }

    [Fact]
    public void Input_labels_are_plain_text_so_a_name_in_one_shows_without_backslashes()
    {
        var post = TestPosts.InState(PostState.Claimed) with { Author = new PostAuthor("@anne_marie", "Anne_Marie *Dupont*") };
        var card = AdaptiveCardRenderer.Render(TeamsCardScenarios.Builder().Build(post, TestConfig.Person("alice")), AdaptiveCardView.Shared);

        var labels = JsonTree.Objects(card).Where(o => o["label"] is not null).Select(o => (string)o["label"]!).ToList();

        Assert.Contains("Reply to Anne_Marie", labels);
        Assert.DoesNotContain(labels, l => l.Contains('\\', StringComparison.Ordinal));
    }

    [Fact]
    public void Markdown_escaping_keeps_words_but_breaks_links_lists_and_mentions()
    {
        Assert.Equal("\\[a\\]\\(https://x\\) \\*\\*b\\*\\* \\<at\\>Al\\</at\\>", AdaptiveCardMarkdown.Escape("[a](https://x) **b** <at>Al</at>"));
        Assert.Equal("\\- one\n 2\\. two\n3.5 kg", AdaptiveCardMarkdown.Escape("- one\n 2. two\n3.5 kg"));
    }

    [Fact]
    public void An_action_with_several_inputs_shows_them_all_with_ids_unique_in_the_card()
    {
        var card = AdaptiveCardRenderer.Render(TeamsCardScenarios.All()["draft-with-answer-choice"], AdaptiveCardView.Shared);

        var form = JsonTree.Objects(card).Single(n => (string?)n["type"] == "Action.ShowCard" && (string?)n["title"] == "Submit for approval");
        var inputs = form["card"]!["body"]!.AsArray().Select(i => i!).ToList();
        // The library's answers come first: a reply is started from one, then edited.
        Assert.Equal(["SubmitDraft.answerId", "SubmitDraft.text"], inputs.Select(i => (string?)i["id"]));
        Assert.Equal(["Input.ChoiceSet", "Input.Text"], inputs.Select(i => (string?)i["type"]));
        Assert.Equal("filtered", (string?)inputs[0]["style"]);
        Assert.Equal(8, inputs[0]["choices"]!.AsArray().Count);
        var ids = JsonTree.Objects(card).Select(n => (string?)n["id"]).OfType<string>().ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Every_button_is_an_Action_Execute_with_its_trigger_as_verb_and_a_submit_fallback()
    {
        var model = TeamsCardScenarios.All()["claimed-owner"];
        var card = AdaptiveCardRenderer.Render(model, AdaptiveCardView.Shared);

        var executes = JsonTree.Objects(card).Where(n => (string?)n["type"] == "Action.Execute" && (string?)n["verb"] != AdaptiveCardRenderer.RefreshVerb).ToList();
        Assert.Equal(model.Actions.Select(a => a.Id), executes.Select(e => (string?)e["verb"]));
        Assert.All(executes, e => Assert.Equal(("Action.Submit", (string?)e["verb"]), ((string?)e["fallback"]!["type"], (string?)e["fallback"]!["data"]!["action"])));
        Assert.All(card["body"]!.AsArray().Where(n => (string?)n!["type"] == "ActionSet"), set => Assert.InRange(set!["actions"]!.AsArray().Count, 1, 5));
    }

    private static string Pretty(JsonObject card) =>
        JsonNode.Parse(AdaptiveCardRenderer.Serialize(card))!.ToJsonString(new System.Text.Json.JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        }).ReplaceLineEndings("\n") + "\n";

    private static List<string> Runs(JsonObject card) => [.. JsonTree.Objects(card).Where(n => (string?)n["type"] == "TextRun").Select(n => (string)n["text"]!)];

    /// <summary>Every string Teams reads as markdown: TextBlocks and facts.</summary>
    private static List<string> Blocks(JsonObject card) =>
    [
        .. JsonTree.Objects(card).Where(n => (string?)n["type"] == "TextBlock").Select(n => (string)n["text"]!),
        .. JsonTree.Objects(card).Where(n => (string?)n["type"] == "FactSet").SelectMany(n => n["facts"]!.AsArray().Select(f => $"{f!["title"]}: {f["value"]}")),
    ];
}
