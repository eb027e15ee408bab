


namespace ChatOpsReply.Posts;

/// <summary>The words people see for states and actions, the same on every surface.</summary>
public static class PostLabels
{
    public static string State(PostState state) => state switch
    {
        PostState.Open => "Open",
        PostState.Claimed => "Claimed",
        PostState.AwaitingApproval => "Awaiting approval",
        PostState.Approved => "Approved",
        PostState.Sent => "Answered",
        PostState.Closed => "Closed",
        PostState.Dismissed => "Dismissed",
        PostState.Escalated => "Escalated",
        PostState.Crisis => "Crisis",
        _ => state.ToString(),
    };

    /// <summary>
    /// The state as a card shows it: an answered post whose reply has not reached the customer's
    /// platform says so, since nothing may look sent that the customer did not get.
    /// </summary>
    public static string Status(CustomerPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (post.State != PostState.Sent || post.Replies.Count == 0)
        {
            return State(post.State);
        }

        return post.Replies[^1].Delivery.Status switch
        {
            ReplyDeliveryStatus.Pending => "Sending",
            ReplyDeliveryStatus.Unknown => "May not have been delivered",
            ReplyDeliveryStatus.Failed or ReplyDeliveryStatus.Refused or ReplyDeliveryStatus.NoSender => "Not delivered",
            _ => State(post.State),
        };
    }

    /// <summary>How far a reply got, in words: "Sent on X at 10:32 UTC", "Not delivered: …".</summary>
    public static string Delivery(ReplyDelivery delivery, string source)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var at = delivery.At is { } when ? $" at {when.UtcDateTime:HH:mm} UTC" : "";
        return delivery.Status switch
        {
            ReplyDeliveryStatus.Pending => delivery.Attempt > 1 ? "Sending again…" : "Sending…",
            ReplyDeliveryStatus.Sent => $"Sent on {Source(source)}{at}{(delivery.Reason is { } who ? $" ({who})" : "")}",
            ReplyDeliveryStatus.Delivered => $"Delivered{at}",
            ReplyDeliveryStatus.Unknown => $"May not have been delivered: {delivery.Reason}",
            ReplyDeliveryStatus.NoSender => NotDeliveredNoSender,
            _ => $"Not delivered: {delivery.Reason}",
        };
    }

    /// <summary>What a reply to a source no sender is configured for says, plainly.</summary>
    public const string NotDeliveredNoSender = "Not delivered: no sender for this source";

    /// <summary>How a source is named to people: "X", "SMS", "E-mail"; an unknown webhook sender as it is.</summary>
    public static string Source(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.ToLowerInvariant() switch
        {
            "x" or "twitter" => "X",
            "facebook" => "Facebook",
            "instagram" => "Instagram",
            "sms" => "SMS",
            "email" => "E-mail",
            _ => source,
        };
    }

    /// <summary>The button text for a trigger a person can use.</summary>
    public static string Button(PostTrigger trigger) => trigger switch
    {
        PostTrigger.Claim => "Claim",
        PostTrigger.Release => "Release",
        PostTrigger.Reassign => "Hand to…",
        PostTrigger.SubmitDraft => "Submit reply",
        PostTrigger.Approve => "Approve",
        PostTrigger.RequestChanges => "Request changes",
        PostTrigger.Send => "Send reply",
        PostTrigger.Dismiss => "Dismiss",
        PostTrigger.Escalate => "Escalate",
        PostTrigger.DeclareCrisis => "Panic button",
        PostTrigger.ResolveCrisis => "Resolve crisis",
        PostTrigger.Close => "Close",
        PostTrigger.Reopen => "Reopen",
        PostTrigger.Resend => "Retry",
        PostTrigger.RecordConsent => "Record opt-in",
        PostTrigger.TakeOver => "Take over",
        PostTrigger.AddNote => "Add note",
        _ => trigger.ToString(),
    };

    /// <summary>The verb in "You can't {verb} a post that is …".</summary>
    public static string Verb(PostTrigger trigger) => trigger switch
    {
        PostTrigger.Claim => "claim",
        PostTrigger.Release => "release",
        PostTrigger.Reassign => "hand over",
        PostTrigger.SubmitDraft => "draft a reply to",
        PostTrigger.Approve => "approve",
        PostTrigger.RequestChanges => "send back",
        PostTrigger.Send => "send a reply to",
        PostTrigger.Dismiss => "dismiss",
        PostTrigger.Escalate => "escalate",
        PostTrigger.SlaBreached => "time out",
        PostTrigger.DeclareCrisis => "declare a crisis on",
        PostTrigger.ResolveCrisis => "resolve a crisis on",
        PostTrigger.CustomerFollowUp => "add a customer message to",
        PostTrigger.Close => "close",
        PostTrigger.Reopen => "reopen",
        PostTrigger.DeliveryReported => "record the delivery of a reply to",
        PostTrigger.Resend => "send a reply again to",
        PostTrigger.RecordConsent => "record an opt-in on",
        PostTrigger.TakeOver => "take over",
        PostTrigger.AddNote => "add a note to",
        PostTrigger.SendHoldingStatement => "send the crisis's holding statement to",
        _ => trigger.ToString(),
    };

    /// <summary>How the thread under a card tells what happened: "Alice claimed this".</summary>
    public static string PastTense(PostTrigger trigger) => trigger switch
    {
        PostTrigger.Claim => "claimed this",
        PostTrigger.Release => "released this",
        PostTrigger.Reassign => "handed this over",
        PostTrigger.SubmitDraft => "drafted a reply",
        PostTrigger.Approve => "approved the reply",
        PostTrigger.RequestChanges => "asked for changes",
        PostTrigger.Send => "sent the reply",
        PostTrigger.Dismiss => "dismissed this",
        PostTrigger.Escalate => "escalated this",
        PostTrigger.SlaBreached => "noticed the SLA was missed",
        PostTrigger.DeclareCrisis => "hit the panic button",
        PostTrigger.ResolveCrisis => "resolved the crisis",
        PostTrigger.CustomerFollowUp => "recorded a new message from the customer",
        PostTrigger.Close => "closed this",
        PostTrigger.Reopen => "reopened this",
        PostTrigger.DeliveryReported => "recorded how the reply was delivered",
        PostTrigger.Resend => "sent the reply again",
        PostTrigger.RecordConsent => "recorded the customer's texting consent",
        PostTrigger.TakeOver => "took this over",
        PostTrigger.AddNote => "added a note",
        PostTrigger.SendHoldingStatement => "sent the crisis's holding statement",
        _ => trigger.ToString(),
    };

    /// <summary>How the history tells what a line records: "received the post", "claimed this".</summary>
    public static string PastTense(AuditAction action) => action switch
    {
        AuditAction.Received => "received the post",
        AuditAction.CustomerErased => "erased the customer's text, name and handle",
        _ => action.Trigger() is { } trigger ? PastTense(trigger) : action.ToString(),
    };

    /// <summary>"3 min", "2 h 5 min", "1 d 4 h".</summary>
    public static string Duration(TimeSpan span)
    {
        span = span.Duration();
        if (span.TotalMinutes < 1)
        {
            return "under a minute";
        }

        if (span.TotalHours < 1)
        {
            return $"{(int)span.TotalMinutes} min";
        }

        if (span.TotalDays < 1)
        {
            return span.Minutes == 0 ? $"{(int)span.TotalHours} h" : $"{(int)span.TotalHours} h {span.Minutes} min";
        }

        return span.Hours == 0 ? $"{(int)span.TotalDays} d" : $"{(int)span.TotalDays} d {span.Hours} h";
    }
}
