using ChatOpsReply.Accountability;
using ChatOpsReply.Guidelines;
using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Tests.Accountability;

/// <summary>The documented sample is a configuration the service accepts, and the shipped demo one too.</summary>
public sealed class SampleConfigurationTests
{
    [Theory]
    [InlineData("appsettings.sample.json")]
    [InlineData("bot/appsettings.json")]
    public void The_configuration_file_passes_validation(string file)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Repository.PathOf(file.Split('/'))).Build();
        var accountability = configuration.GetSection(AccountabilityOptions.Section).Get<AccountabilityOptions>()!;

        var result = new AccountabilityOptionsValidator().Validate(null, accountability);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.NotEmpty(new AccountabilityPolicy(Options.Create(accountability)).Queues);
    }

    [Fact]
    public void The_sample_sets_every_guideline_to_its_documented_default()
    {
        var configured = new ConfigurationBuilder().AddJsonFile(Repository.PathOf("appsettings.sample.json")).Build()
            .GetSection(GuidelineOptions.Section).Get<GuidelineOptions>()!;
        var defaults = new GuidelineOptions();

        Assert.Equal((defaults.MinimumWords, defaults.TextMessageMaxLength, defaults.MaxTextsPerCustomer, defaults.TextWindow), (configured.MinimumWords, configured.TextMessageMaxLength, configured.MaxTextsPerCustomer, configured.TextWindow));
        Assert.Equal(GuidelineOptions.DefaultOptOutKeywords, configured.OptOutKeywords);
        Assert.Equal(GuidelineOptions.DefaultTextMessageSources, configured.TextMessageSources);
    }

    [Fact]
    public async Task The_service_starts_with_the_sample_configuration_and_takes_posts()
    {
        using var host = new ServiceHost(
            new Dictionary<string, string?> { ["Sources:Generic:Secret"] = TestConfig.GenericSecret, ["Delivery:RunInBackground"] = "false", ["Sla:RunInBackground"] = "false" },
            configurationJson: File.ReadAllText(Repository.PathOf("appsettings.sample.json")));

        var postId = await host.ReceiveAsync("I was charged twice for one invoice", source: "facebook");

        Assert.Equal("billing", (await host.PostAsync(postId)).Queue);
        host.DeleteFolder();
    }
}
