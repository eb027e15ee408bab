// Deliberate violations of the layer rules, for the tests of the check itself.
#pragma warning disable CA1812 // never instantiated: only their references are read

namespace ChatOpsReply.Tests.Architecture.Sample.WebConsole
{
    internal sealed class SampleConsoleOptions
    {
        public Uri? PublicUrl { get; set; }
    }
}

namespace ChatOpsReply.Tests.Architecture.Sample.Teams
{
    internal sealed class SampleTeamsCard
    {
        public string Json { get; set; } = "";
    }
}

namespace ChatOpsReply.Tests.Architecture.Sample.Slack
{
    internal sealed class SampleSlackCard
    {
        public ChatOpsReply.Tests.Architecture.Sample.Teams.SampleTeamsCard? Borrowed { get; set; }
    }
}

namespace ChatOpsReply.Tests.Architecture.Sample.Posts
{
    internal sealed class SampleCardBuilder(ChatOpsReply.Tests.Architecture.Sample.WebConsole.SampleConsoleOptions options)
    {
        public Uri? Link => options.PublicUrl;
    }
}
