using System.Diagnostics;

namespace ChatOpsReply.Telemetry;

/// <summary>
/// The one <see cref="ActivitySource"/> every feature starts its spans on, and the attributes its
/// spans carry. Every span on a post's path (ingest, store, command, delivery) names the post in
/// <see cref="PostId"/>, so a trace backend finds a post's whole story, across the outbox's
/// asynchronous hop, by one attribute. Starting a span costs nothing while nobody listens
/// (no OTLP endpoint configured): <see cref="Start"/> then returns null.
/// </summary>
public static class ServiceTrace
{
    public const string Name = ServiceMeter.Name;

    /// <summary>The post a span is about.</summary>
    public const string PostId = "chatopsreply.post.id";

    /// <summary>How a span's work ended, in the words of its result (Created, Applied, Delivered, …).</summary>
    public const string Outcome = "chatopsreply.outcome";

    public static readonly ActivitySource Source = new(Name);

    /// <summary>A span about <paramref name="postId"/> (when known), or null when nobody listens.</summary>
    public static Activity? Start(string name, string? postId, ActivityKind kind = ActivityKind.Internal)
    {
        var activity = Source.StartActivity(name, kind);
        if (postId is not null)
        {
            activity?.SetTag(PostId, postId);
        }

        return activity;
    }

    /// <summary>Marks the span failed with the exception that ended it (OpenTelemetry's exception event).</summary>
    public static void Failed(this Activity? activity, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        activity?.AddException(exception);
        activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
    }
}
