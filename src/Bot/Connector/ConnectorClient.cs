using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ScrBot.Bot.Connector;

/// <summary>
/// The Bot Connector REST API (v3, relative to a conversation's serviceUrl), one request per call, no retries:
/// <see cref="BotSender"/> adds the rate limits, retries and the record of undelivered messages.
/// </summary>
public sealed class ConnectorClient(HttpClient http, IBotTokenProvider tokens, ConnectorHosts? hosts = null)
{
    public const string HttpClientName = "ScrBot.Connector";

    private static readonly ConnectorHosts DefaultHosts = ConnectorHosts.Default(localDevelopment: true);

    /// <summary><c>POST v3/conversations/{conversationId}/activities</c>.</summary>
    public Task<ResourceResponse?> SendToConversationAsync(Uri serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync<ResourceResponse>(HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities", activity, cancellationToken);

    /// <summary><c>POST v3/conversations/{conversationId}/activities/{activityId}</c>.</summary>
    public Task<ResourceResponse?> ReplyToActivityAsync(Uri serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync<ResourceResponse>(HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", activity, cancellationToken);

    /// <summary><c>PUT v3/conversations/{conversationId}/activities/{activityId}</c>: replaces a sent message (a card) in place.</summary>
    public Task<ResourceResponse?> UpdateActivityAsync(Uri serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync<ResourceResponse>(HttpMethod.Put, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", activity, cancellationToken);

    /// <summary><c>POST v3/conversations</c>: a 1:1 chat with a user, or a new thread in a channel.</summary>
    public async Task<ConversationResourceResponse> CreateConversationAsync(Uri serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken) =>
        await SendAsync<ConversationResourceResponse>(HttpMethod.Post, serviceUrl, "v3/conversations", parameters, cancellationToken).ConfigureAwait(false)
        ?? throw new ConnectorException(HttpStatusCode.OK, null, "The Bot Connector created a conversation but returned no id.");

    /// <summary><c>GET v3/conversations/{conversationId}/pagedmembers?pageSize=&amp;continuationToken=</c>.</summary>
    public async Task<PagedMembersResult> GetPagedMembersAsync(Uri serviceUrl, string conversationId, int? pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var query = new List<string>();
        if (pageSize is { } size)
        {
            query.Add("pageSize=" + size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrEmpty(continuationToken))
        {
            query.Add("continuationToken=" + Uri.EscapeDataString(continuationToken));
        }

        var path = $"v3/conversations/{Escape(conversationId)}/pagedmembers" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
        return await SendAsync<PagedMembersResult>(HttpMethod.Get, serviceUrl, path, null, cancellationToken).ConfigureAwait(false)
               ?? new PagedMembersResult();
    }

    private async Task<T?> SendAsync<T>(HttpMethod method, Uri serviceUrl, string path, object? body, CancellationToken cancellationToken)
        where T : class
    {
        if (!(hosts ?? DefaultHosts).Allows(serviceUrl))
        {
            throw new UntrustedServiceUrlException(serviceUrl);
        }

        using var request = new HttpRequestMessage(method, new Uri(WithTrailingSlash(serviceUrl), path));
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body, body.GetType(), BotJson.Options), Encoding.UTF8, "application/json");
        }

        var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            string? code = null;
            try
            {
                var error = await response.Content.ReadFromJsonAsync<ErrorResponse>(BotJson.Options, cancellationToken).ConfigureAwait(false);
                code = error?.Error?.Code;
            }
            catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
            {
                // The error body is optional and not always JSON.
            }

            throw new ConnectorException(response.StatusCode, RetryAfter(response), code);
        }

        if (response.Content.Headers.ContentLength == 0)
        {
            return null;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize<T>(text, BotJson.Options);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date && response.Headers.Date is { } now)
        {
            return date - now > TimeSpan.Zero ? date - now : TimeSpan.Zero;
        }

        return null;
    }

    private static Uri WithTrailingSlash(Uri serviceUrl) =>
        serviceUrl.AbsoluteUri.EndsWith('/') ? serviceUrl : new Uri(serviceUrl.AbsoluteUri + "/");

    private static string Escape(string id) => Uri.EscapeDataString(id);
}

/// <summary>The Bot Connector answered with an error status.</summary>
public sealed class ConnectorException(HttpStatusCode statusCode, TimeSpan? retryAfter, string? errorCode)
    : Exception($"The Bot Connector answered {(int)statusCode}{(errorCode is null ? "" : " (" + errorCode + ")")}.")
{
    public HttpStatusCode StatusCode { get; } = statusCode;
    public TimeSpan? RetryAfter { get; } = retryAfter;
    public string? ErrorCode { get; } = errorCode;
}
