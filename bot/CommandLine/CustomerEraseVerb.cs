using ChatOpsReply.Accountability;
using ChatOpsReply.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsReply.CommandLine;

/// <summary><c>customer erase --source x --handle @ana</c>: erases the customer and says what it erased; each post's trail records it.</summary>
public sealed record CustomerEraseVerb(string Source, string Handle) : ICommandLineVerb
{
    /// <summary>Who the trail names: whoever ran the command on the service's machine.</summary>
    private static readonly Person Operator = new("operator", $"{Environment.UserName} (command line)", new HashSet<string>([Roles.Admin], StringComparer.OrdinalIgnoreCase));

    public async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        var report = await services.GetRequiredService<CustomerErasure>().EraseAsync(Source, Handle, Operator, "command line", cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(report.Sentence).ConfigureAwait(false);
        return 0;
    }
}
