using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Sources.Meta;

/// <summary>
/// Sends an approved reply back where the customer wrote, through the Graph API: a reply to their
/// Facebook comment, a reply to their Instagram comment, or a Messenger / Instagram message
/// (tagged HUMAN_AGENT when it goes out after 24 hours and the Page may do that).
/// </summary>
public sealed partial class MetaReplySender(HttpClient http, IOptions<MetaOptions> options, MetaRules rules, TimeProvider time, ILogger<MetaReplySender> logger) : IReplySender
{
    public const string HttpClientName = "meta";

    public bool CanSendTo(string source) => rules.AppliesTo(source);

    public async Task<SurfaceDelivery> SendAsync(CustomerPost post, SentReply reply, int number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(reply);
        var settings = options.Value;
        if (MetaThread.Parse(post.ThreadId) is not { } thread)
        {
            return SurfaceDelivery.Refused($"The post did not come through Meta's webhook (thread \"{post.ThreadId}\"), so there is no comment or conversation to answer on {post.Source}.");
        }

        string path;
        JsonObject body;
        if (thread.IsMessage)
        {
            // Meta: Send API POST /{PAGE-ID}/messages {recipient{id}, messaging_type, message{text}}, developers.facebook.com/docs/messenger-platform/reference/send-api
            // Instagram messages go through the Page the account is linked to: "me" is that Page for a Page token.
            path = $"{settings.GraphVersion}/{(post.Source == MetaWebhook.Instagram ? "me" : thread.Account)}/messages";
            body = new JsonObject
            {
                ["recipient"] = new JsonObject { ["id"] = thread.Customer },
                ["messaging_type"] = "RESPONSE",
                ["message"] = new JsonObject { ["text"] = reply.Text },
            };
            if (rules.NeedsHumanAgentTag(post, time.GetUtcNow()))
            {
                // Meta: outside 24 hours, messaging_type MESSAGE_TAG with tag HUMAN_AGENT, developers.facebook.com/docs/messenger-platform/send-messages/message-tags
                body["messaging_type"] = "MESSAGE_TAG";
                body["tag"] = "HUMAN_AGENT";
            }
        }
        else if (MetaThread.ReplyTarget(MetaRules.ExternalIds(post)) is { } commentId)
        {
            // Meta: a Page replies to a comment with POST /{comment-id}/comments, developers.facebook.com/docs/graph-api/reference/object/comments
            // Meta: an Instagram comment reply is POST /{ig-comment-id}/replies, developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-comment/replies
            path = $"{settings.GraphVersion}/{Uri.EscapeDataString(commentId)}/{(post.Source == MetaWebhook.Instagram ? "replies" : "comments")}";
            body = new JsonObject { ["message"] = reply.Text };
        }
        else
        {
            return SurfaceDelivery.Refused($"{MetaRules.NameOf(post)} removed their comment: there is nothing left to reply to in public.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        // Meta: the access token may travel as a bearer token instead of in the URL, developers.facebook.com/docs/graph-api/overview
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.PageAccessToken);
        var answer = await PlatformCall.SendAsync(http, request, time, cancellationToken).ConfigureAwait(false);
        if (answer.Shared("Meta") is { } shared)
        {
            LogNotSent(post.Id, number, shared.Reason);
            return shared;
        }

        var result = Read(answer.Body);
        if (answer.IsSuccess && (result.Id ?? result.MessageId) is { } id)
        {
            return SurfaceDelivery.Accepted(id);
        }

        LogRefused(post.Id, number, answer.Status, result.Code, result.Subcode);
        return Refusal(post, result);
    }

    // Meta: Graph errors {error{message, type, code, error_subcode, is_transient}}, developers.facebook.com/docs/graph-api/guides/error-handling
    private static SurfaceDelivery Refusal(CustomerPost post, GraphResult error)
    {
        var said = $"{error.Message ?? "no reason given"} (code {error.Code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})";
        return (error.Code, error.Subcode) switch
        {
            // Meta: 4, 17, 32 and 613 are rate limits; 1 and 2 and is_transient are passing, same page
            (4 or 17 or 32 or 613, _) => SurfaceDelivery.Retry($"Meta rate limit: {said}"),
            (1 or 2, _) => SurfaceDelivery.Retry($"Meta is having trouble: {said}"),
            _ when error.IsTransient => SurfaceDelivery.Retry($"Meta is having trouble: {said}"),
            // Meta: 10 / 2018278 is a message outside the allowed window, developers.facebook.com/docs/messenger-platform/error-codes
            (10, 2018278) => SurfaceDelivery.Refused($"The messaging window closed: {MetaRules.NameOf(post)} last wrote more than 24 hours ago. Reply to one of their comments, or reach them on another channel."),
            (551, _) => SurfaceDelivery.Refused($"{MetaRules.NameOf(post)} cannot be messaged right now (they may have blocked the Page): {said}."),
            (100, 33) => SurfaceDelivery.Refused($"The comment or conversation no longer exists (it may have been deleted): {said}."),
            (190, _) => SurfaceDelivery.Failed($"Meta no longer accepts the Page access token: renew Sources:Meta:PageAccessToken. {said}."),
            _ => SurfaceDelivery.Failed($"Meta refused the reply: {said}."),
        };
    }

    private static GraphResult Read(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new GraphResult();
            }

            var error = PayloadFields.Member(root, "error");
            return new GraphResult
            {
                Id = root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null,
                MessageId = root.TryGetProperty("message_id", out var mid) && mid.ValueKind == JsonValueKind.String ? mid.GetString() : null,
                Message = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null,
                Code = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("code", out var c) && c.TryGetInt32(out var code) ? code : null,
                Subcode = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("error_subcode", out var s) && s.TryGetInt32(out var sub) ? sub : null,
                IsTransient = PayloadFields.IsTrue(error, "is_transient"),
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return new GraphResult();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Meta did not take reply {Number} of post {PostId}: {Reason}")]
    private partial void LogNotSent(string postId, int number, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Meta refused reply {Number} of post {PostId}: HTTP {Status}, code {Code}/{Subcode}")]
    private partial void LogRefused(string postId, int number, int? status, int? code, int? subcode);

    private sealed record GraphResult
    {
        public string? Id { get; init; }

        public string? MessageId { get; init; }

        public string? Message { get; init; }

        public int? Code { get; init; }

        public int? Subcode { get; init; }

        public bool IsTransient { get; init; }
    }
}
