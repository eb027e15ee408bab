using ChatOpsReply.Accountability;
using ChatOpsReply.Library.Curation;
using ChatOpsReply.Library.ImportExport;

namespace ChatOpsReply.Demo;

/// <summary>The demo answer library (Library/demo-answers.json), imported by the first manager, as the README's walk-through does by hand.</summary>
public sealed class DemoLibrary(LibraryCuration curation, AccountabilityPolicy policy, IHostEnvironment environment) : IDemoData
{
    public int Order => 10;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var file = Path.Combine(environment.ContentRootPath, "Library", "demo-answers.json");
        var manager = policy.People.WithRole(Roles.Manager) is [var first, ..] ? first : null;
        if (!File.Exists(file) || manager is null)
        {
            return;
        }

        var content = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
        await curation.ImportAsync(manager, AnswerImport.Read(content, csv: false), cancellationToken).ConfigureAwait(false);
    }
}
