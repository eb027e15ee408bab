using ChatOpsReply.Accountability;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Library.Replies;

/// <summary>
/// Checks a draft against the answer it names, in the store (not the index, which may lag):
/// unmodified when only placeholders were filled in for this post and its owner, approved by
/// legal when the current version is approved and carries legal's approval. A draft matching
/// an older version is reported as that version, never as approved.
/// </summary>
public sealed class LibraryAnswerVerifier(ICannedAnswerStore store, AccountabilityPolicy policy) : ICannedAnswerVerifier
{
    public async Task<CannedAnswerUse?> VerifyAsync(CustomerPost post, CannedAnswerUse claimed, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(claimed);
        var answer = await store.GetAsync(claimed.AnswerId, cancellationToken).ConfigureAwait(false);
        if (answer is null)
        {
            return null;
        }

        // Only the owner may submit a draft (a workflow guard), so the owner is the agent.
        var agent = policy.People.Find(post.Owner);
        if (agent is null)
        {
            return new CannedAnswerUse(answer.Id, answer.Version, Unmodified: false, LegalApproved: false);
        }

        if (AnswerPersonalisation.IsUnmodified(answer, post, agent, text))
        {
            return new CannedAnswerUse(answer.Id, answer.Version, Unmodified: true, answer.IsLegalApproved);
        }

        if (claimed.Version > 0 && claimed.Version != answer.Version
            && await store.GetVersionAsync(answer.Id, claimed.Version, cancellationToken).ConfigureAwait(false) is { } older
            && AnswerPersonalisation.IsUnmodified(older, post, agent, text))
        {
            // Words that have since been replaced: recorded as used, approved by nobody now.
            return new CannedAnswerUse(older.Id, older.Version, Unmodified: true, LegalApproved: false);
        }

        return new CannedAnswerUse(answer.Id, answer.Version, Unmodified: false, answer.IsLegalApproved);
    }

    public async Task<string?> FillAsync(CustomerPost post, string answerId, Person agent, CancellationToken cancellationToken) =>
        await store.GetAsync(answerId, cancellationToken).ConfigureAwait(false) is { Status: AnswerStatus.Approved } answer
            ? AnswerPersonalisation.RenderFor(answer, post, agent).Draft
            : null;
}
