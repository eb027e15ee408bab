using ChatOpsReply.Tests.Architecture.Sample.Posts;

namespace ChatOpsReply.Tests.Architecture;

/// <summary>Dependencies inside the service point one way: a lower feature never names a higher one.</summary>
public sealed class LayerTests
{
    [Fact]
    public void No_feature_uses_a_feature_above_it_or_beside_it()
    {
        var violations = Layers.Violations(typeof(Program).Assembly, "ChatOpsReply", Layers.OfTheService);

        Assert.True(violations.Count == 0, "Dependencies that point the wrong way:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Operations_exports_figures_without_knowing_the_features_that_record_them()
    {
        var features = Layers.OfTheService.SelectMany(l => l).Where(n => n is not ("Telemetry" or "Operations")).Select(n => $"ChatOpsReply.{n}").ToArray();

        var result = NetArchTest.Rules.Types.InAssembly(typeof(Program).Assembly).That().ResideInNamespace("ChatOpsReply.Operations").ShouldNot().HaveDependencyOnAny(features).GetResult();

        Assert.True(result.IsSuccessful, "Operations uses feature types: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void The_check_catches_a_lower_layer_naming_a_higher_one()
    {
        // The sample below is the shape issue 10 removed: a card builder in Posts reading the console's options.
        var violations = Layers.Violations(typeof(SampleCardBuilder).Assembly, "ChatOpsReply.Tests.Architecture.Sample", Layers.OfTheService);

        Assert.Equal(
            [
                "ChatOpsReply.Tests.Architecture.Sample.Posts.SampleCardBuilder (Posts) uses WebConsole",
                "ChatOpsReply.Tests.Architecture.Sample.Slack.SampleSlackCard (Slack) uses Teams",
            ],
            violations);
    }

    [Fact]
    public void The_check_catches_two_adapters_naming_each_other()
    {
        var violations = Layers.Violations(typeof(SampleCardBuilder).Assembly, "ChatOpsReply.Tests.Architecture.Sample", [["Slack", "Teams"]]);

        Assert.Equal(["ChatOpsReply.Tests.Architecture.Sample.Slack.SampleSlackCard (Slack) uses Teams"], violations);
    }
}
