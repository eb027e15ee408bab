using ChatOpsReply.Accountability;
using ChatOpsReply.CommandLine;
using ChatOpsReply.Crises;
using ChatOpsReply.Delivery;
using ChatOpsReply.Demo;
using ChatOpsReply.Guidelines;
using ChatOpsReply.Library;
using ChatOpsReply.Operations;
using ChatOpsReply.Posts;
using ChatOpsReply.Privacy;
using ChatOpsReply.Slack;
using ChatOpsReply.Sources;
using ChatOpsReply.Storage;
using ChatOpsReply.Teams;
using ChatOpsReply.WebConsole;
using ChatOpsReply.WebConsole.SignIn;

// The service runs unless a verb is given (audit verify, customer erase, backup: bot/CommandLine); "--demo" seeds
// a working team's posts and answers into an empty store (bot/Demo).
var invocation = CommandLineInvocation.Parse(args);
if (invocation.Refusal is { } refusal)
{
    await Console.Error.WriteLineAsync($"{refusal}\n\n{CommandLineInvocation.Usage}");
    return 2;
}

var builder = WebApplication.CreateBuilder([.. invocation.HostArguments]);

builder.Services.AddProblemDetails();
builder.Services.AddAccountability();
builder.Services.AddGuidelines();
builder.Services.AddPosts();
builder.Services.AddCrises();
builder.Services.AddStorage(builder.Configuration);
builder.Services.AddDelivery();
builder.Services.AddSources(builder.Configuration);
builder.Services.AddConsole(builder.Configuration);
builder.Services.AddSlack(builder.Configuration);
builder.Services.AddOperations(builder.Configuration);
builder.Services.AddTeams(builder.Configuration);
builder.Services.AddLibrary();
builder.Services.AddPrivacy();
builder.Services.AddDemo();

var app = builder.Build();
if (invocation.Verb is { } verb)
{
    return await CommandLineVerbs.RunAsync(verb, app.Services, Console.Out, CancellationToken.None);
}


// Behind a proxy (Console:ForwardedHeaders), first: everything after sees the client's address and scheme.
app.UseForwardedHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseConsoleSecurityHeaders();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.UseOperationsAccess();

app.MapOperations();
app.MapSources();
app.MapConsole();
app.MapSlack();
app.MapTeams();
app.MapLibrary();
app.MapPrivacy();

await app.SeedDemoAsync(invocation.Demo);
var exitCode = HostExitCode.Watch(app.Services);
await app.RunAsync();
return exitCode.Value;

/// <summary>The entry point, public so tests can host the whole service.</summary>
public partial class Program;
