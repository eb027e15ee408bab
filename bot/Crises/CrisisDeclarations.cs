using ChatOpsReply.Accountability;
using ChatOpsReply.Cards;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Crises;

/// <summary>
/// "Declare crisis" and "Resolve crisis": a declared crisis is a stored record, and every open post
/// it covers moves into Crisis, owned by the crisis tier, each by its own audited command through the
/// workflow (so a post that changed meanwhile is reported, never half-moved); resolving moves them
/// back to their queues, each with its SLA restarted. Recording and moving are apart, so a surface
/// that must answer at once (Slack's 3 seconds) records first and moves after.
/// </summary>
public sealed partial class CrisisDeclarations(
    ICrisisStore store,
    ISpikeStore spikes,
    IPostStore posts,
    PostCommandHandler handler,
    SpikeWatch watch,
    SpikeAlerts alerts,
    DeclaredCrises declared,
    AccountabilityPolicy policy,
    OutboxSignal outboxSignal,
    TimeProvider time,
    ILogger<CrisisDeclarations> logger)
{
    /// <summary>The most posts one crisis moves in one go.</summary>
    public const int MaxPosts = 10_000;

    /// <summary>The states a declared crisis takes posts from: still waiting for a reply (not sent, closed or dismissed).</summary>
    public static readonly IReadOnlyCollection<PostState> Movable =
        [PostState.Open, PostState.Escalated, PostState.Claimed, PostState.AwaitingApproval, PostState.Approved];

    public const string UnknownCrisisText = "ChatOpsReply no longer knows this crisis.";

    public const string NoTermsText = "Name at least one word the crisis is about (three letters or more, not a word like 'the').";

    /// <summary>The crisis a spike would be: its queue and terms, from the start of its window.</summary>
    public Crisis Candidate(Spike spike, Person person)
    {
        ArgumentNullException.ThrowIfNull(spike);
        ArgumentNullException.ThrowIfNull(person);
        var now = time.GetUtcNow();
        return new Crisis(NewId(now), spike.Queue, spike.Terms, spike.FoundAt - TimeSpan.FromMinutes(Math.Max(spike.Minutes.Count, 1)), spike.Id, person.Id, now);
    }

    /// <summary>A crisis declared by terms for a queue, from <paramref name="since"/>; null when the terms hold no word a post is matched on.</summary>
    public Crisis? Candidate(string queue, string terms, DateTimeOffset since, Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var words = TopicTerms.WordsOf(terms ?? "");
        var now = time.GetUtcNow();
        return words.Count == 0 ? null : new Crisis(NewId(now), queue, words, since, SpikeId: null, person.Id, now);
    }

    /// <summary>The posts it would move now.</summary>
    public async Task<IReadOnlyList<CustomerPost>> CoveredAsync(Crisis crisis, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(crisis);
        var open = await posts.ListAsync(new PostQuery { Queue = crisis.Queue, States = Movable, ReceivedFrom = crisis.WindowStart, Limit = MaxPosts }, cancellationToken).ConfigureAwait(false);
        return [.. open.Where(crisis.Covers)];
    }

    /// <summary>"Declare a crisis for 'outage' in Support: 143 open posts will move to the crisis team."</summary>
    public string Preview(Crisis crisis, int count)
    {
        ArgumentNullException.ThrowIfNull(crisis);
        var team = policy.People.WithRole(policy.CrisisRole).Select(p => p.Name).ToList();
        return $"Declare a crisis for {Topic(crisis)} in {policy.Queue(crisis.Queue).DisplayName}: {Posts(count, "open post")} will move to the crisis team{(team.Count == 0 ? "" : $" ({string.Join(", ", team)})")}.";
    }

    /// <summary>
    /// Records the crisis (with its spike's alert shown again saying who declared it). Answers the crisis to move
    /// posts into, or the sentence that says why there is none: not this person's to declare, or declared already.
    /// </summary>
    public async Task<(Crisis? Crisis, string? Refused)> DeclareAsync(Crisis candidate, Person person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(person);
        if (!alerts.MayAnswer(person))
        {
            return (null, SpikeAlerts.NotYoursText);
        }

        var now = time.GetUtcNow();
        Spike? spike = null;
        if (candidate.SpikeId is { } spikeId && (spike = await spikes.GetAsync(spikeId, cancellationToken).ConfigureAwait(false)) is null)
        {
            return (null, SpikeAlerts.UnknownSpikeText);
        }

        var declaring = await store.DeclareAsync(candidate, spike is null ? [] : watch.AlertMessages(spike, now), cancellationToken).ConfigureAwait(false);
        if (!declaring.Declared)
        {
            var first = declaring.Crisis;
            return (null, $"A crisis for {Topic(first)} in {policy.Queue(first.Queue).DisplayName} was declared already by {policy.People.NameOf(first.DeclaredBy)} at {first.DeclaredAt:HH:mm} UTC.");
        }

        declared.Changed(declaring.Crisis);
        outboxSignal.Notify();
        LogDeclared(declaring.Crisis.Id, declaring.Crisis.Queue, person.Id);
        return (declaring.Crisis, null);
    }

    /// <summary>Moves every open post the crisis covers into it, each by its own command, and says what came of it.</summary>
    public async Task<CrisisMoves> MoveInAsync(Crisis crisis, Person actor, string surface, CancellationToken cancellationToken) =>
        await EachAsync(await CoveredAsync(crisis, cancellationToken).ConfigureAwait(false), post => MoveInAsync(crisis, post.Id, actor, surface, cancellationToken)).ConfigureAwait(false);

    /// <summary>One post into the crisis. The key makes a second try (another instance, a sweep after a restart) "done already".</summary>
    public Task<CommandResult> MoveInAsync(Crisis crisis, string postId, Person actor, string surface, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(crisis);
        return handler.HandleAsync(new PostCommand(postId, PostTrigger.DeclareCrisis, actor, surface, $"crisis:{crisis.Id}:{postId}") { Input = new CrisisInput(crisis.Id) }, cancellationToken);
    }

    /// <summary>A sentence for the person who declared it: how many moved, and which did not and why.</summary>
    public string Declared(Crisis crisis, CrisisMoves moves)
    {
        ArgumentNullException.ThrowIfNull(crisis);
        ArgumentNullException.ThrowIfNull(moves);
        return $"Crisis declared for {Topic(crisis)} in {policy.Queue(crisis.Queue).DisplayName}: {Posts(moves.Moved, "post")} moved to the crisis team; new posts about it join as they arrive.{Missed(moves)}";
    }

    /// <summary>A sentence for the person who declared it while its posts are still moving (a surface that could not wait for them).</summary>
    public string Moving(Crisis crisis)
    {
        ArgumentNullException.ThrowIfNull(crisis);
        return $"Crisis declared for {Topic(crisis)} in {policy.Queue(crisis.Queue).DisplayName}: its open posts are moving to the crisis team now; new posts about it join as they arrive. The console's Crises page lists it.";
    }

    /// <summary>Marks the crisis resolved (its alert shown again saying who resolved it), then moves its posts back.</summary>
    public async Task<string> ResolveAsync(string crisisId, Person person, string surface, CancellationToken cancellationToken)
    {
        var (resolved, refused) = await MarkResolvedAsync(crisisId, person, cancellationToken).ConfigureAwait(false);
        return resolved is null ? refused! : await ReturnPostsAsync(resolved, person, surface, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records the crisis resolved, with its spike's alert shown again saying who resolved it: no new post joins it from
    /// now on. Answers the crisis whose posts go back, or the sentence that says why none do. Apart from the moves, so a
    /// surface that must answer at once (Slack's 3 seconds) records first and moves after.
    /// </summary>
    public async Task<(Crisis? Resolved, string? Refused)> MarkResolvedAsync(string crisisId, Person person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (!alerts.MayAnswer(person))
        {
            return (null, SpikeAlerts.NotYoursText);
        }

        if (await store.GetAsync(crisisId, cancellationToken).ConfigureAwait(false) is not { } crisis)
        {
            return (null, UnknownCrisisText);
        }

        var now = time.GetUtcNow();
        var alert = crisis.SpikeId is { } spikeId && await spikes.GetAsync(spikeId, cancellationToken).ConfigureAwait(false) is { } spike ? watch.AlertMessages(spike, now) : [];
        if (await store.ResolveAsync(crisisId, person.Id, now, alert, cancellationToken).ConfigureAwait(false) is not { } resolved)
        {
            return (null, UnknownCrisisText);
        }

        declared.Changed(resolved);
        outboxSignal.Notify();
        return (resolved, null);
    }

    /// <summary>Every post still in the resolved crisis back to its queue, each by its own command; the sentence says how it went.</summary>
    public async Task<string> ReturnPostsAsync(Crisis resolved, Person person, string surface, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        ArgumentNullException.ThrowIfNull(person);
        var moves = await MoveBackAsync(resolved, person, surface, cancellationToken).ConfigureAwait(false);
        if (resolved.ResolvedBy != person.Id && moves.Moved == 0 && moves.Missed.Count == 0)
        {
            return $"{policy.People.NameOf(resolved.ResolvedBy)} resolved this crisis already at {resolved.ResolvedAt:HH:mm} UTC.";
        }

        LogResolved(resolved.Id, person.Id, moves.Moved);
        return $"Crisis resolved for {Topic(resolved)}: {Posts(moves.Moved, "post")} back in {policy.Queue(resolved.Queue).DisplayName} with their SLA restarted.{Missed(moves)}";
    }

    /// <summary>Every post still in the crisis back to its queue, each by its own command (a second resolve finds only what is left).</summary>
    private async Task<CrisisMoves> MoveBackAsync(Crisis crisis, Person actor, string surface, CancellationToken cancellationToken)
    {
        var inCrisis = await posts.ListAsync(new PostQuery { Queue = crisis.Queue, States = [PostState.Crisis], Limit = MaxPosts }, cancellationToken).ConfigureAwait(false);
        return await EachAsync(
            inCrisis.Where(p => p.CrisisId == crisis.Id),
            post => handler.HandleAsync(new PostCommand(post.Id, PostTrigger.ResolveCrisis, actor, surface, $"crisis:{crisis.Id}:{post.Id}:resolved") { Input = new CrisisInput(crisis.Id) }, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>One command a post, one after the other: a refusal or a lost race is that post's, the rest go on.</summary>
    private static async Task<CrisisMoves> EachAsync(IEnumerable<CustomerPost> posts, Func<CustomerPost, Task<CommandResult>> command)
    {
        var moved = 0;
        var missed = new List<CrisisMiss>();
        foreach (var post in posts)
        {
            var result = await command(post).ConfigureAwait(false);
            if (result.Succeeded)
            {
                moved++;
            }
            else
            {
                missed.Add(new CrisisMiss(result.Post ?? post, result.Message));
            }
        }

        return new CrisisMoves(moved, missed);
    }

    /// <summary>"'outage'", or "'app down', 'outage'" for a crisis of several terms.</summary>
    public static string Topic(Crisis crisis)
    {
        ArgumentNullException.ThrowIfNull(crisis);
        return string.Join(", ", crisis.Terms.Take(3).Select(t => $"'{t}'"));
    }

    private static string Posts(int count, string what) => count == 1 ? $"1 {what}" : $"{count} {what}s";

    /// <summary>Each post not moved, with who wrote it and why (the first five; the rest counted).</summary>
    private static string Missed(CrisisMoves moves)
    {
        if (moves.Missed.Count == 0)
        {
            return "";
        }

        var lines = moves.Missed.Take(5).Select(m => $"\n• {new CardAuthor(m.Post.Author.Handle, m.Post.Author.DisplayName).Label} on {PostLabels.Source(m.Post.Source)}: {m.Reason}");
        var more = moves.Missed.Count > 5 ? $"\n…and {moves.Missed.Count - 5} more." : "";
        return $" {Posts(moves.Missed.Count, "post")} not moved:{string.Concat(lines)}{more}";
    }

    private static string NewId(DateTimeOffset now) => Guid.CreateVersion7(now).ToString("N");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Crisis {CrisisId} declared in {Queue} by {Person}")]
    private partial void LogDeclared(string crisisId, string queue, string person);

    [LoggerMessage(Level = LogLevel.Information, Message = "Crisis {CrisisId} resolved by {Person}: {Moved} posts back in their queues")]
    private partial void LogResolved(string crisisId, string person, int moved);
}
