using ChatOpsReply.Accountability;
using ChatOpsReply.Crises;
using ChatOpsReply.Guidelines;
using ChatOpsReply.Posts;
using ChatOpsReply.Telemetry;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Sources;

/// <summary>
/// Takes a verified customer message in: the same message twice is stored once, a message
/// in the thread of an open post attaches to it, a texting keyword records consent, and
/// anything else becomes a new post, routed to its queue with its claim timer running.
/// </summary>
public sealed class PostIntake(
    IPostStore store,
    IConsentStore consent,
    AccountabilityPolicy policy,
    PostTransitions transitions,
    PostCommandHandler handler,
    ReplyGuidelines guidelines,
    IOptions<GuidelineOptions> guidelineOptions,
    OutboxSignal outboxSignal,
    SpikeWatch spikes,
    CrisisArrivals crises,
    TimeProvider time)
{
    public async Task<IntakeResult> ReceiveAsync(IncomingPost incoming, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        using var activity = ServiceTrace.Start("ingest", postId: null);
        activity?.SetTag("chatopsreply.source", incoming.Source);
        try
        {
            var result = await TakeInAsync(incoming, cancellationToken).ConfigureAwait(false);
            activity?.SetTag(ServiceTrace.PostId, result.PostId);
            activity?.SetTag(ServiceTrace.Outcome, result.Status.ToString());
            return result;
        }
        catch (Exception e)
        {
            activity.Failed(e);
            throw;
        }
    }

    private async Task<IntakeResult> TakeInAsync(IncomingPost incoming, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (ConsentKeyword(incoming) is { } optedIn)
        {
            var message = new IngestKey(incoming.Source, incoming.ExternalId);
            if (await store.FindIngestedAsync(message, cancellationToken).ConfigureAwait(false) is { } known)
            {
                // A consent keyword seen before is answered as the first time, and changes nothing again.
                return known == IConsentStore.NoPost ? new IntakeResult(IntakeStatus.Consent, null) : new IntakeResult(IntakeStatus.Duplicate, known);
            }

            var evidence = $"texted \"{incoming.Text}\" (message {incoming.ExternalId})";
            await RecordConsentAsync(new ConsentRecord(incoming.Source, incoming.Author.Handle, optedIn, incoming.ReceivedAt ?? now, evidence), message, incoming.ThreadId, cancellationToken).ConfigureAwait(false);
            return new IntakeResult(IntakeStatus.Consent, null);
        }

        // One store call decides it all in the usual case: seen before, the thread's follow-up, or stored.
        var post = transitions.Received(await NewPostAsync(incoming, now, cancellationToken).ConfigureAwait(false), now);
        var outcome = await store.CreateAsync(post with { UnlessThreadActive = incoming.ThreadId is not null }, cancellationToken).ConfigureAwait(false);
        if (outcome.ThreadActive)
        {
            var followUp = new PostCommand(outcome.PostId, PostTrigger.CustomerFollowUp, Person.System, SurfaceNames.Ingest, IdempotencyKey: null)
            {
                Input = new FollowUpInput(new FollowUp(incoming.ExternalId, incoming.Text, incoming.ReceivedAt ?? now) { FullText = incoming.FullText }),
            };
            var result = await handler.HandleAsync(followUp, cancellationToken).ConfigureAwait(false);
            switch (result.Outcome)
            {
                case CommandOutcome.Applied:
                    return new IntakeResult(IntakeStatus.FollowUp, outcome.PostId);
                case CommandOutcome.AlreadyApplied:
                    return new IntakeResult(IntakeStatus.Duplicate, outcome.PostId);
                case CommandOutcome.Conflict:
                    throw new StoreUnavailableException("The thread's post kept changing; the sender should retry.");
                default:
                    // Closed in the meantime: the message starts a new post.
                    outcome = await store.CreateAsync(post, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }

        if (outcome.Created)
        {
            outboxSignal.Notify();
            // In memory only: a post a declared crisis covers joins it in the background.
            crises.Notice(post.Post);
            // After the post is stored: the spike count follows from it, off this request, never holding it up.
            spikes.Observe(post.Post);
        }

        return new IntakeResult(outcome.Created ? IntakeStatus.Created : IntakeStatus.Duplicate, outcome.PostId);
    }

    /// <summary>A new post from the message, routed to its queue, with its claim timer running.</summary>
    private async Task<CustomerPost> NewPostAsync(IncomingPost incoming, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var queue = policy.Route(incoming.Source, incoming.Text);
        return new CustomerPost
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            Source = incoming.Source,
            ExternalId = incoming.ExternalId,
            ThreadId = incoming.ThreadId ?? incoming.ExternalId,
            Author = incoming.Author,
            Text = incoming.Text,
            FullText = incoming.FullText,
            Url = incoming.Url,
            ReceivedAt = incoming.ReceivedAt ?? now,
            Queue = queue.Name,
            Sensitivity = policy.Classify(incoming.Text)?.Name,
            State = PostState.Open,
            Tier = 0,
            Version = 1,
            // The SLA clock starts when the post reaches us, so a late webhook is not already overdue.
            ClaimDueAt = queue.Calendar.Add(now, queue.TierAt(0).ClaimWithin),
            UpdatedAt = now,
            // What the card says about texting this customer, from the ledger as it stands.
            Consent = guidelines.IsTextMessage(incoming.Source) ? await consent.GetAsync(incoming.Source, incoming.Author.Handle, cancellationToken).ConfigureAwait(false) : null,
        };
    }

    /// <summary>
    /// A texting consent the customer's message made (STOP, START), once per message: a redelivered
    /// or replayed keyword changes nothing. Recorded in the ledger with the message, then with the
    /// open post of the customer's conversation when there is one, so its card and history show it.
    /// </summary>
    public async Task RecordConsentAsync(ConsentRecord record, IngestKey message, string? threadId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!await consent.RecordAsync(record, message, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        if (threadId is not null && await store.FindActiveInThreadAsync(record.Source, threadId, cancellationToken).ConfigureAwait(false) is { } open)
        {
            // The ledger has it already; a post changed meanwhile only misses the note, never the consent.
            var command = new PostCommand(open.Id, PostTrigger.RecordConsent, Person.System, SurfaceNames.Ingest, IdempotencyKey: null) { Input = new ConsentInput(record) };
            await handler.HandleAsync(command, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>True for an opt-in keyword, false for an opt-out keyword, null for anything else.</summary>
    private bool? ConsentKeyword(IncomingPost incoming)
    {
        if (!guidelines.IsTextMessage(incoming.Source))
        {
            return null;
        }

        var words = PhraseMatcher.Words(incoming.Text);
        if (words.Length != 1)
        {
            return null;
        }

        var options = guidelineOptions.Value;
        if ((options.OptOutKeywords ?? GuidelineOptions.DefaultOptOutKeywords).Contains(words[0], StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        return (options.OptInKeywords ?? GuidelineOptions.DefaultOptInKeywords).Contains(words[0], StringComparer.OrdinalIgnoreCase) ? true : null;
    }
}
