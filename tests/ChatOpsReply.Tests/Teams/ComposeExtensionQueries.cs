using System.Net;
using System.Text.Json.Nodes;
using ChatOpsReply.Teams;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Teams;

/// <summary>Searches through the messaging extension as Teams sends them: the query fixture with the words, channel, command and page asked for.</summary>
public static class ComposeExtensionQueries
{
    /// <summary>The team's General channel: no queue's, so every queue's answers are offered.</summary>
    public const string General = "19:team@thread.tacv2";

    public static async Task<(HttpStatusCode Status, JsonObject Body)> SearchAsync(
        this BotFrameworkSender teams, string? words = null, string? person = "alice", string channel = General, bool initialRun = false, int skip = 0, int count = 25, string commandId = TeamsAnswerSearch.CommandId)
    {
        var activity = JsonNode.Parse(teams.Activity("invoke-compose-extension-query", person, new Dictionary<string, string> { ["text"] = words ?? "", ["channelId"] = channel }))!.AsObject();
        var value = activity["value"]!.AsObject();
        value["commandId"] = commandId;
        if (initialRun)
        {
            // Teams: the default query when the extension opens, msteams-docs respond-to-search#default-query.
            value["parameters"] = new JsonArray(new JsonObject { ["name"] = "initialRun", ["value"] = "true" });
        }

        value["queryOptions"] = new JsonObject { ["skip"] = skip, ["count"] = count };
        using var response = await teams.PostAsync(activity.ToJsonString());
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    /// <summary>The answers a search lists, in order (asserting it listed some rather than answering with a message).</summary>
    public static async Task<List<string>> AnswerIdsAsync(this BotFrameworkSender teams, string? words = null, string channel = General, bool initialRun = false, int skip = 0, int count = 25)
    {
        var (status, body) = await teams.SearchAsync(words, channel: channel, initialRun: initialRun, skip: skip, count: count);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(Type(body) == "result", body.ToJsonString());
        return [.. Attachments(body).Select(AnswerId)];
    }

    public static string? Type(JsonObject body) => (string?)body["composeExtension"]!["type"];

    /// <summary>The sentence of a message answer.</summary>
    public static string? Text(JsonObject body) => (string?)body["composeExtension"]!["text"];

    public static List<JsonObject> Attachments(JsonObject body) => [.. body["composeExtension"]!["attachments"]!.AsArray().Select(a => a!.AsObject())];

    /// <summary>The answer a result is: its card's "Open in the library" link names it (Console:PublicUrl must be set).</summary>
    public static string AnswerId(JsonObject attachment) =>
        ((string)attachment["content"]!["actions"]![0]!["url"]!).Split('/')[^1];
}
