using ChatOpsReply.Accountability;
using ChatOpsReply.Posts;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Slack;

/// <summary>With Slack on, every queue's cards need somewhere to go: its own Slack channel or Slack:DefaultChannel.</summary>
public sealed class SlackChannelsValidator(IOptions<AccountabilityOptions> accountability) : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsEnabled || !string.IsNullOrWhiteSpace(options.DefaultChannel))
        {
            return ValidateOptionsResult.Success;
        }

        var missing = accountability.Value.Queues
            .Where(q => !q.Channels.TryGetValue(SurfaceNames.Slack, out var channel) || string.IsNullOrWhiteSpace(channel))
            .Select(q => q.Name)
            .ToList();
        return missing.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{SlackOptions.Section}:DefaultChannel is required: queue(s) {string.Join(", ", missing)} name no Slack channel (Accountability:Queues:N:Channels:slack).");
    }
}
