namespace ChatOpsReply.Slack;

/// <summary>Why a Web API call did not succeed: Slack's <c>error</c> code (or the HTTP status) and what to do about it.</summary>
public sealed record SlackApiError(string Method, string Code, SlackErrorKind Kind, TimeSpan? RetryAfter = null)
{
    /// <summary>
    /// Whether the call may have been carried out though no success came back: the connection broke,
    /// the answer never came, or Slack failed with a 5xx. An <c>ok:false</c> or a 429 is a clear "not done".
    /// </summary>
    public bool MayHaveHappened => Code is "unreachable" or "timeout" or "invalid_response" || Code.StartsWith("http_5", StringComparison.Ordinal);

    public override string ToString() => RetryAfter is { } after ? $"{Method}: {Code} (retry after {after.TotalSeconds:0} s)" : $"{Method}: {Code}";

    // Slack: error codes of chat.postMessage, chat.update, views.* and friends, docs.slack.dev/reference/methods/chat.postMessage#errors
    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited", "rate_limited", "team_added_to_org",
    };

    /// <summary>Sorts an <c>ok:false</c> error code: the few passing ones are retried, everything else is permanent.</summary>
    public static SlackApiError FromCode(string method, string code) =>
        new(method, code, TransientCodes.Contains(code) ? SlackErrorKind.Transient : SlackErrorKind.Permanent);
}
