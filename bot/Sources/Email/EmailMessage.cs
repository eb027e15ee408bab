using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ChatOpsReply.Posts;
using MimeKit;

namespace ChatOpsReply.Sources.Email;

/// <summary>
/// A message from the mailbox as a customer post, or nothing for mail no person wrote
/// (auto-replies, bulk mail, bounces). The post's text begins with the subject line (the reply
/// takes it up as "Re: …"), then the customer's new words, with the quoted history trimmed,
/// and the attachments listed by name and size.
/// <para>
/// Ids written on posts: each message's external id is its Message-ID; the thread id is the
/// Message-ID of the conversation's first message (the first of References, else In-Reply-To,
/// else its own), so a customer's answer to our reply joins their open post.
/// </para>
/// </summary>
public static partial class EmailMessage
{
    public const string Source = "email";
    public const string SubjectPrefix = "Subject: ";

    /// <summary>The line that stands where quoted history was trimmed.</summary>
    public const string TrimmedNote = "[earlier messages quoted below this were trimmed]";

    public static IncomingPost? ToIncomingPost(MimeMessage message, string fallbackId, IEnumerable<string> ourAddresses)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (IsAutomatic(message) || message.From.Mailboxes.FirstOrDefault() is not { } from)
        {
            return null;
        }

        // Our own replies may land in the mailbox (a Bcc, a copy): they are no customer's.
        if (ourAddresses.Any(a => string.Equals(a, from.Address, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var messageId = message.MessageId is { Length: > 0 } id ? id : fallbackId;
        var root = message.References.FirstOrDefault() ?? message.InReplyTo ?? messageId;
        var subject = CustomerText.Clean(message.Subject ?? "");
        var whole = Body(message);
        var attachments = message.Attachments.OfType<MimePart>().Select(Describe).ToList();
        var text = Compose(subject, NewText(whole), attachments, IncomingPostParser.MaxTextLength);
        // The card gets the new words; the post's page keeps the whole message, quoted history and all.
        var full = Compose(subject, whole.Trim(), attachments, MaxFullTextLength);
        return new IncomingPost(Source, messageId, root, new PostAuthor(from.Address.ToLowerInvariant(), string.IsNullOrWhiteSpace(from.Name) ? null : CustomerText.Clean(from.Name)), text, null, message.Date == DateTimeOffset.MinValue ? null : message.Date)
        {
            FullText = full == text ? null : full,
        };
    }

    /// <summary>The most of a message kept whole on its post (quoted history included); a longer one is cut.</summary>
    public const int MaxFullTextLength = 200_000;

    /// <summary>The post's text: the subject line, the body, the attachments listed; cleaned and cut to <paramref name="max"/>.</summary>
    private static string Compose(string subject, string body, List<string> attachments, int max)
    {
        var text = new StringBuilder();
        text.Append(SubjectPrefix).Append(subject.Length > 0 ? subject : "(no subject)").Append("\n\n").Append(body);
        if (attachments.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n\n[{attachments.Count} attachment{(attachments.Count == 1 ? "" : "s")}: {string.Join(", ", attachments)}]");
        }

        var clean = CustomerText.Clean(text.ToString());
        return clean.Length > max ? clean[..max] : clean;
    }

    /// <summary>The subject a post of this source began with, for the reply's "Re:".</summary>
    public static string? SubjectOf(string postText)
    {
        ArgumentNullException.ThrowIfNull(postText);
        if (!postText.StartsWith(SubjectPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var end = postText.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? postText[SubjectPrefix.Length..] : postText[SubjectPrefix.Length..end]).Trim();
    }

    // RFC 3834: Auto-Submitted other than "no" marks mail a program sent, section 5
    // RFC 3464: a delivery status notification is multipart/report; report-type=delivery-status, section 2
    // RFC 2076 / common practice: Precedence bulk, junk or list is mass mail, and X-Autoreply / X-Autorespond mark vacation replies
    public static bool IsAutomatic(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var headers = message.Headers;
        if (headers["Auto-Submitted"] is { } auto && !auto.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (headers["Precedence"]?.Trim().ToLowerInvariant() is "bulk" or "junk" or "list")
        {
            return true;
        }

        if (headers.Contains("X-Autoreply") || headers.Contains("X-Autorespond") || headers.Contains("X-Auto-Response-Suppress") && headers["X-Auto-Response-Suppress"]!.Contains("All", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (message.Body is MultipartReport report && string.Equals(report.ReportType, "delivery-status", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // A bounce comes from the mail system itself, with an empty return path.
        var sender = message.From.Mailboxes.FirstOrDefault()?.LocalPart ?? "";
        return headers["Return-Path"]?.Trim() == "<>" || sender.Equals("mailer-daemon", StringComparison.OrdinalIgnoreCase) || sender.Equals("postmaster", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The plain-text part, or the HTML part turned into text when there is none.</summary>
    private static string Body(MimeMessage message)
    {
        if (message.TextBody is { } plain)
        {
            return plain;
        }

        if (message.HtmlBody is not { } html)
        {
            return "";
        }

        var text = Tags().Replace(BlockEnds().Replace(Invisible().Replace(html, ""), "\n"), "");
        return WebUtility.HtmlDecode(text);
    }

    /// <summary>The customer's new words: quoted history below them ("&gt;" lines, "On … wrote:") is trimmed.</summary>
    private static string NewText(string body)
    {
        var lines = body.ReplaceLineEndings("\n").Split('\n');
        var end = lines.Length;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var quoteStarts = line.StartsWith('>') && lines.Skip(i).Where(l => l.Trim().Length > 0).All(l => l.TrimStart().StartsWith('>'));
            if (quoteStarts || Attribution().IsMatch(line) || line is "-----Original Message-----" or "________________________________")
            {
                end = i;
                break;
            }
        }

        var kept = string.Join('\n', lines[..end]).Trim();
        return end < lines.Length && lines[end..].Any(l => l.Trim().Length > 0) ? $"{kept}\n\n{TrimmedNote}" : kept;
    }

    private static string Describe(MimePart part)
    {
        var name = part.FileName is { Length: > 0 } file ? CustomerText.Clean(file) : "unnamed";
        using var counter = new CountingStream();
        part.Content?.DecodeTo(counter);
        return $"{name} ({Size(counter.Length)})";
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{Math.Round(bytes / 1024.0).ToString(CultureInfo.InvariantCulture)} KB",
        _ => $"{Math.Round(bytes / (1024.0 * 1024), 1).ToString(CultureInfo.InvariantCulture)} MB",
    };

    [GeneratedRegex(@"^(On .{1,200} wrote:|Le .{1,200} a écrit :|Am .{1,200} schrieb .{1,200}:)$", RegexOptions.CultureInvariant)]
    private static partial Regex Attribution();

    [GeneratedRegex(@"<(script|style|head)[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Invisible();

    [GeneratedRegex(@"<\s*(br|/p|/div|/li|/tr|/h[1-6])\s*/?\s*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BlockEnds();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tags();

    /// <summary>Counts what is written to it, to size an attachment without keeping it.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    }
}
