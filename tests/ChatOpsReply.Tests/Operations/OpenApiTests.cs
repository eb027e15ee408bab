using System.Text.Json.Nodes;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Operations;

/// <summary>Other systems build on two APIs, and the OpenAPI document describes exactly those, with their real shapes.</summary>
public sealed class OpenApiTests : IDisposable
{
    private readonly ServiceHost _host = new();

    [Fact]
    public async Task The_document_describes_the_ingest_and_answers_apis_and_nothing_else()
    {
        using var client = _host.NewClient();

        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/posts", paths);
        Assert.Contains(paths, p => p.StartsWith("/api/answers", StringComparison.Ordinal));
        Assert.All(paths, p => Assert.True(p.StartsWith("/api/posts", StringComparison.Ordinal) || p.StartsWith("/api/answers", StringComparison.Ordinal), p));
        var ingest = document["paths"]!["/api/posts"]!["post"]!;
        Assert.Equal(["202", "400"], ingest["responses"]!.AsObject().Select(r => r.Key).Where(k => k is "202" or "400").Order());
        Assert.NotNull(ingest["requestBody"]!["content"]!["application/json"]);
        var schemas = document["components"]!["schemas"]!.AsObject().Select(s => s.Key).ToList();
        Assert.Contains("IncomingPost", schemas);
        Assert.Contains("IntakeResponse", schemas);
    }

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteFolder();
    }
}
