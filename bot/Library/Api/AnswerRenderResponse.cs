using ChatOpsReply.Library.Model;
using ChatOpsReply.Library.Replies;

namespace ChatOpsReply.Library.Api;

/// <summary>An answer personalised for a post: the text to send, or what is missing and the draft with it left in.</summary>
public sealed record AnswerRenderResponse(string AnswerId, int Version, string? Text, string Draft, IReadOnlyList<string> Missing, string? Message)
{
    public static AnswerRenderResponse Of(CannedAnswer answer, AnswerRendering rendering)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(rendering);
        return new AnswerRenderResponse(answer.Id, answer.Version, rendering.Text, rendering.Draft, rendering.Missing, rendering.Message);
    }
}
