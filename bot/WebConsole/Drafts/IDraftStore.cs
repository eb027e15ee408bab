namespace ChatOpsReply.WebConsole.Drafts;

/// <summary>
/// What people were typing as a post's reply, saved as they type (one draft per post and
/// person), so a reload, a crashed browser, a refused submit or a hand-over loses nothing: the
/// next owner starts from the previous owner's words. Implementations throw
/// <see cref="Posts.StoreUnavailableException"/> when the store cannot answer.
/// </summary>
public interface IDraftStore
{
    /// <summary>Saves the person's draft of the post's reply, replacing their last one.</summary>
    Task SaveAsync(WorkingDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Everyone's drafts of the post's reply, the most recently saved first.</summary>
    Task<IReadOnlyList<WorkingDraft>> ForPostAsync(string postId, CancellationToken cancellationToken = default);

    /// <summary>Forgets the person's draft (their reply was accepted); nothing happens when there is none.</summary>
    Task DeleteAsync(string postId, string personId, CancellationToken cancellationToken = default);
}

/// <summary>A reply as someone was typing it, with the library answer it started from, if any.</summary>
public sealed record WorkingDraft(string PostId, string PersonId, string Text, DateTimeOffset SavedAt)
{
    public string? AnswerId { get; init; }

    public int? AnswerVersion { get; init; }
}
