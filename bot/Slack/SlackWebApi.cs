using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Slack;

/// <summary>
/// The Slack Web API methods ChatOpsReply uses, over a typed HttpClient. Answers are values:
/// <c>ok:false</c> becomes a <see cref="SlackApiError"/>, HTTP 429 a rate-limit error carrying
/// Retry-After (and calls to the same method and channel are held back until it passed, so the
/// outbox waits instead of hammering). Nothing here sleeps or retries: the outbox does.
/// </summary>
public sealed partial class SlackWebApi(HttpClient http, IOptions<SlackOptions> options, SlackRateLimits limits, TimeProvider time, ILogger<SlackWebApi> logger)
{
    public const string HttpClientName = "slack";

    // Slack: chat.postMessage needs channel and a fallback text, docs.slack.dev/reference/methods/chat.postMessage
    public Task<SlackApiResult> PostMessageAsync(string channel, JsonObject content, string? threadTs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var body = Body(content);
        body["channel"] = channel;
        if (threadTs is not null)
        {
            body["thread_ts"] = threadTs;
        }

        return CallAsync("chat.postMessage", body, channel, cancellationToken);
    }

    // Slack: chat.update takes channel + ts and replaces text and blocks, docs.slack.dev/reference/methods/chat.update
    public Task<SlackApiResult> UpdateMessageAsync(string channel, string ts, JsonObject content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var body = Body(content);
        body["channel"] = channel;
        body["ts"] = ts;
        return CallAsync("chat.update", body, channel, cancellationToken);
    }

    // Slack: chat.postEphemeral shows a message to one user in a channel, docs.slack.dev/reference/methods/chat.postEphemeral
    public Task<SlackApiResult> PostEphemeralAsync(string channel, string user, string text, CancellationToken cancellationToken) =>
        CallAsync("chat.postEphemeral", new JsonObject { ["channel"] = channel, ["user"] = user, ["text"] = text }, channel, cancellationToken);

    // Slack: views.open needs a trigger_id less than 3 seconds old, docs.slack.dev/reference/methods/views.open
    public Task<SlackApiResult> OpenViewAsync(string triggerId, JsonObject view, CancellationToken cancellationToken) =>
        CallAsync("views.open", new JsonObject { ["trigger_id"] = triggerId, ["view"] = view }, null, cancellationToken);

    // Slack: views.publish sets a user's Home tab, docs.slack.dev/reference/methods/views.publish
    public Task<SlackApiResult> PublishViewAsync(string user, JsonObject view, CancellationToken cancellationToken) =>
        CallAsync("views.publish", new JsonObject { ["user_id"] = user, ["view"] = view }, null, cancellationToken);

    // Slack: views.update with the view's hash refuses to overwrite a newer view (hash_conflict), docs.slack.dev/reference/methods/views.update
    public Task<SlackApiResult> UpdateViewAsync(string viewId, string? hash, JsonObject view, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["view_id"] = viewId, ["view"] = view };
        if (hash is not null)
        {
            body["hash"] = hash;
        }

