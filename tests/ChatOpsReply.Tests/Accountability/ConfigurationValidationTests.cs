using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Accountability;

/// <summary>A bad setting stops the service at start with a message that names the key.</summary>
public sealed class ConfigurationValidationTests
{
    [Theory]
    [InlineData("Accountability:Queues:2:Chain:0:Members:0", "zed", "Accountability:Queues:2:Chain:0:Members names 'zed', who is not in Accountability:People.")]
    [InlineData("Accountability:People:0:Roles:0", "wizard", "Accountability:People:0:Roles has unknown role 'wizard'")]
    [InlineData("Accountability:DefaultQueue", "sales", "Accountability:DefaultQueue 'sales' is not one of the queues.")]
    [InlineData("Accountability:Queues:1:BusinessHours:TimeZone", "Mars/Olympus", "Accountability:Queues:1:BusinessHours:TimeZone 'Mars/Olympus' is not a known time zone.")]
    [InlineData("Accountability:Queues:1:BusinessHours:Opens", "18:00", "Accountability:Queues:1:BusinessHours:Opens must be before Closes.")]
    [InlineData("Accountability:Queues:0:Chain:1:ClaimWithin", "00:00:00", "Accountability:Queues:0:Chain:1:ClaimWithin must be positive.")]
    [InlineData("Storage:Provider", "Postgres", "Storage:Provider must be \"Sqlite\" or \"Redis\"; it is \"Postgres\".")]
    [InlineData("Guidelines:MinimumWords", "0", "Guidelines:MinimumWords must be at least 1.")]
    [InlineData("Accountability:Queues:1:Sources:0", "e mail", "Accountability:Queues:1:Sources has 'e mail', which is not a source name.")]
    [InlineData("Guidelines:PublicSources:0", "-x", "Guidelines: TextMessageSources, PublicSources and SourceMaxLength name sources.")]
    [InlineData("Sources:Generic:Secret", " ", "Sources:Generic:Secret is blank: set a secret, or remove the setting to have one generated for local senders.")]
    public async Task A_bad_setting_stops_the_service_and_names_the_key(string key, string value, string message)
    {
        var (exitCode, output) = await ServiceProcess.RunUntilExitAsync([$"--{key}={value}"], TimeSpan.FromSeconds(60));

        Assert.NotNull(exitCode);
        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_good_settings_the_service_keeps_running()
    {
        var (exitCode, output) = await ServiceProcess.RunUntilExitAsync([], TimeSpan.FromSeconds(60), runningLine: "ChatOpsReply is running.");

        Assert.Null(exitCode);
        Assert.Contains("ChatOpsReply is running.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("anyone who reaches it can act as anyone", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_identities_on_an_address_others_can_reach_stop_the_service()
    {
        var (exitCode, output) = await ServiceProcess.RunUntilExitAsync(["--urls=http://0.0.0.0:0"], TimeSpan.FromSeconds(60), runningLine: "ChatOpsReply is running.");

        Assert.NotNull(exitCode);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("Console:DemoIdentities is on while listening on http://0.0.0.0:", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--Console:DemoIdentities=false" }, "Console:Authentication:Authority is not set and Console:DemoIdentities is off, so nobody could sign in to the console.")]
    [InlineData(new[] { "--Console:DemoIdentities=false", "--Console:Authentication:Authority=https://login.example.com/" }, "Console:Authentication:ClientId is required with Console:Authentication:Authority.")]
    [InlineData(new[] { "--Console:Authentication:Authority=http://login.example.com/", "--Console:Authentication:ClientId=x" }, "Console:Authentication:Authority must be the provider's https:// issuer URL")]
    [InlineData(new[] { "--Operations:ScrapeToken=short" }, "Operations:ScrapeToken must be at least 16 characters")]
    public async Task A_console_nobody_could_sign_in_to_stops_the_service_naming_the_setting(string[] arguments, string message)
    {
        var (exitCode, output) = await ServiceProcess.RunUntilExitAsync(arguments, TimeSpan.FromSeconds(60), runningLine: "ChatOpsReply is running.");

        Assert.NotNull(exitCode);
        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_console_off_no_sign_in_is_needed()
    {
        var (exitCode, _) = await ServiceProcess.RunUntilExitAsync(["--Console:Enabled=false", "--Console:DemoIdentities=false", "--urls=http://0.0.0.0:0"], TimeSpan.FromSeconds(60), runningLine: "Now listening");

        Assert.Null(exitCode);
    }
}
