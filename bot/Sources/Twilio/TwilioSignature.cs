using ChatOpsReply.Http;
using Twilio.Security;

namespace ChatOpsReply.Sources.Twilio;

/// <summary>
/// Twilio's <c>X-Twilio-Signature</c>, checked with the official package's validator: base64
/// HMAC-SHA1 with the auth token over the URL Twilio called (as configured, query included)
/// followed by every POST parameter's name and value, sorted by name; with and without the
/// default port; compared in constant time.
/// </summary>
public static class TwilioSignature
{
    public const string Header = "X-Twilio-Signature";

    // Twilio: sign every parameter received, Twilio adds new ones without notice, twilio.com/docs/usage/webhooks/webhooks-security
    public static SignatureCheck Verify(string authToken, string url, IReadOnlyDictionary<string, string> parameters, string? signature)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (string.IsNullOrEmpty(signature))
        {
            return SignatureCheck.Missing;
        }

        // A validator holds one HMAC instance, which is not safe to share between requests.
        var validator = new RequestValidator(authToken);
        return validator.Validate(url, parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), signature) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }
}
