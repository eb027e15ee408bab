namespace ChatOpsReply.Library;

public enum CurationOutcome
{
    Saved,
    Unchanged,
    Invalid,
    Forbidden,
    NotFound,
    Conflict,
}
