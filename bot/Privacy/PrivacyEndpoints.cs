using System.Text.Json;
using System.Text.Json.Serialization;
using ChatOpsReply.Accountability;
using ChatOpsReply.Http;
using ChatOpsReply.Library.Api;
using ChatOpsReply.Posts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatOpsReply.Privacy;

/// <summary>
/// The admin API: <c>POST /api/customers/erasure</c> with <c>{"source": "x", "handle": "@ana"}</c>,
/// authenticated like the answers API (<c>Authorization: Bearer</c> a key from Library:ApiKeys),
/// whose key must have the admin role. The customer travels in the body, never the URL, so access
/// logs do not keep who asked to be forgotten.
/// </summary>
public static class PrivacyEndpoints
{
    private const int MaxBody = 4096;

    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.Section)
            .Validate(o => o.RetentionDays is null or >= 1, $"{PrivacyOptions.Section}:RetentionDays must be at least 1 (or unset, to keep posts' text for ever).")
            .Validate(o => o.SweepInterval >= TimeSpan.FromSeconds(1) && o.SweepInterval <= TimeSpan.FromDays(1), $"{PrivacyOptions.Section}:SweepInterval must be between 00:00:01 and 1.00:00:00.")
            .ValidateOnStart();
        services.AddSingleton<CustomerErasure>();
        services.AddSingleton<RetentionSweep>();
        services.AddHostedService(s => s.GetRequiredService<RetentionSweep>());
        return services;
    }

    public static IEndpointRouteBuilder MapPrivacy(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/customers/erasure", EraseAsync).DisableAntiforgery()
            .Produces<ErasureResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<Results<Ok<ErasureResponse>, ProblemHttpResult>> EraseAsync(HttpContext http, AnswerApiKeys keys, CustomerErasure erasure, CancellationToken cancellationToken)
    {
        // The key is checked before anything of the request is read.
        var header = http.Request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        if (keys.Find(presented) is not { } caller)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"admin\"";
            return Problem(StatusCodes.Status401Unauthorized, "An admin API key is required", "Send a key from Library:ApiKeys with the admin role as \"Authorization: Bearer <key>\".");
        }

        if (!caller.Roles.Contains(Roles.Admin))
        {
            return Problem(StatusCodes.Status403Forbidden, "Only an admin key may erase a customer", $"The key {caller.Name} has the role {string.Join(", ", caller.Roles)}.");
        }

        var body = await RequestBody.ReadAsync(http.Request, MaxBody, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "The request is too large", $"Send at most {MaxBody} bytes: {{\"source\": \"x\", \"handle\": \"@ana\"}}.");
        }

        ErasureRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(body, PrivacyJson.Default.ErasureRequest);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            return Problem(StatusCodes.Status400BadRequest, "The body is not the JSON expected", "Send {\"source\": \"x\", \"handle\": \"@ana\"}.");
        }

        foreach (var (field, value) in new[] { ("source", request?.Source), ("handle", request?.Handle) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return Problem(StatusCodes.Status400BadRequest, $"\"{field}\" is required", "Send {\"source\": \"x\", \"handle\": \"@ana\"}.");
            }
        }

        try
        {
            var report = await erasure.EraseAsync(request!.Source!.Trim(), request.Handle!.Trim(), caller, "admin API", cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(new ErasureResponse(report.Posts, report.AuditEvents, report.Replies, report.Drafts, report.Consent, report.Sentence));
        }
        catch (StoreUnavailableException)
        {
            return Problem(StatusCodes.Status503ServiceUnavailable, "The store is unavailable", "Send the same request again in a moment: an erasure is safe to repeat.");
        }
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) => TypedResults.Problem(statusCode: status, title: title, detail: detail);
}

public sealed record ErasureRequest(string? Source, string? Handle);

public sealed record ErasureResponse(int Posts, int AuditEvents, int Replies, int Drafts, bool Consent, string Summary);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ErasureRequest))]
[JsonSerializable(typeof(ErasureResponse))]
internal sealed partial class PrivacyJson : JsonSerializerContext;
