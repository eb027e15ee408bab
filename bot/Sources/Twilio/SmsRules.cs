using ChatOpsReply.Guidelines;
using ChatOpsReply.Posts;
using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace ChatOpsReply.Sources.Twilio;

/// <summary>
/// Twilio's rules for a text, as values: its length in carrier segments, and the customer's
/// quiet hours in the time zone of their number (from its country and area, with libphonenumber),
/// or the configured zone when the number does not settle on one.
/// </summary>
public sealed class SmsRules(IOptions<TwilioOptions> options) : IChannelRules
{
    public const string Source = "sms";

    public bool AppliesTo(string source) => string.Equals(source, Source, StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<GuidelineFinding> CheckText(CustomerPost post, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = SmsSegments.Count(text);
        var max = options.Value.MaxSegments;
        var encoding = count.Encoding == SmsEncoding.Gsm7 ? "GSM-7" : "UCS-2 (a character outside the GSM alphabet, such as an emoji)";
        if (count.Segments > max)
        {
            var overflow = SmsSegments.Overflow(text, max) is { } at ? new ReplySpan(at, text.Length - at) : (ReplySpan?)null;
            return [GuidelineFinding.Error(FindingCodes.SmsSegments, $"Keep texts short: this one is {count.Segments} SMS segments ({count.Characters} characters in {encoding}); the limit is {max}.", overflow)];
        }

        return count.Segments > 1
            ? [GuidelineFinding.Warning(FindingCodes.SeveralTexts, $"This text will arrive as {count.Segments} messages ({count.Characters} characters in {encoding}); shorter is better.")]
            : [];
    }

    public string Measure(CustomerPost post, string text)
    {
        var count = SmsSegments.Count(text);
        return $"{count.Segments} of {options.Value.MaxSegments} SMS segments ({count.Characters} characters, {(count.Encoding == SmsEncoding.Gsm7 ? "GSM-7" : "UCS-2")})";
    }

    public GuidelineFinding? WhyNotNow(CustomerPost post, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(post);
        var settings = options.Value;
        var zone = TimeZoneOf(post.Author.Handle);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        if (!IsQuiet(time, settings.QuietHoursStart, settings.QuietHoursEnd))
        {
            return null;
        }

        // Whole minutes, rounded up: "in 7 h" rather than "in 6 h 59 min" a tick before.
        var wait = TimeSpan.FromMinutes(Math.Ceiling((settings.QuietHoursEnd - time).TotalMinutes));
        return GuidelineFinding.NotNow(FindingCodes.QuietHours, $"It is {time:HH\\:mm} for {post.Author.FirstName} ({zone.Id}), inside their quiet hours: the text may go from {settings.QuietHoursEnd:HH\\:mm} their time, in {PostLabels.Duration(wait)}.");
    }

    /// <summary>The zone of a phone number: the one its country and area code lie in, else the configured default.</summary>
    public TimeZoneInfo TimeZoneOf(string number)
    {
        var fallback = options.Value.DefaultTimeZone is { Length: > 0 } id ? TimeZoneInfo.FindSystemTimeZoneById(id) : TimeZoneInfo.Utc;
        try
        {
            var parsed = PhoneNumberUtil.GetInstance().Parse(number, null);
            var zones = PhoneNumberToTimeZonesMapper.GetInstance().GetTimeZonesForNumber(parsed);
            return zones.Count == 1 && TimeZoneInfo.TryFindSystemTimeZoneById(zones[0], out var zone) ? zone : fallback;
        }
        catch (NumberParseException)
        {
            return fallback;
        }
    }

    private static bool IsQuiet(TimeOnly time, TimeOnly start, TimeOnly end) =>
        start <= end ? time >= start && time < end : time >= start || time < end;
}
