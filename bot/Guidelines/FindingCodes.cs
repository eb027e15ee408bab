namespace ChatOpsReply.Guidelines;

/// <summary>
/// The stable codes of reply findings. Surfaces and scripts may key on them; the sentences may be
/// reworded, the codes are not. The README lists them.
/// </summary>
public static class FindingCodes
{
    // The house rules (ReplyGuidelines).
    public const string Empty = "empty";
    public const string Placeholder = "placeholder";
    public const string TooFewWords = "too-few-words";
    public const string CustomerName = "customer-name";
    public const string HeatedThread = "heated-thread";
    public const string RepeatedReply = "repeated-reply";

    /// <summary>Over a configured length (texts, or a source in <c>Guidelines:SourceMaxLength</c>) when no platform is connected to count it.</summary>
    public const string TooLong = "too-long";

    /// <summary>A text of several parts (warning).</summary>
    public const string SeveralTexts = "several-texts";

    // A connected platform's length, as it counts it.
    public const string SmsSegments = "sms-segments";
    public const string XLength = "x-length";
    public const string XInvalidCharacter = "x-invalid-character";
    public const string XMessageLength = "x-message-length";
    public const string MessengerLength = "messenger-length";
    public const string InstagramMessageLength = "instagram-message-length";
    public const string FacebookCommentLength = "facebook-comment-length";
    public const string InstagramCommentLength = "instagram-comment-length";

    // Whether the reply may go out now (send findings).
    public const string NoOptIn = "no-opt-in";
    public const string OptedOut = "opted-out";
    public const string TextCap = "text-cap";
    public const string QuietHours = "quiet-hours";
    public const string WindowClosed = "window-closed";
    public const string CommentRemoved = "comment-removed";
    public const string PublicReplyNotAllowed = "public-reply-not-allowed";
}
