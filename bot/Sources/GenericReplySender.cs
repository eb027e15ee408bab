using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Sources;

/// <summary>
/// The outbound half of the generic webhook: an approved reply to a post that no connected
/// platform takes is POSTed to <c>Sources:Generic:ReplyUrl</c>, signed the way inbound posts are
/// (<see cref="GenericWebhookSignature"/>). Any 2xx is delivered; anything else is retried through
/// the outbox, except a request whose answer never came, which is never sent blindly again.
/// </summary>
public sealed partial class GenericReplySender(HttpClient http, IOptions<SourcesOptions> options, GenericWebhookSecret secret, TimeProvider time, ILogger<GenericReplySender> logger) : IReplySender
{
    public const string HttpClientName = "generic-reply";

    /// <summary>Every source: platform senders, registered after this one, take theirs first.</summary>
    public bool CanSendTo(string source) => true;

    public async Task<SurfaceDelivery> SendAsync(CustomerPost post, SentReply reply, int number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(reply);
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new GenericReply($"{post.Id}:{number.ToString(CultureInfo.InvariantCulture)}", post.Id, post.Source, post.ExternalId, post.ThreadId, new GenericReplyRecipient(post.Author.Handle, post.Author.DisplayName), reply.Text, number, reply.At),
            GenericReplyJson.Default.GenericReply);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Value.Generic.ReplyUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(GenericWebhookSignature.TimestampHeader, timestamp);
        request.Headers.Add(GenericWebhookSignature.SignatureHeader, GenericWebhookSignature.Sign(secret.Value, timestamp, body));
        var answer = await PlatformCall.SendAsync(http, request, time, cancellationToken).ConfigureAwait(false);
        if (answer.IsSuccess)
        {
            return SurfaceDelivery.Accepted(ReceiverId(answer.Body));
        }

        var outcome = answer.Shared("The reply URL") ?? SurfaceDelivery.Retry($"The reply URL answered HTTP {answer.Status}", answer.RetryAfter);
        LogNotDelivered(post.Id, number, outcome.Reason);
        return outcome;
    }

    /// <summary>The receiver's own id for the reply, when it answers <c>{"id": …}</c>.</summary>
    private static string? ReceiverId(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return PayloadFields.Member(json.RootElement, "id") is { ValueKind: JsonValueKind.String } id ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reply {Number} of post {PostId} not delivered to the reply URL: {Reason}")]
    private partial void LogNotDelivered(string postId, int number, string? reason);
}
