using System.Net;

namespace ChatOpsReply.Sources;

/// <summary>
/// Sends one request to a customer platform and says how it went as a value. Nothing here
/// retries or sleeps: the outbox does, and only when the request surely did not arrive.
/// </summary>
public static class PlatformCall
{
    public static async Task<PlatformAnswer> SendAsync(HttpClient http, HttpRequestMessage request, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(time);
        var content = new DepartureContent(request.Content ?? new ByteArrayContent([]));
        request.Content = content;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return new PlatformAnswer((int)response.StatusCode, body, RetryAfter(response, time.GetUtcNow()), null, RequestLeft: true);
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new PlatformAnswer(null, [], null, e is OperationCanceledException ? "no answer in time" : e.Message, content.Departed);
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable))
        {
            return null;
        }

        return response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } when date > now => date - now,
            // X: a 429 says when the window resets, in unix seconds, docs.x.com/x-api/fundamentals/rate-limits
            _ when response.Headers.TryGetValues("x-rate-limit-reset", out var reset)
                && long.TryParse(reset.FirstOrDefault(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
                && DateTimeOffset.FromUnixTimeSeconds(seconds) > now => DateTimeOffset.FromUnixTimeSeconds(seconds) - now,
            _ => null,
        };
    }

    /// <summary>
    /// The request's body, noting when the handler starts writing it: before that the request
    /// never left this machine (safe to retry); after it, the platform may have acted on it.
    /// </summary>
    private sealed class DepartureContent : HttpContent
    {
        private readonly HttpContent _inner;
        private volatile bool _departed;

        public DepartureContent(HttpContent inner)
        {
            _inner = inner;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        public bool Departed => _departed;

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            _departed = true;
            await _inner.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _inner.Headers.ContentLength ?? -1;
            return length >= 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
