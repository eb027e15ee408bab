using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Sources.X;

/// <summary>
/// Sends an approved reply on X where the customer wrote: a public reply to their newest post in
/// the thread, or a direct message in their conversation, signed with OAuth 1.0a user context.
/// </summary>
public sealed partial class XReplySender(HttpClient http, IOptions<XOptions> options, TimeProvider time, ILogger<XReplySender> logger) : IReplySender
{
    public const string HttpClientName = "x";

    public bool CanSendTo(string source) => string.Equals(source, XWebhook.Source, StringComparison.OrdinalIgnoreCase);

    public async Task<SurfaceDelivery> SendAsync(CustomerPost post, SentReply reply, int number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(reply);
        string path;
        JsonObject body;
        if (XRules.IsMessage(post))
        {
            // X: POST /2/dm_conversations/with/{participant_id}/messages {text}, docs.x.com/x-api/direct-messages/manage/api-reference/post-dm_conversations-with-participant_id-messages
            path = $"2/dm_conversations/with/{Uri.EscapeDataString(post.ThreadId![XWebhook.MessagesPrefix.Length..])}/messages";
            body = new JsonObject { ["text"] = reply.Text };
        }
        else if (XRules.ReplyTarget(post) is { } target)
        {
            // X: POST /2/tweets {text, reply{in_reply_to_tweet_id}}, docs.x.com/x-api/posts/manage-tweets/api-reference/post-tweets
            path = "2/tweets";
            body = new JsonObject { ["text"] = reply.Text, ["reply"] = new JsonObject { ["in_reply_to_tweet_id"] = target.Id } };
        }
        else
        {
            return SurfaceDelivery.Refused($"The post did not come through X's webhook (id \"{post.ExternalId}\"), so there is no post or conversation on X to answer.");
        }

        var url = new Uri(http.BaseAddress!, path);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("Authorization", XOAuth1.Header("POST", url, options.Value, time.GetUtcNow()));
        var answer = await PlatformCall.SendAsync(http, request, time, cancellationToken).ConfigureAwait(false);
        if (answer.Shared("X") is { } shared)
        {
            LogNotSent(post.Id, number, shared.Reason);
            return shared;
        }

        var (id, problem) = Read(answer.Body);
        if (answer.IsSuccess && id is not null)
        {
            return SurfaceDelivery.Accepted(id);
        }

        LogRefused(post.Id, number, answer.Status);
        return answer.Status switch
        {
            401 => SurfaceDelivery.Failed($"X refused our credentials: check Sources:X:ConsumerKey, AccessToken and their secrets. {problem}"),
            // X: 403 for a reply the author did not invite, a duplicate, or a conversation we may not message, docs.x.com/x-api/fundamentals/response-codes-and-errors
            403 => SurfaceDelivery.Refused($"X does not allow this reply: {problem ?? "forbidden"}"),
            _ => SurfaceDelivery.Failed($"X refused the reply: {problem ?? $"HTTP {answer.Status}"}"),
        };
    }

    // X: v2 answers {data{id}} or {data{dm_event_id}}, errors {title, detail} or {errors[{message}]}, same page
    private static (string? Id, string? Problem) Read(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var data = PayloadFields.Member(root, "data");
            var id = PayloadFields.Member(data, "id") is { ValueKind: JsonValueKind.String } post ? post : PayloadFields.Member(data, "dm_event_id");
            var detail = PayloadFields.Member(root, "detail");
            var first = PayloadFields.Items(root, "errors").Select(e => PayloadFields.Member(e.Item, "message")).FirstOrDefault();
            var problem = detail.ValueKind == JsonValueKind.String ? detail.GetString() : first.ValueKind == JsonValueKind.String ? first.GetString() : null;
            return (id.ValueKind == JsonValueKind.String ? id.GetString() : null, problem);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return (null, null);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "X did not take reply {Number} of post {PostId}: {Reason}")]
    private partial void LogNotSent(string postId, int number, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "X refused reply {Number} of post {PostId}: HTTP {Status}")]
    private partial void LogRefused(string postId, int number, int? status);
}
