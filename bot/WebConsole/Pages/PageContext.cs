using ChatOpsReply.Accountability;

namespace ChatOpsReply.WebConsole.Pages;

/// <summary>What every console page needs to render its frame and forms.</summary>
/// <param name="Viewer">The signed-in configured person; null only on the sign-in pages.</param>
/// <param name="Path">This page's path and query, where forms come back to.</param>
/// <param name="Notice">The one-time message of the last action, if any.</param>
/// <param name="SignedInWith">How the viewer signed in: single sign-on offers "Sign out", demo identities offer the picker.</param>
public sealed record PageContext(
    Person? Viewer,
    IReadOnlyList<Person> People,
    bool DemoIdentities,
    string AntiforgeryField,
    string AntiforgeryToken,
    string Path,
    string? Notice)
{
    public bool SingleSignOn { get; init; }

    public string? SingleSignOnName { get; init; }

    public bool SignedInWithSingleSignOn { get; init; }
}
