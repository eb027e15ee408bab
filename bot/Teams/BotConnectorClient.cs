using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsReply.Cards;

namespace ChatOpsReply.Teams;

/// <summary>
/// The Bot Connector REST calls the bot makes, against the service URL a conversation lives on
/// (bot-docs rest-api/bot-framework-rest-connector-api-reference). Answers are values: the
/// caller decides what a 429 or a 403 means for its message.
/// </summary>
public sealed class BotConnectorClient(HttpClient http, BotFrameworkTokenSource tokens, TimeProvider time)
{
    /// <summary>Starts a new thread in a Teams channel with the activity; the answer has the thread's "id" and the "activityId".</summary>
    public Task<ConnectorResponse> CreateConversationAsync(Uri serviceUrl, string channelId, string? tenantId, JsonObject activity, CancellationToken cancellationToken)
    {
        // Bot Framework: POST /v3/conversations with isGroup and channelData.channel.id posts to a Teams channel,
        // bot-framework-rest-connector-api-reference#create-conversation and msteams-docs bots/how-to/conversations/send-proactive-messages.
        var body = new JsonObject
        {
            ["isGroup"] = true,
            ["channelData"] = new JsonObject
            {
                ["channel"] = new JsonObject { ["id"] = channelId },
                ["tenant"] = tenantId is null ? null : new JsonObject { ["id"] = tenantId },
            },
            ["activity"] = activity,
        };
        return SendAsync(HttpMethod.Post, serviceUrl, "v3/conversations", body, cancellationToken);
    }

    /// <summary>Posts to a conversation; for a channel thread's id ("19:…;messageid=…") that is a reply in the thread.</summary>
    public Task<ConnectorResponse> SendToConversationAsync(Uri serviceUrl, string conversationId, JsonObject activity, CancellationToken cancellationToken) =>
        // Bot Framework: POST /v3/conversations/{conversationId}/activities, bot-framework-rest-connector-api-reference#send-to-conversation.
        SendAsync(HttpMethod.Post, serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities", activity, cancellationToken);

    public Task<ConnectorResponse> ReplyToActivityAsync(Uri serviceUrl, string conversationId, string activityId, JsonObject activity, CancellationToken cancellationToken) =>
        // Bot Framework: POST /v3/conversations/{conversationId}/activities/{activityId}, bot-framework-rest-connector-api-reference#reply-to-activity.
        SendAsync(HttpMethod.Post, serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}", activity, cancellationToken);

    public Task<ConnectorResponse> UpdateActivityAsync(Uri serviceUrl, string conversationId, string activityId, JsonObject activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        activity["id"] = activityId;
        // Bot Framework: PUT /v3/conversations/{conversationId}/activities/{activityId}, bot-framework-rest-connector-api-reference#update-activity.
        return SendAsync(HttpMethod.Put, serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}", activity, cancellationToken);
    }

    public Task<ConnectorResponse> DeleteActivityAsync(Uri serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken) =>
        // Bot Framework: DELETE /v3/conversations/{conversationId}/activities/{activityId}, bot-framework-rest-connector-api-reference#delete-activity.
        SendAsync(HttpMethod.Delete, serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}", null, cancellationToken);

    /// <summary>The channels of a team: "conversations" [{id, name}].</summary>
    public Task<ConnectorResponse> TeamChannelsAsync(Uri serviceUrl, string teamId, CancellationToken cancellationToken) =>
        // Teams: GET /v3/teams/{teamId}/conversations lists a team's channels, msteams-docs bots/how-to/get-teams-context#get-the-list-of-channels-in-a-team.
        SendAsync(HttpMethod.Get, serviceUrl, $"v3/teams/{Uri.EscapeDataString(teamId)}/conversations", null, cancellationToken);

    /// <summary>One page of a conversation's members: "members" [{id, aadObjectId, name}] and a "continuationToken".</summary>
    public Task<ConnectorResponse> MembersAsync(Uri serviceUrl, string conversationId, string? continuationToken, CancellationToken cancellationToken) =>
        // Teams: GET /v3/conversations/{id}/pagedmembers, msteams-docs bots/how-to/get-teams-context#fetch-the-roster-or-user-profile.
        SendAsync(
            HttpMethod.Get,
            serviceUrl,
            $"v3/conversations/{Uri.EscapeDataString(conversationId)}/pagedmembers?pageSize=500{(continuationToken is null ? "" : "&continuationToken=" + Uri.EscapeDataString(continuationToken))}",
            null,
            cancellationToken);

    /// <summary>A message activity holding one Adaptive Card.</summary>
    public static JsonObject CardActivity(JsonObject card, string? text = null, JsonArray? entities = null)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = TeamsProtocol.AdaptiveCardContentType, ["content"] = card }),
        };
        if (text is not null)
        {
            activity["text"] = text;
            activity["textFormat"] = "markdown";
        }

        if (entities is not null)
        {
            activity["entities"] = entities;
        }

        return activity;
    }

    /// <summary>A text message; <paramref name="markdown"/> must already be escaped where it holds what people typed.</summary>
    public static JsonObject TextActivity(string markdown, JsonArray? entities = null)
    {
        var activity = new JsonObject { ["type"] = "message", ["text"] = markdown, ["textFormat"] = "markdown" };
        if (entities is not null)
        {
            activity["entities"] = entities;
        }

        return activity;
    }

    private async Task<ConnectorResponse> SendAsync(HttpMethod method, Uri serviceUrl, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        var baseUrl = serviceUrl.AbsoluteUri.EndsWith('/') ? serviceUrl : new Uri(serviceUrl.AbsoluteUri + "/");
        using var request = new HttpRequestMessage(method, new Uri(baseUrl, path));
        // Bot Framework: every call carries the bot's token as a bearer token, bot-framework-rest-connector-authentication#bot-to-connector.
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false));
        if (body is not null)
        {
            request.Content = new StringContent(AdaptiveCardRenderer.Serialize(body), Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JsonObject? json = null;
        try
        {
            json = text.Length > 0 ? JsonNode.Parse(text) as JsonObject : null;
        }
        catch (JsonException)
        {
            // A proxy's HTML error page: the status says enough.
        }

        // Bot Framework: errors come as {"error": {"code", "message"}}, bot-framework-rest-connector-api-reference#errorresponse-object.
        var error = json?["error"] as JsonObject;
        return new ConnectorResponse(
            response.StatusCode,
            json,
            error?["code"]?.GetValue<string>(),
            error?["message"]?.GetValue<string>(),
            RetryAfter(response.Headers.RetryAfter));
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } when date > time.GetUtcNow() => date - time.GetUtcNow(),
        _ => null,
    };
}
