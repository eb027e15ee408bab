using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsReply.Tests.Teams;

/// <summary>Teams settings are checked at start: a half-configured bot stops the service with the key to fix.</summary>
public sealed class TeamsConfigurationTests
{
    [Theory]
    [InlineData("--Teams:AppId=5b8e2c7a-1d4f-4e8a-9c3b-6a2f0e1d9c8b", "Teams:AppId, Teams:AppPassword and Teams:TenantId must be set together")]
    [InlineData("--Teams:TokenEndpoint=http://login.example.com/token", "Teams:TokenEndpoint must look like https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token")]
    [InlineData("--Teams:InvokeAnswerWithin=00:00:30", "Teams:InvokeAnswerWithin must be between 00:00:00 and 00:00:10")]
    public async Task A_bad_Teams_setting_stops_the_service_and_names_the_key(string argument, string message)
    {
        var (exitCode, output) = await ServiceProcess.RunUntilExitAsync([argument], TimeSpan.FromSeconds(60));

        Assert.NotNull(exitCode);
        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_Teams_settings_there_is_no_bot_endpoint()
    {
        using var host = new ServiceHost();
        using var client = host.NewClient();

        using var response = await client.PostAsync("/api/messages", new StringContent("{}"));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(host.Services.GetServices<ChatOpsReply.Delivery.IChatSurface>(), s => s.Name == "teams");
        host.DeleteFolder();
    }
}
