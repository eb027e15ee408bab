namespace ChatOpsReply.Sources;

/// <summary>
/// The answers every source webhook gives alike, as problem+json: a bad signature, a body that
/// is too large or malformed (naming the field, never echoing the customer's words), and a
/// store that cannot take the message now (503 with Retry-After, so the platform delivers again).
/// </summary>
public static class SourceProblems
{
    public static IResult BadSignature(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Bad or missing signature", detail: detail);

    public static IResult TooLarge(int maxBytes) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request is too large", detail: $"Bodies are limited to {maxBytes / 1024} KB.");

    public static IResult Malformed(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] }, title: "The request is not valid");

    public static IResult StoreUnavailable(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.RetryAfter = "5";
        return Results.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "The store is unavailable",
            detail: "Nothing was stored. Retry shortly.");
    }
}
