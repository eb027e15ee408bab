using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChatOpsReply.Posts;

/// <summary>
/// How the audit trail is made tamper-evident. Each event's content hash (SHA-256) is taken over
/// the digests of its fields, not their clear text, so erasing a field keeps the hash provable:
/// the erased field keeps its digest (<see cref="AuditEvent.Redacted"/>). Each event's link joins
/// its content hash to the link before it in the post's trail, and the store-wide chain joins
/// every link, in the order stored, to the chain before it, so an edited, removed or reordered
/// event breaks its link or the chain from there on.
/// </summary>
/// <remarks>
/// Links and the chain are SHA-1 because they are computed inside the store's atomic write, and
/// a Redis script can compute only SHA-1 (redis.io/docs/latest/develop/programmability/lua-api/#redis.sha1hex);
/// what a forger would change, the content, is bound by SHA-256. An unkeyed chain proves that
/// nobody edited a row by hand; it cannot stop someone who rewrites every later row too.
/// </remarks>
public static class AuditChain
{
    /// <summary>What an erased field shows in place of its text.</summary>
    public const string RedactedText = "[erased]";

    /// <summary>
    /// The event with its erasable fields that hold text replaced, each keeping its digest so the
    /// content hash is unchanged; null when there is nothing to erase.
    /// </summary>
    public static AuditEvent? Erase(AuditEvent audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var redacted = new Dictionary<string, string>(audit.Redacted ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (audit.Comment is not null && !redacted.ContainsKey(nameof(audit.Comment)))
        {
            redacted[nameof(audit.Comment)] = Digest(audit.Comment);
        }

        if (audit.Detail is not null && !redacted.ContainsKey(nameof(audit.Detail)))
        {
            redacted[nameof(audit.Detail)] = Digest(audit.Detail);
        }

        return redacted.Count == (audit.Redacted?.Count ?? 0)
            ? null
            : audit with
            {
                Comment = audit.Comment is null ? null : RedactedText,
                Detail = audit.Detail is null ? null : RedactedText,
                Redacted = redacted,
            };
    }

    /// <summary>The content hash of an event, as stored beside it and checked by <see cref="VerifyAsync"/>.</summary>
    public static string ContentHash(AuditEvent audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var fields = new StringBuilder();
        foreach (var (name, value) in Fields(audit))
        {
            fields.Append(audit.Redacted is { } redacted && redacted.TryGetValue(name, out var digest) ? digest : Digest(value)).Append('\n');
        }

        return Sha256(fields.ToString());
    }

    /// <summary>The digest a field's value is hashed as; an erased field keeps this.</summary>
    public static string Digest(string? value) => Sha256(value is null ? "\u0000" : "s" + value);

    /// <summary>The event's link, after the previous link of its post ("" for the post's first event).</summary>
    public static string Link(string previousLink, string contentHash) => Sha1($"{previousLink}|{contentHash}");

    /// <summary>The store-wide chain after the event with sequence <paramref name="sequence"/> and link <paramref name="link"/>.</summary>
    public static string Chain(string previousChain, long sequence, string link) =>
        Sha1($"{previousChain}|{sequence.ToString(CultureInfo.InvariantCulture)}|{link}");

    /// <summary>
    /// Checks events in the order they were stored (one post's, or every post's when
    /// <paramref name="storeWide"/>, then the chain too): the first broken link, or intact with the count.
    /// Events from before the chain began (a store written by an earlier version) carry no hash: they
    /// are counted apart, not checked, and may only come before the first chained event.
    /// </summary>
    public static async Task<AuditVerdict> VerifyAsync(IAsyncEnumerable<ChainedAuditEvent> events, bool storeWide)
    {
        ArgumentNullException.ThrowIfNull(events);
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        var postsWithOlderEvents = new HashSet<string>(StringComparer.Ordinal);
        var chain = "";
        long count = 0;
        long beforeChain = 0;
        await foreach (var chained in events.ConfigureAwait(false))
        {
            var audit = chained.Event;
            var where = $"event {audit.Sequence} (post {audit.PostId}, {audit.Action} at {audit.At:u})";
            if (chained.Hash is null || chained.Link is null)
            {
                if (storeWide ? links.Count == 0 : !links.ContainsKey(audit.PostId))
                {
                    beforeChain++;
                    postsWithOlderEvents.Add(audit.PostId);
                    continue;
                }

                return AuditVerdict.Broken(count + 1, $"{where} carries no hash though events before it do: it was written by hand, its hash was removed, or its entry was removed.") with { BeforeChain = beforeChain };
            }

            count++;
            if (ContentHash(audit) != chained.Hash)
            {
                return AuditVerdict.Broken(count, $"{where} was changed after it was written: its content does not match its hash.") with { BeforeChain = beforeChain };
            }

            // A post's first chained event after older ones starts its links: what came before carries none.
            var starts = !links.ContainsKey(audit.PostId) && postsWithOlderEvents.Contains(audit.PostId);
            if (!starts && Link(links.GetValueOrDefault(audit.PostId, ""), chained.Hash) != chained.Link)
            {
                return AuditVerdict.Broken(count, $"{where} does not follow the event before it in the post's trail: one was removed, added or rewritten.") with { BeforeChain = beforeChain };
            }

            links[audit.PostId] = chained.Link;
            if (storeWide)
            {
                if (chained.Chain is null || Chain(chain, audit.Sequence, chained.Link) != chained.Chain)
                {
                    return AuditVerdict.Broken(count, $"{where} breaks the store-wide chain: an event before it was removed, added or rewritten.") with { BeforeChain = beforeChain };
                }

                chain = chained.Chain;
            }
        }

        return new AuditVerdict(true, count, null) { BeforeChain = beforeChain };
    }

    private static IEnumerable<(string Name, string? Value)> Fields(AuditEvent e) =>
    [
        (nameof(e.PostId), e.PostId),
        (nameof(e.At), e.At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
        (nameof(e.ActorId), e.ActorId),
        (nameof(e.ActorName), e.ActorName),
        (nameof(e.Action), e.Action.ToString()),
        (nameof(e.From), e.From?.ToString()),
        (nameof(e.To), e.To.ToString()),
        (nameof(e.Surface), e.Surface),
        (nameof(e.Comment), e.Comment),
        (nameof(e.Detail), e.Detail),
    ];

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

#pragma warning disable CA5350 // SHA-1 only where Redis can compute nothing else; see the remarks.
    private static string Sha1(string text) => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5350
}

/// <summary>An audit event as stored, with its content hash, its link in the post's trail and the store-wide chain after it (null where the store wrote none).</summary>
public sealed record ChainedAuditEvent(AuditEvent Event, string? Hash, string? Link, string? Chain);

/// <summary>What <c>audit verify</c> found: intact with the number of events checked, or the first broken link.</summary>
public sealed record AuditVerdict(bool Intact, long Checked, string? FirstBroken)
{
    /// <summary>Events written before the chain began (by an earlier version): counted, not covered.</summary>
    public long BeforeChain { get; init; }

    public static AuditVerdict Broken(long @checked, string firstBroken) => new(false, @checked, firstBroken);
}
