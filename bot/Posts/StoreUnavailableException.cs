namespace ChatOpsReply.Posts;

/// <summary>The store cannot be reached or is too busy: the caller should answer "try again", not fail.</summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException()
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
