namespace ChatOpsReply.WebConsole;

internal static partial class ConsoleLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "ChatOpsReply is running. Open {Address}/console in a browser and sign in.")]
    public static partial void Ready(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Problem} Stopping.")]
    public static partial void DemoIdentitiesExposed(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A console sign-in did not complete: {Reason}")]
    public static partial void SignInFailed(ILogger logger, string reason);
}
