using ChatOpsReply.Accountability;
using ChatOpsReply.Library.Curation;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Library.Search;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Library;

/// <summary>Library steps on a test host, through the same services the console and API use.</summary>
public static class LibraryHostExtensions
{
    public static Person Person(this ServiceHost host, string id) =>
        host.Service<AccountabilityPolicy>().People.Find(id) ?? throw new ArgumentException($"No test person '{id}'.", nameof(id));

    /// <summary>Writes answers straight to the store and brings the index up to date.</summary>
    public static async Task SeedAsync(this ServiceHost host, params CannedAnswer[] answers)
    {
        Assert.True((await host.Service<ICannedAnswerStore>().SaveAsync(answers)).IsSaved);
        await host.Service<AnswerLibrary>().RefreshAsync();
    }

    /// <summary>A manager's new answer, approved (by legal when marked legal).</summary>
    public static async Task<CannedAnswer> ApprovedAnswerAsync(this ServiceHost host, AnswerDocument document)
    {
        var curation = host.Service<LibraryCuration>();
        var created = await curation.CreateAsync(host.Person("dan"), document);
        Assert.True(created.Succeeded, created.Message);
        var approver = document.Legal == true ? "lena" : "dan";
        var approved = await curation.ApproveAsync(host.Person(approver), created.Answer!.Id, created.Answer.Version);
        Assert.True(approved.Succeeded, approved.Message);
        return approved.Answer!;
    }
}
