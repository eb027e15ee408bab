using System.Diagnostics;
using ChatOpsReply.Posts;
using ChatOpsReply.Telemetry;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Delivery;

/// <summary>
/// Delivers outbox messages to their surface or to the customer's source. A message leaves
/// the outbox only when its target accepted it; failures are retried with exponential
/// backoff (or after the platform's Retry-After), and given up on after a bounded number
/// of attempts, kept for an operator.
/// </summary>
public sealed partial class OutboxDispatcher(
    IOutbox outbox,
    IPostStore posts,
    IEnumerable<IChatSurface> surfaces,
    IEnumerable<IReplySender> replySenders,
    IEnumerable<IDigestSurface> digestSurfaces,
    ReplyOutcomes replyOutcomes,
    OutboxSignal signal,
    DeliveryMetrics metrics,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly Dictionary<string, IChatSurface> _surfaces = surfaces.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);

    // Senders registered later are more specific; the recording sender, registered first, takes the rest.
    private readonly IReadOnlyList<IReplySender> _senders = [.. replySenders.Reverse()];

    /// <summary>Delivers every message that is due now, then the surfaces' digests; returns how many messages and digests were handled.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var messages = await outbox.ClaimDueAsync(time.GetUtcNow(), settings.Lease, settings.BatchSize, cancellationToken).ConfigureAwait(false);
        foreach (var claimed in messages)
        {
            var message = claimed;
            if (message.LeaseUntil is { } until && until - time.GetUtcNow() < settings.Lease / 2)
            {
                // It waited behind slow calls of its batch: renewed before it starts, or left to whoever took it since.
                message = await RenewAsync(message, settings).ConfigureAwait(false);
                if (message is null)
                {
                    continue;
                }
            }

            await DeliverAsync(message, settings, cancellationToken).ConfigureAwait(false);
        }

        var digests = 0;
        foreach (var surface in digestSurfaces)
        {
            digests += await surface.FlushDigestsAsync(cancellationToken).ConfigureAwait(false);
        }

        return messages.Count + digests;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunInBackground)
        {
            return;
        }

        await ServiceLoop.RunAsync(
            "Outbox",
            async ct =>
            {
                if (await DispatchDueAsync(ct).ConfigureAwait(false) == 0)
                {
                    await signal.WaitAsync(options.Value.PollInterval, ct).ConfigureAwait(false);
                }
            },
            time,
            logger,
            stoppingToken).ConfigureAwait(false);
    }

    private async Task DeliverAsync(OutboxMessage message, DeliveryOptions settings, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["PostId"] = message.PostId });
        // Its own trace (the message was written by another, maybe on another instance), tied to the post's others by the post id.
        using var activity = ServiceTrace.Start($"deliver {message.Kind}", message.PostId, ActivityKind.Consumer);
        activity?.SetTag("chatopsreply.target", message.Target);
        activity?.SetTag("chatopsreply.attempt", message.Attempts + 1);
        // A spike's alert is about no one post: its post id names the spike.
        var post = message.Kind == OutboxKind.SpikeAlert ? null : await posts.GetAsync(message.PostId, cancellationToken).ConfigureAwait(false);
        if (post is null && message.Kind != OutboxKind.SpikeAlert)
        {
            await outbox.FailAsync(message, "The post no longer exists.", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (message.Target == OutboxMessage.SourceTarget && IsSettled(message, post!))
        {
            // Its outcome is on the post already (recorded by an instance that stopped before it could
            // complete the message), or it was queued for an attempt that is over: never sent again from here.
            await outbox.CompleteAsync(message, cancellationToken).ConfigureAwait(false);
            return;
        }

        SurfaceDelivery result;
        var started = time.GetTimestamp();
        try
        {
            result = await SendKeepingLeaseAsync(message, post, settings, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            result = SurfaceDelivery.Retry(e.Message);
        }
        catch (Exception e) when (e is not (StoreUnavailableException or OperationCanceledException))
        {
            // A bug met on this message: a failed attempt like any other, so it is given up on in time instead of holding the outbox.
            LogDeliveryBug(message.Kind, message.Target, e);
            result = SurfaceDelivery.Retry($"{e.GetType().Name} while delivering");
        }

        metrics.Delivered(message, result.Status, time.GetElapsedTime(started));
        activity?.SetTag(ServiceTrace.Outcome, result.Status.ToString());
        var givingUp = result.Status == SurfaceDeliveryStatus.Retry && message.Attempts + 1 >= settings.MaxAttempts;
        if (message.Target == OutboxMessage.SourceTarget && (result.Status is SurfaceDeliveryStatus.Delivered or SurfaceDeliveryStatus.Failed || givingUp))
        {
            // On the post before the message leaves the outbox: a crash in between finds it settled above.
            await replyOutcomes.RecordAsync(post!, message.ReplyNumber!.Value, result, message.Attempts + 1, cancellationToken).ConfigureAwait(false);
        }

        switch (result.Status)
        {
            case SurfaceDeliveryStatus.Delivered:
                await outbox.CompleteAsync(message, cancellationToken).ConfigureAwait(false);
                break;
            case SurfaceDeliveryStatus.Retry when message.Attempts + 1 < settings.MaxAttempts:
                var delay = Backoff(message.Attempts, settings);
                if (result.RetryAfter is { } after && after > delay)
                {
                    delay = after;
                }

                LogRetry(message.Kind, message.Target, message.Attempts + 1, delay, result.Reason);
                await outbox.RetryAsync(message, time.GetUtcNow() + delay, result.Reason ?? "retry", cancellationToken).ConfigureAwait(false);
                break;
            case SurfaceDeliveryStatus.Deferred:
                var wait = result.RetryAfter ?? TimeSpan.Zero;
                LogDeferred(message.Kind, message.Target, wait, result.Reason);
                await outbox.DeferAsync(message, time.GetUtcNow() + wait, result.Reason ?? "deferred", cancellationToken).ConfigureAwait(false);
                break;
            default:
                LogGaveUp(message.Kind, message.Target, message.Attempts + 1, result.Reason);
                await outbox.FailAsync(message, result.Reason ?? "failed", cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>
    /// Sends, renewing the message's lease every third of it while the call is in flight: a slow
    /// platform call would otherwise outlast the lease, and another instance would send it again.
    /// </summary>
    private async Task<SurfaceDelivery> SendKeepingLeaseAsync(OutboxMessage message, CustomerPost? post, DeliveryOptions settings, CancellationToken cancellationToken)
    {
        var sending = SendAsync(message, post, cancellationToken);
        if (sending.IsCompleted)
        {
            return await sending.ConfigureAwait(false);
        }

        using var finished = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var held = message;
        var unrenewed = false;
        while (held is not null && !cancellationToken.IsCancellationRequested)
        {
            // A third into each lease, counted from its end, so a late turn of this loop renews at once;
            // after a renewal the store could not take, a tenth of a lease later.
            var due = unrenewed
                ? settings.Lease / 10
                : (held.LeaseUntil ?? time.GetUtcNow() + settings.Lease) - (settings.Lease * 2 / 3) - time.GetUtcNow();

            var renewal = Task.Delay(due > TimeSpan.Zero ? due : TimeSpan.Zero, time, finished.Token);
            if (await Task.WhenAny(sending, renewal).ConfigureAwait(false) == sending)
            {
                await finished.CancelAsync().ConfigureAwait(false);
                return await sending.ConfigureAwait(false);
            }

            if (!cancellationToken.IsCancellationRequested)
            {
                var renewed = await RenewAsync(held, settings).ConfigureAwait(false);
                unrenewed = ReferenceEquals(renewed, held);
                held = renewed;
            }
        }

        // Stopping, or the lease was lost: nothing to renew; the call ends as it ends.
        return await sending.ConfigureAwait(false);
    }

    private async Task<OutboxMessage?> RenewAsync(OutboxMessage held, DeliveryOptions settings)
    {
        try
        {
            var renewed = await outbox.RenewLeaseAsync(held, time.GetUtcNow() + settings.Lease, CancellationToken.None).ConfigureAwait(false);
            if (renewed is null)
            {
                LogLeaseLost(held.Kind, held.Target);
            }

            return renewed;
        }
        catch (StoreUnavailableException e)
        {
            // The store is away: the call goes on, and the next renewal tries again.
            LogLeaseNotRenewed(held.Kind, held.Target, e.Message);
            return held;
        }
    }

    private Task<SurfaceDelivery> SendAsync(OutboxMessage message, CustomerPost? post, CancellationToken cancellationToken)
    {
        if (post is null)
        {
            return _surfaces.TryGetValue(message.Target, out var alerted)
                ? alerted.DeliverAlertAsync(message, cancellationToken)
                : Task.FromResult(SurfaceDelivery.Failed($"No surface named '{message.Target}' is configured."));
        }

        if (message.Target == OutboxMessage.SourceTarget)
        {
            // The reply this message was written for, not the latest: another may have been sent since.
            if (message.ReplyNumber is not { } number || number < 1 || number > post.Replies.Count)
            {
                return Task.FromResult(SurfaceDelivery.Failed($"The post has no reply number {message.ReplyNumber}."));
            }

            var sender = _senders.First(s => s.CanSendTo(post.Source));
            return sender.SendAsync(post, post.Replies[number - 1], number, cancellationToken);
        }

        return _surfaces.TryGetValue(message.Target, out var surface)
            ? surface.DeliverAsync(message, post, cancellationToken)
            : Task.FromResult(SurfaceDelivery.Failed($"No surface named '{message.Target}' is configured."));
    }

    /// <summary>
    /// Whether a reply message has nothing left to send: the reply's outcome is recorded already, or
    /// the message was queued before the reply's current attempt (the owner sent it again since).
    /// </summary>
    private static bool IsSettled(OutboxMessage message, CustomerPost post)
    {
        if (message.ReplyNumber is not { } number || number < 1 || number > post.Replies.Count)
        {
            return false;
        }

        var delivery = post.Replies[number - 1].Delivery;
        return delivery.Status != ReplyDeliveryStatus.Pending
            || (delivery.At is { } queued && message.CreatedAt.ToUnixTimeMilliseconds() < queued.ToUnixTimeMilliseconds());
    }

    /// <summary>Exponential backoff with ±20 % jitter, so retries from many posts do not arrive together.</summary>
    internal static TimeSpan Backoff(int attempts, DeliveryOptions settings)
    {
        var exponential = settings.FirstRetryDelay * Math.Pow(2, Math.Min(attempts, 20));
        var capped = exponential < settings.MaxRetryDelay ? exponential : settings.MaxRetryDelay;
        return capped * (0.8 + (Random.Shared.NextDouble() * 0.4));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} for {Target} failed (attempt {Attempt}); retrying in {Delay}: {Reason}")]
    private partial void LogRetry(OutboxKind kind, string target, int attempt, TimeSpan delay, string? reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Kind} for {Target} waits {Delay} for its turn: {Reason}")]
    private partial void LogDeferred(OutboxKind kind, string target, TimeSpan delay, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} for {Target} outlasted its lease and may be sent again by another instance")]
    private partial void LogLeaseLost(OutboxKind kind, string target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} for {Target}: its lease could not be renewed: {Reason}")]
    private partial void LogLeaseNotRenewed(OutboxKind kind, string target, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Kind} for {Target} failed with an error of ours")]
    private partial void LogDeliveryBug(OutboxKind kind, string target, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Kind} for {Target} given up after {Attempts} attempts: {Reason}")]
    private partial void LogGaveUp(OutboxKind kind, string target, int attempts, string? reason);
}
