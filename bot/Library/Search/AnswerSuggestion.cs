using ChatOpsReply.Library.Model;

namespace ChatOpsReply.Library.Search;

/// <summary>One search result: enough to list it and to name it in a draft (id and version).</summary>
/// <param name="Text">The start of the body on one line, placeholders as written.</param>
public sealed record AnswerSuggestion(string Id, int Version, string Title, string Text, AnswerStatus Status, bool LegalApproved)
{
    public const int PreviewLength = 140;

    public static AnswerSuggestion Of(CannedAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return new AnswerSuggestion(answer.Id, answer.Version, answer.Title, Preview(answer.Body), answer.Status, answer.IsLegalApproved);
    }

    /// <summary>The body on one line, cut at a word before <see cref="PreviewLength"/> characters.</summary>
    public static string Preview(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var line = string.Join(' ', body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (line.Length <= PreviewLength)
        {
            return line;
        }

        var cut = line.LastIndexOf(' ', PreviewLength - 1);
        return line[..(cut > PreviewLength / 2 ? cut : PreviewLength - 1)] + "…";
    }
}
