namespace ChatOpsReply.Library.Curation;

public enum CurationOutcome
{
    Saved,
    Unchanged,
    Invalid,
    Forbidden,
    NotFound,
    Conflict,
}
