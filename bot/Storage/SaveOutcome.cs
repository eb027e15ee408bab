namespace ChatOpsReply.Storage;

public enum SaveOutcome
{
    Saved,

    /// <summary>Someone saved another version first; nothing was written.</summary>
    VersionConflict,

    /// <summary>A change with this command key was saved before; nothing was written.</summary>
    DuplicateCommand,

    /// <summary>This customer message was recorded before; nothing was written.</summary>
    DuplicateIngest,
}
