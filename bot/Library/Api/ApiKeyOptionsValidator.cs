using ChatOpsReply.Accountability;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Library.Api;

/// <summary>Each API key has a name, a role people have, and a secret long enough not to be guessed; no two alike.</summary>
public sealed class ApiKeyOptionsValidator : IValidateOptions<LibraryOptions>
{
    public const int MinimumKeyLength = 32;

    public ValidateOptionsResult Validate(string? name, LibraryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var keys = options.ApiKeys ?? [];
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var at = $"{LibraryOptions.Section}:ApiKeys:{i}";
            if (string.IsNullOrWhiteSpace(key.Name))
            {
                failures.Add($"{at}:Name is required (it is shown as the author of changes).");
            }
            else if (keys.Take(i).Any(k => string.Equals(k.Name, key.Name, StringComparison.OrdinalIgnoreCase)))
            {
                failures.Add($"{at}:Name \"{key.Name}\" is used by another key.");
            }

            if (key.Key.Length < MinimumKeyLength)
            {
                failures.Add($"{at}:Key must be at least {MinimumKeyLength} characters.");
            }
            else if (keys.Take(i).Any(k => k.Key == key.Key))
            {
                failures.Add($"{at}:Key is the same as another key's.");
            }

            if (!Roles.All.Contains(key.Role))
            {
                failures.Add($"{at}:Role must be one of {string.Join(", ", Roles.All.Order(StringComparer.Ordinal))}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
