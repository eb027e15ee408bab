
namespace ChatOpsReply.Sources.Twilio;

/// <summary>
/// An inbound text as Twilio's Messaging webhook posts it (form fields, already verified).
/// <see cref="OptOutType"/> is set with Advanced Opt-Out: STOP, START or HELP.
/// </summary>
public sealed record TwilioMessage(string MessageSid, string From, string To, string Body, string? OptOutType, IReadOnlyList<string> MediaUrls)
{
    // Twilio: MessageSid, From, To, Body, NumMedia and MediaUrl0…, twilio.com/docs/messaging/guides/webhook-request
    public static (TwilioMessage? Message, string? Field) Parse(IReadOnlyDictionary<string, string> form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var sid = form.GetValueOrDefault("MessageSid") ?? form.GetValueOrDefault("SmsSid");
        if (string.IsNullOrWhiteSpace(sid) || sid.Length > 64)
        {
            return (null, "MessageSid");
        }

        if (form.GetValueOrDefault("From") is not { Length: > 0 and <= 64 } from)
        {
            return (null, "From");
        }

        if (form.GetValueOrDefault("To") is not { Length: > 0 and <= 64 } to)
        {
            return (null, "To");
        }

        var count = int.TryParse(form.GetValueOrDefault("NumMedia"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? Math.Min(n, 10) : 0;
        var media = Enumerable.Range(0, count).Select(i => form.GetValueOrDefault($"MediaUrl{i}")).OfType<string>().ToList();
        var optOut = form.GetValueOrDefault("OptOutType") is { Length: > 0 } type ? type.ToUpperInvariant() : null;
        return (new TwilioMessage(sid, from, to, CustomerText.Clean(form.GetValueOrDefault("Body") ?? ""), optOut, media), null);
    }

    /// <summary>
    /// One conversation per customer number and our number, so a later text from them attaches
    /// to their open post and the reply goes from the number they wrote to.
    /// </summary>
    public string ThreadId => $"{From}>{To}";

    public IncomingPost ToIncomingPost(DateTimeOffset receivedAt)
    {
        var text = Body.Length > 0 ? Body : "(no text)";
        if (MediaUrls.Count > 0)
        {
            text += $"\n\n[{MediaUrls.Count} attachment{(MediaUrls.Count == 1 ? "" : "s")}: {string.Join(", ", MediaUrls)}]";
        }

        return new IncomingPost(SmsRules.Source, MessageSid, ThreadId, new Posts.PostAuthor(From, null), text, null, receivedAt);
    }

    /// <summary>Our number in a thread id made by <see cref="ThreadId"/>, if it is one.</summary>
    public static string? OurNumber(string? threadId) =>
        threadId?.IndexOf('>', StringComparison.Ordinal) is { } at and >= 0 ? threadId[(at + 1)..] : null;
}
