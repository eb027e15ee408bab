using ChatOpsReply.Accountability;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Privacy;

/// <summary>
/// Erases a customer at their request: every post from their handle on a source, through the
/// post store's save (compare-and-set, audited as who erased it, cards shown again without the
/// text), and the traces around them (<see cref="ICustomerErasureStore"/>). The audit trail still
/// verifies: an erased field keeps its digest. Safe to repeat; a repeat finds what a failed run left.
/// </summary>
public sealed class CustomerErasure(IPostStore posts, ICustomerErasureStore traces, PostTransitions transitions, TimeProvider time)
{
    // Posts erased per round; erased posts leave the customer's index, so the next round finds the rest.
    private const int Batch = 500;
    private const int Attempts = 5;

    public async Task<ErasureReport> EraseAsync(string source, string handle, Person actor, string surface, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(handle);
        ArgumentNullException.ThrowIfNull(actor);
        var report = new ErasureReport(source, handle, 0, 0, 0, 0, false);
        while (true)
        {
            var found = await posts.ListAsync(new PostQuery { Source = source, Handle = handle, Limit = Batch }, cancellationToken).ConfigureAwait(false);
            var ids = found.Select(p => p.Id).ToList();
            var erased = await traces.EraseTracesAsync(source, handle, ids, wholeCustomer: true, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            report = report with
            {
                AuditEvents = report.AuditEvents + erased.AuditEvents,
                Replies = report.Replies + erased.Replies,
                Drafts = report.Drafts + erased.Drafts,
                Consent = report.Consent || erased.Consent,
            };
            if (ids.Count == 0)
            {
                return report;
            }

            foreach (var id in ids)
            {
                await ErasePostAsync(id, actor, surface, cancellationToken).ConfigureAwait(false);
            }

            await traces.ForgetHandleAsync(source, handle, ids, cancellationToken).ConfigureAwait(false);
            report = report with { Posts = report.Posts + ids.Count };
        }
    }

    /// <summary>
    /// Erases one post at the end of its retention: its own traces, not the customer's consent,
    /// which their other posts may still need. False when it was gone or erased already (another
    /// instance got there first).
    /// </summary>
    public async Task<bool> EraseExpiredAsync(string postId, Person actor, CancellationToken cancellationToken = default)
    {
        if (await posts.GetAsync(postId, cancellationToken).ConfigureAwait(false) is not { } post)
        {
            return false;
        }

        var handle = post.Author.Handle;
        await traces.EraseTracesAsync(post.Source, handle, [postId], wholeCustomer: false, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var erased = handle != AuditChain.RedactedText && await ErasePostAsync(postId, actor, "retention", cancellationToken).ConfigureAwait(false);
        await traces.ForgetHandleAsync(post.Source, handle, [postId], cancellationToken).ConfigureAwait(false);
        return erased;
    }

    /// <summary>Saves the post erased, deciding again on the fresh post when someone changed it meanwhile; false when it already was.</summary>
    private async Task<bool> ErasePostAsync(string postId, Person actor, string surface, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await posts.GetAsync(postId, cancellationToken).ConfigureAwait(false) is not { } post || post.Author.Handle == AuditChain.RedactedText)
            {
                return false;
            }

            var outcome = await posts.SaveAsync(transitions.Erased(post, actor, surface, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            if (outcome == SaveOutcome.Saved)
            {
                return true;
            }

            if (attempt == Attempts)
            {
                throw new InvalidOperationException($"Post {postId} changed {Attempts} times while it was being erased; run the erasure again.");
            }
        }
    }
}

/// <summary>What an erasure changed, as the command line and the admin API report it.</summary>
public sealed record ErasureReport(string Source, string Handle, int Posts, int AuditEvents, int Replies, int Drafts, bool Consent)
{
    public string Sentence =>
        Posts == 0 && AuditEvents == 0 && !Consent
            ? $"Nothing to erase: no post from {Handle} on {Source}."
            : $"Erased {Handle} on {Source}: {Posts} post(s) with their follow-ups, {AuditEvents} audit event(s), {Replies} reply(ies) sent, {Drafts} unsent draft(s){(Consent ? ", and their consent record" : "")}. Each post's trail records the erasure.";
}
