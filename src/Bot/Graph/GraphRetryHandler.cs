using System.Net;
using Microsoft.Extensions.Logging;

namespace ScrBot.Bot.Graph;

/// <summary>
/// Retries what Graph asks to be retried — 429 (throttled), 503 and 504 — honouring <c>Retry-After</c> (seconds or a
/// date) and otherwise backing off 2, 4, 8 seconds; at most <see cref="MaxRetries"/> times, and never waiting longer
/// than <see cref="MaxWait"/> at once (a longer wait is handed back to the caller as Graph's answer). Waits on the
/// injected <see cref="TimeProvider"/>. A POST is retried too: an event create carries a <c>transactionId</c>, so a
/// retried create makes no second meeting.
/// </summary>
public sealed class GraphRetryHandler(TimeProvider time, ILogger logger) : DelegatingHandler
{
    public const int MaxRetries = 3;
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(120);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        byte[]? body = null;
        if (request.Content is not null)
        {
            body = await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }

        for (var attempt = 0; ; attempt++)
        {
            var response = await base.SendAsync(Copy(request, body, attempt), cancellationToken).ConfigureAwait(false);
            if (!IsRetryable(response.StatusCode) || attempt >= MaxRetries)
            {
                return response;
            }

            var wait = WaitFor(response, attempt);
            if (wait > MaxWait)
            {
                logger.LogWarning("Graph answered {Status} and asked for a wait of {Wait}; not retrying now", (int)response.StatusCode, wait);
                return response;
            }

            logger.LogInformation("Graph answered {Status} to {Method} {Path}; retrying in {Wait}", (int)response.StatusCode, request.Method, request.RequestUri?.AbsolutePath, wait);
            response.Dispose();
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private TimeSpan WaitFor(HttpResponseMessage response, int attempt)
    {
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            }

            if (retryAfter.Date is { } date)
            {
                var until = date - time.GetUtcNow();
                return until < TimeSpan.Zero ? TimeSpan.Zero : until;
            }
        }

        return TimeSpan.FromSeconds(Math.Pow(2, attempt + 1));
    }

    private static HttpRequestMessage Copy(HttpRequestMessage original, byte[]? body, int attempt)
    {
        if (attempt == 0)
        {
            if (body is not null)
            {
                var first = new ByteArrayContent(body);
                foreach (var header in original.Content!.Headers)
                {
                    first.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                original.Content = first;
            }

            return original;
        }

        var copy = new HttpRequestMessage(original.Method, original.RequestUri) { Version = original.Version };
        foreach (var header in original.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (var option in original.Options)
        {
            ((IDictionary<string, object?>)copy.Options)[option.Key] = option.Value;
        }

        copy.Headers.Remove("Retry-Attempt");
        copy.Headers.TryAddWithoutValidation("Retry-Attempt", attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (body is not null)
        {
            copy.Content = new ByteArrayContent(body);
            foreach (var header in original.Content!.Headers)
            {
                copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return copy;
    }
}
