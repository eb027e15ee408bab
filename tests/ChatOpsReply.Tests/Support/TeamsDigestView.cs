using System.Text.Json.Nodes;
using ChatOpsReply.Cards;

namespace ChatOpsReply.Tests.Support;

/// <summary>What a person reading the fake Bot Framework's channels sees: each digest card as last drawn, and the posts' own cards.</summary>
public static class TeamsDigestView
{
    /// <summary>One digest card where it was posted: its conversation and activity id, and the card as last posted or updated.</summary>
    public sealed record Digest(string ConversationId, string ActivityId, JsonObject Card)
    {
        /// <summary>The posts it has a line for, in order.</summary>
        public IReadOnlyList<string> Lines =>
            [.. Card["body"]!.AsArray().OfType<JsonObject>().Select(o => (string?)o["id"]).OfType<string>().Select(id => id["line.".Length..])];

        /// <summary>The number the digest's buttons carry.</summary>
        public int? Number => JsonTree.Objects(Card).Where(o => (string?)o["type"] == "Action.Execute").Select(o => (int?)o["data"]?["digest"]).FirstOrDefault();

        /// <summary>The posts with a Claim button.</summary>
        public IReadOnlyList<string> Claimable =>
            [.. JsonTree.Objects(Card).Where(o => (string?)o["type"] == "Action.Execute" && (string?)o["verb"] == "Claim").Select(o => (string)o["data"]!["postId"]!)];

        /// <summary>The words of a post's line, as shown.</summary>
        public string LineOf(string postId) => LineText(Card, postId);
    }

    /// <summary>The words of a post's line on a digest card.</summary>
    public static string LineText(JsonObject card, string postId) =>
        string.Concat(JsonTree.Objects(card["body"]!.AsArray().OfType<JsonObject>().Single(o => (string?)o["id"] == AdaptiveCardRenderer.DigestLineId(postId)))
            .Where(o => (string?)o["type"] == "TextRun").Select(o => (string)o["text"]!));

    /// <summary>Digest cards posted (a card with no refresh and lines), each as last drawn, oldest first.</summary>
    public static IReadOnlyList<Digest> Digests(FakeBotFramework fake)
    {
        var calls = fake.Calls.ToList();
        var latest = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var update in calls.Where(c => c.Route == "update" && c.Answer is not null && c.ActivityId is not null && IsDigest(c.Card)))
        {
            latest[update.ActivityId!] = update.Card!;
        }

        return [.. calls.Where(c => c.Route == "create" && c.Answer is not null && IsDigest(c.Card))
            .Select(c => new Digest((string)c.Answer!["id"]!, (string)c.Answer!["activityId"]!, latest.GetValueOrDefault((string)c.Answer!["activityId"]!) ?? c.Card!))];
    }

    /// <summary>Posts whose own card was posted, once per card posted.</summary>
    public static IReadOnlyList<string> Cards(FakeBotFramework fake) =>
        [.. fake.Calls.Where(c => c.Route == "create" && c.Answer is not null && c.Channel == "19:support@thread.tacv2" && c.Card?["refresh"] is not null)
            .Select(c => (string)c.Card!["refresh"]!["action"]!["data"]!["postId"]!)];

    private static bool IsDigest(JsonObject? card) => card is not null && card["refresh"] is null && card["body"]?.AsArray().OfType<JsonObject>().Any(o => ((string?)o["id"])?.StartsWith("line.", StringComparison.Ordinal) == true) == true;
}
