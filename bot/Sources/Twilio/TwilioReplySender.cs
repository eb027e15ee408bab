using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Sources.Twilio;

/// <summary>
/// Sends an approved reply as a text through Twilio's Messages API, from the number the customer
/// wrote to (or the messaging service), asking Twilio to report delivery to our status callback.
/// </summary>
public sealed partial class TwilioReplySender(HttpClient http, IOptions<TwilioOptions> options, TimeProvider time, ILogger<TwilioReplySender> logger) : IReplySender
{
    public const string HttpClientName = "twilio";

    public bool CanSendTo(string source) => string.Equals(source, SmsRules.Source, StringComparison.OrdinalIgnoreCase);

    // Twilio: POST /2010-04-01/Accounts/{AccountSid}/Messages.json with To, From or MessagingServiceSid, Body, StatusCallback, twilio.com/docs/messaging/api/message-resource#create-a-message-resource
    public async Task<SurfaceDelivery> SendAsync(CustomerPost post, SentReply reply, int number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(reply);
        var settings = options.Value;
        var form = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["To"] = post.Author.Handle,
            ["Body"] = reply.Text,
            ["StatusCallback"] = $"{settings.PublicUrl!.AbsoluteUri.TrimEnd('/')}{TwilioEndpoints.StatusPath}?post={Uri.EscapeDataString(post.Id)}&reply={number.ToString(CultureInfo.InvariantCulture)}&attempt={reply.Delivery.Attempt.ToString(CultureInfo.InvariantCulture)}",
        };
        var from = TwilioMessage.OurNumber(post.ThreadId) ?? settings.From;
        if (!string.IsNullOrWhiteSpace(settings.MessagingServiceSid))
        {
            form["MessagingServiceSid"] = settings.MessagingServiceSid;
        }
        else if (!string.IsNullOrWhiteSpace(from))
        {
            form["From"] = from;
        }
        else
        {
            return SurfaceDelivery.Failed("Set Sources:Twilio:From or Sources:Twilio:MessagingServiceSid: there is no number to text from.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"2010-04-01/Accounts/{Uri.EscapeDataString(settings.AccountSid!)}/Messages.json")
        {
            Content = new FormUrlEncodedContent(form),
        };
        // Twilio: HTTP basic authentication, account SID and auth token, twilio.com/docs/usage/requests-to-twilio
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.AccountSid}:{settings.AuthToken}")));
        var answer = await PlatformCall.SendAsync(http, request, time, cancellationToken).ConfigureAwait(false);
        if (answer.Shared("Twilio") is { } shared)
        {
            LogNotSent(post.Id, number, shared.Reason);
            return shared;
        }

        var (sid, code, message) = Read(answer.Body);
        if (answer.IsSuccess && sid is not null)
        {
            return SurfaceDelivery.Accepted(sid);
        }

        LogRefused(post.Id, number, answer.Status, code);
        if (code == TwilioErrors.OptedOut)
        {
            return SurfaceDelivery.Refused(
                $"{post.Author.FirstName} has opted out of texts from this number (they replied STOP): Twilio refused the text (error 21610). Reply another way.",
                TwilioDeliveryStatus.OptOut(post.Author.Handle, null, time.GetUtcNow()));
        }

        var said = $"Twilio refused the text: {message ?? $"HTTP {answer.Status}"}{(code is null ? "" : $" (error {code})")}.";
        return TwilioErrors.Describe(code) is { MayRetry: false } ? SurfaceDelivery.Refused(said) : SurfaceDelivery.Failed(said);
    }

    // Twilio: errors are JSON {code, message, more_info, status}, twilio.com/docs/usage/twilios-response#response-formats-exceptions
    private static (string? Sid, string? Code, string? Message) Read(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null, null);
            }

            var sid = root.TryGetProperty("sid", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            var code = root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetRawText() : null;
            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            return (sid, code, message);
        }
        catch (JsonException)
        {
            return (null, null, null);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio did not take reply {Number} of post {PostId}: {Reason}")]
    private partial void LogNotSent(string postId, int number, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio refused reply {Number} of post {PostId}: HTTP {Status}, error {Code}")]
    private partial void LogRefused(string postId, int number, int? status, string? code);
}