        return CallAsync("views.update", body, null, cancellationToken);
    }

    // Slack: users.info takes form fields, not JSON, docs.slack.dev/reference/methods/users.info
    public Task<SlackApiResult> UserInfoAsync(string user, CancellationToken cancellationToken) =>
        CallAsync("users.info", new Dictionary<string, string> { ["user"] = user }, cancellationToken);

    // Slack: conversations.open with up to 8 users opens a DM or group DM, docs.slack.dev/reference/methods/conversations.open
    public Task<SlackApiResult> OpenConversationAsync(IEnumerable<string> users, CancellationToken cancellationToken) =>
        CallAsync("conversations.open", new JsonObject { ["users"] = string.Join(',', users) }, null, cancellationToken);

    // Slack: usergroups.users.list returns the member ids of a user group, docs.slack.dev/reference/methods/usergroups.users.list
    public Task<SlackApiResult> UserGroupMembersAsync(string userGroup, CancellationToken cancellationToken) =>
        CallAsync("usergroups.users.list", new Dictionary<string, string> { ["usergroup"] = userGroup }, cancellationToken);

    // Slack: conversations.history, newest first from latest back to oldest; metadata only with include_all_metadata,
    // docs.slack.dev/reference/methods/conversations.history
    public Task<SlackApiResult> HistoryAsync(string channel, string oldest, string? cursor, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string> { ["channel"] = channel, ["oldest"] = oldest, ["limit"] = "200", ["include_all_metadata"] = "true" };
        if (cursor is not null)
        {
            form["cursor"] = cursor;
        }

        return CallAsync("conversations.history", form, cancellationToken);
    }

    // Slack: apps.connections.open with the app-level token returns a WebSocket URL, docs.slack.dev/reference/methods/apps.connections.open
    public Task<SlackApiResult> OpenSocketConnectionAsync(CancellationToken cancellationToken) =>
        SendAsync("apps.connections.open", null, options.Value.AppToken ?? "", null, cancellationToken);

    private static JsonObject Body(JsonObject content) => (JsonObject)content.DeepClone();

    private Task<SlackApiResult> CallAsync(string method, JsonObject body, string? channel, CancellationToken cancellationToken)
    {
        // Slack: JSON bodies need the charset, docs.slack.dev/apis/web-api#posting-json
        var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return SendAsync(method, content, options.Value.BotToken ?? "", channel, cancellationToken);
    }

    private Task<SlackApiResult> CallAsync(string method, Dictionary<string, string> form, CancellationToken cancellationToken) =>
        SendAsync(method, new FormUrlEncodedContent(form), options.Value.BotToken ?? "", null, cancellationToken);

    private async Task<SlackApiResult> SendAsync(string method, HttpContent? content, string token, string? channel, CancellationToken cancellationToken)
    {
        using var owned = content;
        var limitKey = channel is null ? method : $"{method}/{channel}";
        var now = time.GetUtcNow();
        if (limits.WaitFor(limitKey, now) is { } wait)
        {
            return SlackApiResult.Failure(new SlackApiError(method, "rate_limited", SlackErrorKind.RateLimited, wait));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, method) { Content = content };
        // Slack: the token goes in the Authorization header as a bearer token, docs.slack.dev/authentication/tokens
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                // Slack: HTTP 429 with Retry-After in seconds, docs.slack.dev/apis/web-api/rate-limits
                var after = response.Headers.RetryAfter?.Delta ?? (response.Headers.RetryAfter?.Date is { } date ? date - now : (TimeSpan?)null) ?? TimeSpan.FromSeconds(30);
                limits.Hold(limitKey, now + after);
                LogRateLimited(method, after.TotalSeconds);
                return SlackApiResult.Failure(new SlackApiError(method, "rate_limited", SlackErrorKind.RateLimited, after));
            }

            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                LogHttpFailure(method, status);
                return SlackApiResult.Failure(new SlackApiError(method, $"http_{status}", status >= 500 || status == 408 ? SlackErrorKind.Transient : SlackErrorKind.Permanent));
            }

            var json = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            JsonElement body;
            try
            {
                body = JsonDocument.Parse(json).RootElement.Clone();
            }
            catch (JsonException)
            {
                return SlackApiResult.Failure(new SlackApiError(method, "invalid_response", SlackErrorKind.Transient));
            }

            // Slack: failures are HTTP 200 with ok:false and an error code, docs.slack.dev/apis/web-api#responses
            if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True)
            {
                return SlackApiResult.Success(body);
            }

            var code = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error", out var error) ? error.GetString() ?? "unknown_error" : "unknown_error";
            LogError(method, code);
            return SlackApiResult.Failure(SlackApiError.FromCode(method, code));
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnreachable(method, e.Message);
            return SlackApiResult.Failure(new SlackApiError(method, e is TaskCanceledException ? "timeout" : "unreachable", SlackErrorKind.Transient));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} rate limited; retry after {Seconds} s")]
    private partial void LogRateLimited(string method, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} answered HTTP {Status}")]
    private partial void LogHttpFailure(string method, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} failed: {Error}")]
    private partial void LogError(string method, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} unreachable: {Reason}")]
    private partial void LogUnreachable(string method, string reason);
}
