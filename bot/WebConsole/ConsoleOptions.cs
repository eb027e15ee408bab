namespace ChatOpsReply.WebConsole;

/// <summary>The "Console" section: the built-in web surface.</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Let anyone pick a configured person to act as, without signing in. Meant for trying the
    /// product on one machine: leave it off anywhere others can reach the console.
    /// </summary>
    public bool DemoIdentities { get; set; } = true;
}
