using System.Text.RegularExpressions;
using ChatOpsReply.Accountability;

namespace ChatOpsReply.Posts;

/// <summary>The people a note names with @: by id (@carol) or by an unambiguous first name (@Carol).</summary>
public static partial class NoteMentions
{
    public static IReadOnlyList<Person> Find(string text, PeopleDirectory people)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(people);
        var found = new List<Person>();
        foreach (Match m in Mention().Matches(text))
        {
            var word = m.Groups["name"].Value;
            var person = people.Find(word) ?? SingleByFirstName(people, word);
            if (person is not null && !found.Contains(person))
            {
                found.Add(person);
            }
        }

        return found;
    }

    private static Person? SingleByFirstName(PeopleDirectory people, string word)
    {
        var matches = people.All.Where(p => string.Equals(p.Name.Split(' ')[0], word, StringComparison.OrdinalIgnoreCase)).Take(2).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    // Not an e-mail address: the @ starts the text or follows a space or punctuation.
    [GeneratedRegex(@"(?<![\w.])@(?<name>[\p{L}\p{N}_-]+)")]
    private static partial Regex Mention();
}
