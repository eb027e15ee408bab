using ChatOpsReply.Posts;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Posts;

/// <summary>The README shows the lifecycle exported from the machine itself, so it cannot go stale.</summary>
public sealed class LifecycleDiagramTests
{
    [Fact]
    public void The_README_shows_the_current_lifecycle_diagram()
    {
        var readme = File.ReadAllText(Repository.PathOf("README.md")).ReplaceLineEndings("\n");
        var diagram = PostWorkflow.MermaidDiagram().ReplaceLineEndings("\n").Trim();

        Assert.True(
            readme.Contains("```mermaid\n" + diagram + "\n```", StringComparison.Ordinal),
            "README.md's lifecycle diagram is out of date. Replace the mermaid block with:\n\n" + diagram);
    }

    [Fact]
    public void The_diagram_has_every_state_and_trigger()
    {
        var diagram = PostWorkflow.MermaidDiagram();

        Assert.All(Enum.GetNames<PostState>(), state => Assert.Contains(state, diagram, StringComparison.Ordinal));
        Assert.All(Enum.GetNames<PostTrigger>(), trigger => Assert.Contains($": {trigger} ", diagram, StringComparison.Ordinal));
    }
}
