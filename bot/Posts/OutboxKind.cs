namespace ChatOpsReply.Posts;

public enum OutboxKind
{
    /// <summary>Post the card, or update it in place when it was posted before.</summary>
    ShowCard,

    /// <summary>A line in the thread under the card ("Alice claimed this").</summary>
    ThreadNote,

    /// <summary>Mention people in the post's thread (escalation, approval result, hand-over).</summary>
    Notify,

    /// <summary>Ask the approvers, in their channel, to approve or send back a draft.</summary>
    RequestApproval,

    /// <summary>Page the crisis team in the crisis room.</summary>
    CrisisAlert,

    /// <summary>Send the approved reply to the customer through the post's source.</summary>
    DeliverReply,

    /// <summary>Tell one person directly (a Slack DM, a Teams 1:1 chat), about something that waits on them.</summary>
    DirectMessage,

    /// <summary>Show a spike's alert in the crisis room, or show it again after a change: the message's post id is the spike's id.</summary>
    SpikeAlert,
}
