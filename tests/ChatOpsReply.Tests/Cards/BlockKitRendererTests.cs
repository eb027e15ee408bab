using System.Text.Json.Nodes;
using System.Text.Json;
using ChatOpsReply.Cards;
using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;
using CsCheck;

namespace ChatOpsReply.Tests.Cards;

/// <summary>
/// The Block Kit renderer: golden files reviewed as diffs, every output within Slack's limits
/// (checked here in C#) and of the shapes Slack's own type definitions allow (checked with
/// the official @slack/types package by tests/js/check-slack-blocks.mjs).
/// </summary>
public sealed class BlockKitRendererTests
{
    private static readonly string GoldenFolder = Repository.PathOf("tests", "ChatOpsReply.Tests", "Cards", "golden");

    public static TheoryData<string> Goldens() => [.. Examples().Keys];

    [Theory]
    [MemberData(nameof(Goldens))]
    public void Rendered_cards_match_their_golden_files(string name)
    {
        var json = Examples()[name].ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
        var path = Path.Combine(GoldenFolder, name + ".json");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1" || !File.Exists(path))
        {
            File.WriteAllText(path, json);
            Assert.Fail($"Wrote {path}: review the diff and commit it.");
        }

        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), json);
    }

    [Theory]
    [MemberData(nameof(Goldens))]
    public void Rendered_cards_are_within_slacks_limits(string name)
    {
        var json = Examples()[name];
        Assert.Empty(name.StartsWith("modal-", StringComparison.Ordinal) ? BlockKitLimits.CheckModal(json) : BlockKitLimits.CheckMessage(json));
    }

    [Fact]
    public async Task The_golden_files_type_check_against_slacks_official_block_kit_types()
    {
        var (exitCode, output) = await NodeScript.RunAsync("check-slack-blocks.mjs", GoldenFolder);
        Assert.True(exitCode == 0, output);
        Assert.Contains($"{Examples().Count} file(s) checked, 0 problem(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_type_check_catches_a_shape_slack_does_not_accept()
    {
        var folder = Directory.CreateTempSubdirectory("blockkit-").FullName;
        try
        {
            var broken = Examples()["message-open"];
            broken["blocks"]![0]!["text"] = "a header needs a plain_text object, not a string";
            File.WriteAllText(Path.Combine(folder, "message-broken.json"), broken.ToJsonString());

            var (exitCode, output) = await NodeScript.RunAsync("check-slack-blocks.mjs", folder);

            Assert.Equal(1, exitCode);
            Assert.Contains("message-broken.json: Type 'string' is not assignable to type 'PlainTextElement'", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_limits_check_catches_what_slack_refuses()
    {
        var message = Examples()["message-open"];
        var actions = message["blocks"]!.AsArray().Last(b => b!["type"]!.GetValue<string>() == "actions")!;
        actions["elements"]!.AsArray().Add(actions["elements"]![0]!.DeepClone());
        message["blocks"]![0]!["text"]!["text"] = new string('h', 151);

        var findings = BlockKitLimits.CheckMessage(message);

        Assert.Contains(findings, f => f.Contains("action_id: 'Claim' is used twice", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("blocks[0].text: 151 characters", StringComparison.Ordinal));
    }

    [Fact]
    public void Any_card_renders_within_slacks_limits()
    {
        Gen.Select(GenCard, GenAction).Sample((card, action) =>
        {
            var message = BlockKitRenderer.Message(card with { Actions = [.. card.Actions, action] }, lead: Mrkdwn.Escape(card.Text, 3000));
            Assert.Empty(BlockKitLimits.CheckMessage(message));
            var modal = BlockKitRenderer.Modal(card, action, new BlockKitModalOptions("chatopsreply.action", "{}") { Notes = [card.Text, card.Text], LiveCheckInput = action.Inputs.Count > 0 ? action.Inputs[0].Id : null });
            Assert.Empty(BlockKitLimits.CheckModal(modal));
        }, iter: 300);
    }

    [Fact]
    public void Customer_words_reach_slack_only_as_plain_text_or_escaped_mrkdwn()
    {
        const string hostile = "<!channel> <@U0DAN> <https://evil.example|invoice> *bold* & `code`";
        var card = Examples()["message-open"];
        var fallback = card["text"]!.GetValue<string>();

        Assert.DoesNotContain("<!channel>", fallback, StringComparison.Ordinal);
        Assert.Contains("&lt;!channel&gt;", fallback, StringComparison.Ordinal);
        Assert.Equal("&lt;!channel&gt; &lt;@U0DAN&gt; &lt;https://evil.example|invoice&gt; *\u200Bbold*\u200B &amp; `\u200Bcode`\u200B", Mrkdwn.Escape(hostile));
        Assert.Null(Mrkdwn.Link("javascript:alert(1)", "x"));
        Assert.Equal("<https://shop.example/a?b=1&amp;c=%7Cd|View &lt;it&gt;>", Mrkdwn.Link("https://shop.example/a?b=1&c=|d", "View <it>"));
    }

    [Fact]
    public void Escaping_never_cuts_an_entity_or_an_emoji_in_half()
    {
        Gen.Select(Piece(["<", ">", "&", "*", "a", "😀"]).Array[0, 200].Select(string.Concat), Gen.Int[2, 120]).Sample((text, max) =>
        {
            var escaped = Mrkdwn.Escape(text, max);
            Assert.True(escaped.Length <= max, $"{escaped.Length} > {max}");
            var withoutEntities = escaped.Replace("&lt;", "", StringComparison.Ordinal).Replace("&gt;", "", StringComparison.Ordinal).Replace("&amp;", "", StringComparison.Ordinal);
            Assert.DoesNotContain('&', withoutEntities);
            Assert.False(escaped.Length > 0 && char.IsHighSurrogate(escaped[^1]));
        });
    }

    /// <summary>Cards as the service builds them, from posts in representative states.</summary>
    [Fact]
    public void A_full_digest_of_the_longest_lines_keeps_within_slacks_limits_with_every_waiting_post_in_a_claim_menu()
    {
        var longUrl = "https://replies.example.com/console/posts/" + new string('9', 32);
        var lines = Enumerable.Range(0, BlockKitRenderer.DigestLinesMax).Select(i => new DigestLine(
            $"{i:000}{new string('a', 32)}",
            new string('&', 200),
            new string('<', 60),
            DigestLine.PreviewOf(string.Concat(Enumerable.Repeat("*<&>_ ", 400))),
            longUrl,
            i % 3 == 0 ? "claimed by " + new string('&', 200) : null)).ToList();

        var message = BlockKitRenderer.Digest(new DigestModel(new string('&', 600), lines));

        Assert.Empty(BlockKitLimits.CheckMessage(message));
        var menus = JsonTreeSelects(message);
        Assert.Equal(["Claim", "Claim.2"], menus.Select(m => m["action_id"]!.GetValue<string>()));
        Assert.Equal(lines.Where(l => l.Waiting).Select(l => l.PostId), menus.SelectMany(m => m["options"]!.AsArray()).Select(o => o!["value"]!.GetValue<string>()));
        Assert.Equal("Claim", BlockKitRenderer.DigestTrigger("Claim.2"));
        Assert.Equal("Dismiss", BlockKitRenderer.DigestTrigger("Dismiss"));
    }

    private static List<JsonObject> JsonTreeSelects(JsonObject message) =>
        [.. JsonTree.Objects(message).Where(o => o["type"]?.GetValue<string>() == "static_select")];

    private static Dictionary<string, JsonObject> Examples()
    {
        var cards = TeamsCardScenarios.Builder();
        var hostile = TestPosts.New() with { Text = "<!channel> My lawyer says your *invoice* is a scam: <https://evil.example|see here> & pay me back." };
        var open = cards.Build(hostile, null);
        var awaiting = cards.Build(TestPosts.InState(PostState.AwaitingApproval), null);
        var claimedForAlice = cards.Build(TestPosts.InState(PostState.Claimed), TestConfig.Person("alice"));
        var draft = claimedForAlice.Actions.Single(a => a.Id == nameof(PostTrigger.SubmitDraft));
        var reassign = claimedForAlice.Actions.Single(a => a.Id == nameof(PostTrigger.Reassign));
        var state = """{"p":"p1","a":"SubmitDraft","c":"C0SUPPORT"}""";
        // The shape the answer library will add: a second input on the draft, its options served by the app.
        var draftWithAnswer = draft with { Inputs = [new CardInput(CommandInputFields.AnswerId, "Start from an approved answer") { Required = false, Placeholder = "Search the library" }, .. draft.Inputs] };
        var crowded = open with
        {
            Text = new string('w', 5000),
            FollowUps = [.. Enumerable.Range(1, 30).Select(i => new CardNote(TestConfig.Start.AddMinutes(i), $"Message {i}: " + new string('x', 3100)))],
            Facts = [.. Enumerable.Range(1, 14).Select(i => new CardFact($"Fact {i}", new string('v', 2500)))],
        };
        return new Dictionary<string, JsonObject>(StringComparer.Ordinal)
        {
            ["message-open"] = BlockKitRenderer.Message(open),
            ["message-awaiting-approval"] = BlockKitRenderer.Message(awaiting),
            ["message-approval-request"] = BlockKitRenderer.Message(awaiting with { Actions = [.. awaiting.Actions.Where(a => a.Id is "Approve" or "RequestChanges")] }, ":lock: <@U0LENA> <@U0LOU> Alice Martin asks legal to approve a reply to a sensitive post."),
            ["message-crowded"] = BlockKitRenderer.Message(crowded),
            ["message-digest"] = BlockKitRenderer.Digest(new DigestModel("Busy moment in Support: 3 posts in this digest. Claim one to get its own card.",
            [
                new DigestLine("p1", "Ana Lopez (@ana)", "X", DigestLine.PreviewOf("The app is down\nagain!"), "https://replies.example.com/console/posts/p1", null),
                new DigestLine("p2", "<!channel> *Boss* (@x)", "Facebook", DigestLine.PreviewOf("<https://evil.example|click> me *now*"), null, null),
                new DigestLine("p3", "Bo (@bo)", "SMS", "Refund?", "https://replies.example.com/console/posts/p3", "claimed by Alice Martin"),
            ])),
            ["modal-draft"] = BlockKitRenderer.Modal(claimedForAlice, draft, new BlockKitModalOptions("chatopsreply.action", state) { LiveCheckInput = CommandInputFields.Text, Notes = ["✗ A reply of 1 word reads as curt or robotic.", "⚠ Use the customer's name (Ana)."] }),
            ["modal-draft-with-answer"] = BlockKitRenderer.Modal(claimedForAlice, draftWithAnswer, new BlockKitModalOptions("chatopsreply.action", state) { LiveCheckInput = CommandInputFields.Text, ExternalSelects = new HashSet<string> { CommandInputFields.AnswerId } }),
            ["modal-reassign"] = BlockKitRenderer.Modal(claimedForAlice, reassign, new BlockKitModalOptions("chatopsreply.action", state.Replace("SubmitDraft", "Reassign", StringComparison.Ordinal))),
        };
    }

    /// <summary>One of these strings (whole: an emoji is never split into lone surrogates).</summary>
    private static Gen<string> Piece(string[] pieces) => Gen.Int[0, pieces.Length - 1].Select(i => pieces[i]);

    private static readonly Gen<string> GenText = Gen.OneOf(Gen.String[0, 60], Gen.String[0, 6000], Piece(["<", ">", "&", "*", "_", "~", "`", "|", "😀", " ", "a"]).Array[0, 4000].Select(string.Concat));

    private static readonly Gen<CardInput> GenInput =
        Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 1, 40], GenText, Gen.Bool, Gen.Int[-5, 10000], Gen.Select(GenText, GenText).Array[0, 150].Null())
            .Select((id, label, multiline, max, choices) => new CardInput(id, label)
            {
                Multiline = multiline,
                MaxLength = max,
                Initial = label,
                Placeholder = label,
                Choices = choices?.Select(c => new CardChoice(c.Item1, c.Item2)).ToList(),
            });

    private static readonly Gen<CardAction> GenAction =
        Gen.Select(GenText, GenInput.Array[0, 5]).Select((label, inputs) => new CardAction("Act", label) { Inputs = [.. inputs.DistinctBy(i => i.Id)] });

    private static readonly Gen<CardModel> GenCard =
        Gen.Select(GenText, GenText, GenText.Array[0, 40], Gen.Select(GenText, GenText).Array[0, 16], Gen.Int[0, 40], GenText.Array[0, 12])
            .Select((text, author, followUps, facts, actions, badges) => new CardModel
            {
                PostId = "p1",
                SourceLabel = "X",
                Author = new CardAuthor(author, author),
                Text = text,
                StateLabel = "Open",
                Url = "https://x.example/" + author.Length,
                Badges = [.. badges.Select(b => new CardBadge(b, CardTone.Warning))],
                FollowUps = [.. followUps.Select(f => new CardNote(TestConfig.Start, f))],
                Facts = [.. facts.Select(f => new CardFact(f.Item1, f.Item2))],
                Actions = [.. Enumerable.Range(0, actions).Select(i => new CardAction($"A{i}", text))],
            });
}
