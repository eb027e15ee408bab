using ChatOpsReply.Posts;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsReply.CommandLine;

/// <summary><c>audit verify [post-id]</c>: walks the trail as stored and says "intact" with the count, or where it first breaks.</summary>
public sealed record AuditVerifyVerb(string? PostId) : ICommandLineVerb
{
    public async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        var chain = services.GetRequiredService<IAuditChain>();
        var events = PostId is null ? chain.AllAsync(cancellationToken) : chain.ForPostAsync(PostId, cancellationToken);
        var verdict = await AuditChain.VerifyAsync(events, storeWide: PostId is null).ConfigureAwait(false);
        var scope = PostId is null ? "every post's trail and the store-wide chain" : $"post {PostId}";
        if (verdict.Intact && verdict.Checked == 0 && verdict.BeforeChain == 0 && PostId is not null)
        {
            await output.WriteLineAsync($"There is no audit event for post {PostId}: no such post in this store.").ConfigureAwait(false);
            return 1;
        }

        if (verdict.Intact)
        {
            var older = verdict.BeforeChain == 0 ? "" : $"; {verdict.BeforeChain} earlier events were written before the chain began and are not covered";
            await output.WriteLineAsync($"intact: {verdict.Checked} audit events checked ({scope}){older}.").ConfigureAwait(false);
            return 0;
        }

        await output.WriteLineAsync($"broken: {verdict.FirstBroken} ({verdict.Checked} events checked, {scope}).").ConfigureAwait(false);
        return 1;
    }
}
