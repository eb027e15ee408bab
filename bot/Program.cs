using ChatOpsReply.Accountability;
using ChatOpsReply.Delivery;
using ChatOpsReply.Guidelines;
using ChatOpsReply.Library;
using ChatOpsReply.Operations;
using ChatOpsReply.Posts;
using ChatOpsReply.Slack;
using ChatOpsReply.Sources;
using ChatOpsReply.Storage;
using ChatOpsReply.Teams;
using ChatOpsReply.WebConsole;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddProblemDetails();
builder.Services.AddAccountability();
builder.Services.AddGuidelines();
builder.Services.AddPosts();
builder.Services.AddStorage(builder.Configuration);
builder.Services.AddDelivery();
builder.Services.AddSources(builder.Configuration);
builder.Services.AddConsole(builder.Configuration);
builder.Services.AddSlack(builder.Configuration);
builder.Services.AddOperations();
builder.Services.AddTeams(builder.Configuration);
builder.Services.AddLibrary();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAntiforgery();

app.MapOperations();
app.MapSources();
app.MapConsole();
app.MapSlack();
app.MapTeams();
app.MapLibrary();

var exitCode = HostExitCode.Watch(app.Services);
await app.RunAsync();
return exitCode.Value;

/// <summary>The entry point, public so tests can host the whole service.</summary>
public partial class Program;
