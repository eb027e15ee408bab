namespace ChatOpsReply.Library.Model;

/// <summary>Where an answer stands: only approved answers are offered to people drafting replies.</summary>
public enum AnswerStatus
{
    Draft,
    Approved,
    Retired,
}
