namespace ChatOpsReply.WebConsole;

internal static partial class ConsoleLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "ChatOpsReply is running. Open {Address}/console in a browser and pick who you are.")]
    public static partial void Ready(ILogger logger, string address);
}
