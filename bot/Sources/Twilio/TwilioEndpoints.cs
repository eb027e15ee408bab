using System.Globalization;
using System.Text;
using ChatOpsReply.Guidelines;
using ChatOpsReply.Http;
using ChatOpsReply.Posts;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Sources.Twilio;

/// <summary>
/// Twilio's two webhooks: inbound texts and the delivery status of the texts we sent. Each is
/// verified on the parameters Twilio signed before any is read, and answered with an empty
/// TwiML response, so Twilio itself sends nothing back (its own STOP and HELP answers aside).
/// </summary>
public static partial class TwilioEndpoints
{
    /// <summary>Twilio's form posts are small; a bigger body is not from Twilio.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public const string MessagesPath = "/api/sources/twilio";
    public const string StatusPath = "/api/sources/twilio/status";

    // Twilio: an empty <Response/> tells Twilio to send no reply, twilio.com/docs/messaging/twiml
    private const string EmptyTwiml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    public static IEndpointRouteBuilder MapTwilio(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.ServiceProvider.GetRequiredService<IOptions<TwilioOptions>>().Value.IsEnabled)
        {
            return app;
        }

        app.MapPost(MessagesPath, ReceiveAsync).DisableAntiforgery();
        app.MapPost(StatusPath, StatusAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, IOptions<TwilioOptions> options, PostIntake intake, TimeProvider time, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var (form, refusal) = await VerifiedFormAsync(http, options.Value, cancellationToken).ConfigureAwait(false);
        if (form is null)
        {
            return refusal!;
        }

        var (message, field) = TwilioMessage.Parse(form);
        if (message is null)
        {
            LogMalformed(logs.CreateLogger(typeof(TwilioEndpoints)), field!);
            return SourceProblems.Malformed(field!, "Required, as Twilio's Messaging webhook sends it.");
        }

        try
        {
            var now = time.GetUtcNow();
            // Twilio: with Advanced Opt-Out the webhook says which keyword list matched, twilio.com/docs/messaging/tutorials/advanced-opt-out
            if (message.OptOutType is "STOP" or "START")
            {
                var evidence = $"Twilio reported OptOutType {message.OptOutType} for message {message.MessageSid} (texted \"{message.Body}\"); Twilio confirmed it to the customer itself";
                // Once per message, like any keyword: a redelivered or replayed START never undoes a later STOP.
                await intake.RecordConsentAsync(new ConsentRecord(SmsRules.Source, message.From, message.OptOutType == "START", now, evidence), new IngestKey(SmsRules.Source, message.MessageSid), message.ToIncomingPost(now).ThreadId, cancellationToken).ConfigureAwait(false);
            }
            else if (message.OptOutType is null && !IsHelpKeyword(message.Body))
            {
                // Without Advanced Opt-Out, the intake records the standard keywords (STOP, START…) itself.
                await intake.ReceiveAsync(message.ToIncomingPost(now), cancellationToken).ConfigureAwait(false);
            }

            // HELP and other keyword types were answered by Twilio and are no post.
            return Results.Content(EmptyTwiml, "text/xml", Encoding.UTF8);
        }
        catch (StoreUnavailableException)
        {
            return SourceProblems.StoreUnavailable(http);
        }
    }

    // Twilio: HELP and INFO are answered by Twilio with the number's help text, support.twilio.com "Twilio support for opt-out keywords (SMS STOP filtering)"
    private static bool IsHelpKeyword(string body) => body.Trim().ToUpperInvariant() is "HELP" or "INFO";

    private static async Task<IResult> StatusAsync(HttpContext http, IOptions<TwilioOptions> options, TwilioDeliveryStatus status, CancellationToken cancellationToken)
    {
        var (form, refusal) = await VerifiedFormAsync(http, options.Value, cancellationToken).ConfigureAwait(false);
        if (form is null)
        {
            return refusal!;
        }

        // Our own StatusCallback URL names the reply and its sending: ?post=…&reply=N&attempt=K (signed with the rest).
        var query = http.Request.Query;
        if (query["post"].ToString() is not { Length: > 0 } postId || !int.TryParse(query["reply"], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return SourceProblems.Malformed("post", "The status callback URL must carry post and reply, as ChatOpsReply set it.");
        }

        // A text sent before attempts were counted was the first.
        var attempt = 1;
        if (query.ContainsKey("attempt") && !int.TryParse(query["attempt"], NumberStyles.None, CultureInfo.InvariantCulture, out attempt))
        {
            return SourceProblems.Malformed("attempt", "The status callback URL's attempt must be a number, as ChatOpsReply set it.");
        }

        if (form.GetValueOrDefault("MessageSid") is not { Length: > 0 } sid)
        {
            return SourceProblems.Malformed("MessageSid", "Required, as Twilio's status callback sends it.");
        }

        if (form.GetValueOrDefault("MessageStatus") is not { Length: > 0 } state)
        {
            return SourceProblems.Malformed("MessageStatus", "Required, as Twilio's status callback sends it.");
        }

        try
        {
            return await status.RecordAsync(postId, number, attempt, sid, state, form.GetValueOrDefault("ErrorCode"), form.GetValueOrDefault("To"), cancellationToken).ConfigureAwait(false)
                ? Results.NoContent()
                : SourceProblems.StoreUnavailable(http);
        }
        catch (StoreUnavailableException)
        {
            return SourceProblems.StoreUnavailable(http);
        }
    }

    private static async Task<(IReadOnlyDictionary<string, string>? Form, IResult? Refusal)> VerifiedFormAsync(HttpContext http, TwilioOptions options, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(http.Request, MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return (null, SourceProblems.TooLarge(MaxBodyBytes));
        }

        // Invalid UTF-8 decodes to U+FFFD, and the signature then simply does not match.
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        var url = options.PublicUrl!.AbsoluteUri.TrimEnd('/') + http.Request.Path + http.Request.QueryString;
        var check = TwilioSignature.Verify(options.AuthToken!, url, form, http.Request.Headers[TwilioSignature.Header]);
        return check == SignatureCheck.Valid
            ? (form, null)
            : (null, SourceProblems.BadSignature(check == SignatureCheck.Missing
                ? $"Send {TwilioSignature.Header}."
                : $"{TwilioSignature.Header} does not match: Twilio signs {options.PublicUrl} plus the path, and every parameter, with the auth token."));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio webhook without {Field}: refused")]
    private static partial void LogMalformed(ILogger logger, string field);
}
