namespace ChatOpsReply.WebConsole;

internal static partial class ConsoleLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "ChatOpsReply is running. Open {Address}/console in a browser and pick who you are.")]
    public static partial void Ready(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Console:DemoIdentities is on while listening on {Address}: anyone who reaches it can act as anyone. Turn it off outside a single machine.")]
    public static partial void DemoIdentitiesExposed(ILogger logger, string address);
}
