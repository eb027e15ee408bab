using System.Text;

namespace ChatOpsReply.Sources;

/// <summary>
/// Text from a platform as we keep it: trimmed, and a lone surrogate (possible in JSON escapes
/// and in what a platform forwards) replaced by U+FFFD, so every store and surface can encode it.
/// </summary>
public static class CustomerText
{
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var clean = new StringBuilder(text.Length);
        // Enumerating runes yields U+FFFD for each ill-formed surrogate.
        foreach (var rune in text.EnumerateRunes())
        {
            clean.Append(rune.ToString());
        }

        return clean.ToString().Trim();
    }
}
