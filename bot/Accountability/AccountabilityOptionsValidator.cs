using Microsoft.Extensions.Options;

namespace ChatOpsReply.Accountability;

/// <summary>Stops the service at start with a message naming the configuration key that is wrong.</summary>
public sealed class AccountabilityOptionsValidator : IValidateOptions<AccountabilityOptions>
{
    public ValidateOptionsResult Validate(string? name, AccountabilityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var section = AccountabilityOptions.Section;
        var personIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.People.Count; i++)
        {
            var p = options.People[i];
            var key = $"{section}:People:{i}";
            if (string.IsNullOrWhiteSpace(p.Id))
            {
                errors.Add($"{key}:Id is required.");
            }
            else if (!personIds.Add(p.Id))
            {
                errors.Add($"{key}:Id '{p.Id}' is used by two people.");
            }

            if (string.IsNullOrWhiteSpace(p.Name))
            {
                errors.Add($"{key}:Name is required.");
            }

            foreach (var role in p.Roles.Where(r => !Roles.All.Contains(r)))
            {
                errors.Add($"{key}:Roles has unknown role '{role}' (known: {string.Join(", ", Roles.All)}).");
            }
        }

        if (options.Queues.Count == 0)
        {
            errors.Add($"{section}:Queues needs at least one queue.");
        }

        var queueNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Queues.Count; i++)
        {
            ValidateQueue(options.Queues[i], $"{section}:Queues:{i}", personIds, queueNames, errors);
        }

        if (!string.IsNullOrEmpty(options.DefaultQueue) && !queueNames.Contains(options.DefaultQueue))
        {
            errors.Add($"{section}:DefaultQueue '{options.DefaultQueue}' is not one of the queues.");
        }

        for (var i = 0; i < options.Sensitivities.Count; i++)
        {
            var s = options.Sensitivities[i];
            var key = $"{section}:Sensitivities:{i}";
            if (string.IsNullOrWhiteSpace(s.Name))
            {
                errors.Add($"{key}:Name is required.");
            }

            if (!Roles.All.Contains(s.ApproverRole))
            {
                errors.Add($"{key}:ApproverRole '{s.ApproverRole}' is not a known role.");
            }

            if (s.Phrases.Count == 0)
            {
                errors.Add($"{key}:Phrases needs at least one phrase.");
            }
        }

        if (!Roles.All.Contains(options.Crisis.Role))
        {
            errors.Add($"{section}:Crisis:Role '{options.Crisis.Role}' is not a known role.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateQueue(QueueOptions q, string key, HashSet<string> personIds, HashSet<string> queueNames, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(q.Name))
        {
            errors.Add($"{key}:Name is required.");
        }
        else if (!queueNames.Add(q.Name))
        {
            errors.Add($"{key}:Name '{q.Name}' is used by two queues.");
        }

        foreach (var source in q.Sources.Where(s => !SourceName.IsValid(s)))
        {
            errors.Add($"{key}:Sources has '{source}', which is not a source name. {SourceName.Rule}");
        }

        if (q.Chain.Count == 0)
        {
            errors.Add($"{key}:Chain needs at least one tier.");
        }

        for (var t = 0; t < q.Chain.Count; t++)
        {
            var tier = q.Chain[t];
            var tierKey = $"{key}:Chain:{t}";
            if (tier.Members.Count == 0 && tier.Roles.Count == 0)
            {
                errors.Add($"{tierKey} needs Members or Roles: nobody would be accountable.");
            }

            foreach (var member in tier.Members.Where(m => !personIds.Contains(m)))
            {
                errors.Add($"{tierKey}:Members names '{member}', who is not in {AccountabilityOptions.Section}:People.");
            }

            foreach (var role in tier.Roles.Where(r => !Roles.All.Contains(r)))
            {
                errors.Add($"{tierKey}:Roles has unknown role '{role}'.");
            }

            if (tier.ClaimWithin <= TimeSpan.Zero)
            {
                errors.Add($"{tierKey}:ClaimWithin must be positive.");
            }

            if (tier.ReplyWithin <= TimeSpan.Zero)
            {
                errors.Add($"{tierKey}:ReplyWithin must be positive.");
            }
        }

        if (q.BusinessHours is { } hours)
        {
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(hours.TimeZone, out _))
            {
                errors.Add($"{key}:BusinessHours:TimeZone '{hours.TimeZone}' is not a known time zone.");
            }

            if (hours.Opens >= hours.Closes)
            {
                errors.Add($"{key}:BusinessHours:Opens must be before Closes.");
            }

            if (hours.Days is { Count: 0 })
            {
                errors.Add($"{key}:BusinessHours:Days needs at least one day.");
            }
        }
    }
}
