namespace ChatOpsReply.Storage;

/// <summary>How a customer's handle is keyed for consent and frequency caps: "@Ana" and "@ana" are one person.</summary>
public static class CustomerKey
{
    public static string Handle(string handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        return handle.Trim().ToLowerInvariant();
    }
}
