using ChatOpsReply.CommandLine;

namespace ChatOpsReply.Tests.CommandLine;

public sealed class CommandLineInvocationTests
{
    [Fact]
    public void Without_a_verb_the_service_runs_with_every_setting_passed_to_the_host()
    {
        var invocation = CommandLineInvocation.Parse(["--urls", "http://127.0.0.1:5080", "--Storage=", "--Storage:Provider=Redis", "Console:Title=Ours", "--demo"]);

        Assert.Null(invocation.Verb);
        Assert.Null(invocation.Refusal);
        Assert.True(invocation.Demo);
        Assert.Equal(["--urls", "http://127.0.0.1:5080", "--Storage=", "--Storage:Provider=Redis", "Console:Title=Ours"], invocation.HostArguments);
    }

    [Fact]
    public void A_verb_is_found_among_settings_given_before_or_after_it()
    {
        var invocation = CommandLineInvocation.Parse(["--Storage:Sqlite:Path", "/tmp/a.db", "audit", "verify", "p-17", "--contentRoot=/srv"]);

        Assert.Equal(new AuditVerifyVerb("p-17"), invocation.Verb);
        Assert.Equal(["--Storage:Sqlite:Path", "/tmp/a.db", "--contentRoot=/srv"], invocation.HostArguments);
    }

    [Theory]
    [InlineData("frobnicate", "Unknown command: frobnicate.")]
    [InlineData("audit", "Unknown command: audit.")]
    [InlineData("audit verify p1 p2", "Unknown command: audit verify p1 p2.")]
    [InlineData("backup", "backup needs the file to write")]
    [InlineData("backup a.db --force", "Unknown option --force.")]
    [InlineData("backup a.db --source x", "backup a.db takes no option --source.")]
    [InlineData("--source x", "The option --source belongs to a verb; none was given.")]
    [InlineData("audit verify --demo", "--demo runs the service; it does not go with a verb.")]
    public void Unknown_verbs_and_bad_arguments_are_refused_with_a_sentence(string line, string refusal)
    {
        var invocation = CommandLineInvocation.Parse(line.Split(' '));

        Assert.Null(invocation.Verb);
        Assert.StartsWith(refusal, invocation.Refusal, StringComparison.Ordinal);
    }
}
