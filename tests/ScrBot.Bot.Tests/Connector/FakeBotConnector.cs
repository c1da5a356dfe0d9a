using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ScrBot.Bot.Connector;

namespace ScrBot.Bot.Tests.Connector;

/// <summary>
/// A stand-in for the Bot Connector service that Teams runs (it cannot run here), answering the routes of the
/// Bot Connector swagger (specs/bot-connector-api.swagger.json in this repository): send, reply, update, create a
/// conversation, paged members. It records every request, and answers 429 when a request breaks Teams' limits
/// (learn.microsoft.com, "Optimize your bot with rate limiting"), counted on arrival.
/// </summary>
public sealed class FakeBotConnector : IAsyncDisposable
{
    private readonly LoopbackServer _server;
    private readonly ConcurrentQueue<Received> _requests = new();
    private readonly ConcurrentQueue<string> _violations = new();
    private readonly object _limitsGate = new();
    private readonly Dictionary<string, List<long>> _arrivals = new();
    private readonly List<long> _appArrivals = [];
    private readonly object _waitersGate = new();
    private readonly List<(Func<Received, bool> Predicate, TaskCompletionSource<Received> Done)> _waiters = [];
    private int _nextId;

    private FakeBotConnector(LoopbackServer server) => _server = server;

    /// <summary>
    /// Per bot per conversation, for sends, as "Optimize your bot with rate limiting" (learn.microsoft.com) states
    /// them: written out here, not taken from the bot, so that a wrong number in the bot is caught.
    /// </summary>
    public static readonly IReadOnlyList<RateLimit> ConversationSendLimits =
    [
        new(7, TimeSpan.FromSeconds(1)),
        new(8, TimeSpan.FromSeconds(2)),
        new(60, TimeSpan.FromSeconds(30)),
        new(1800, TimeSpan.FromHours(1)),
    ];

    /// <summary>Per bot per conversation, for reads of the members, from the same page.</summary>
    public static readonly IReadOnlyList<RateLimit> MemberReadLimits =
    [
        new(14, TimeSpan.FromSeconds(1)),
        new(16, TimeSpan.FromSeconds(2)),
        new(120, TimeSpan.FromSeconds(30)),
        new(3600, TimeSpan.FromHours(1)),
    ];

    /// <summary>The serviceUrl that activities from this stand-in carry.</summary>
    public Uri ServiceUrl => _server.BaseAddress;

    /// <summary>
    /// Stamps requests and counts them against Teams' limits; a <c>FakeTimeProvider</c> shared with the bot makes
    /// retry timing checkable and lets limits measured in seconds and hours pass without waiting for them.
    /// </summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Whether requests beyond Teams' limits get 429.</summary>
    public bool EnforceLimits { get; set; } = true;

    public int AppLimitPerSecond { get; set; } = 50;

    /// <summary>
    /// Teams refuses a message over about 100 KB counted as UTF-16 with 413 MessageSizeTooBig ("Format your bot
    /// messages", learn.microsoft.com): written out here, not taken from the bot.
    /// </summary>
    public const int MaxMessageBytes = 100 * 1024;

    /// <summary>Forces an answer (status, Retry-After seconds) for a request; null lets it through.</summary>
    public Func<Received, (int Status, int? RetryAfterSeconds)?>? Script { get; set; }

    public List<TeamsChannelAccount> Members { get; } = [];

    public IReadOnlyList<Received> Requests => _requests.ToArray();

    /// <summary>Requests that broke a limit, described.</summary>
    public IReadOnlyList<string> Violations => _violations.ToArray();

    public static async Task<FakeBotConnector> StartAsync()
    {
        FakeBotConnector? self = null;
        var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/v3/conversations/{conversationId}/activities", (HttpContext c, string conversationId) => self!.OnAsync(c, "send", Unescape(conversationId), null));
            app.MapPost("/v3/conversations/{conversationId}/activities/{activityId}", (HttpContext c, string conversationId, string activityId) => self!.OnAsync(c, "reply", Unescape(conversationId), activityId));
            app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", (HttpContext c, string conversationId, string activityId) => self!.OnAsync(c, "update", Unescape(conversationId), activityId));
            app.MapPost("/v3/conversations", (Delegate)((HttpContext c) => self!.OnAsync(c, "create", null, null)));
            app.MapGet("/v3/conversations/{conversationId}/pagedmembers", (HttpContext c, string conversationId) => self!.OnAsync(c, "members", Unescape(conversationId), null));
        });
        self = new FakeBotConnector(server);
        return self;
    }

    /// <summary>Completes when a request matching <paramref name="predicate"/> has arrived (also one that already has).</summary>
    public Task<Received> WaitForAsync(Func<Received, bool> predicate, TimeSpan? timeout = null)
    {
        var done = new TaskCompletionSource<Received>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waitersGate)
        {
            var already = _requests.FirstOrDefault(predicate);
            if (already is not null)
            {
                return Task.FromResult(already);
            }

            _waiters.Add((predicate, done));
        }

        return done.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(30));
    }

    private async Task<IResult> OnAsync(HttpContext context, string operation, string? conversationId, string? activityId)
    {
        var arrived = Clock.GetTimestamp();
        JsonObject? body = null;
        if (context.Request.ContentLength is > 0 || context.Request.Headers.ContentType.Count > 0)
        {
            try
            {
                body = await JsonSerializer.DeserializeAsync<JsonObject>(context.Request.Body);
            }
            catch (JsonException)
            {
                body = null;
            }
        }

        var query = context.Request.QueryString.HasValue ? context.Request.QueryString.Value : null;
        var rawTarget = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? "";
        var provisional = new Received(operation, context.Request.Method, context.Request.Path + (query ?? ""), rawTarget, conversationId, Unescape(activityId), body,
            context.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null, Clock.GetUtcNow(), arrived, 0);

        int status;
        int? retryAfter = null;
        object? answer = null;
        if (Script?.Invoke(provisional) is { } forced)
        {
            (status, retryAfter) = forced;
        }
        else if (body is not null && body.ToJsonString(BotJson.Options).Length * 2 > MaxMessageBytes)
        {
            _violations.Enqueue($"a message of {body.ToJsonString(BotJson.Options).Length * 2 / 1024} KB");
            status = 413;
        }
        else if (EnforceLimits && Breaks(operation, conversationId, arrived) is { } broken)
        {
            _violations.Enqueue(broken);
            status = 429;
            retryAfter = 1;
        }
        else
        {
            status = operation == "update" ? 200 : operation == "members" ? 200 : 201;
            var id = "activity-" + Interlocked.Increment(ref _nextId);
            answer = operation switch
            {
                "create" => new { id = body?["isGroup"]?.GetValue<bool>() == true
                    ? (body["channelData"]?["channel"]?["id"]?.GetValue<string>() ?? "channel") + ";messageid=" + id
                    : "a:created-" + id, activityId = id },
                "update" => new { id = activityId },
                "members" => Page(context),
                _ => new { id },
            };
        }

        var received = provisional with { Status = status };
        _requests.Enqueue(received);
        Signal(received);

        if (retryAfter is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return status is >= 200 and < 300
            ? Results.Json(answer, BotJson.Options, statusCode: status)
            : Results.Json(new { error = new { code = status == 429 ? "TooManyRequests" : status == 413 ? "MessageSizeTooBig" : "Failed", message = "stand-in answer" } }, statusCode: status);
    }

    /// <summary>Route values keep an escaped '/' (%2F) escaped.</summary>
    private static string? Unescape(string? value) => value is null ? null : Uri.UnescapeDataString(value);

    private object Page(HttpContext context)
    {
        var size = int.TryParse(context.Request.Query["pageSize"], out var s) && s > 0 ? s : 50;
        var start = int.TryParse(context.Request.Query["continuationToken"], out var t) ? t : 0;
        var page = Members.Skip(start).Take(size).ToList();
        return new PagedMembersResult
        {
            Members = page,
            ContinuationToken = start + size < Members.Count ? (start + size).ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        };
    }

    private string? Breaks(string operation, string? conversationId, long arrived)
    {
        lock (_limitsGate)
        {
            if (!Fits(_appArrivals, [new RateLimit(AppLimitPerSecond, TimeSpan.FromSeconds(1))], arrived, Clock.TimestampFrequency))
            {
                return $"app limit of {AppLimitPerSecond}/s";
            }

            if (conversationId is not null)
            {
                var reads = operation == "members";
                var key = (reads ? "members|" : "sends|") + conversationId.Split(';')[0];
                if (!_arrivals.TryGetValue(key, out var list))
                {
                    list = [];
                    _arrivals[key] = list;
                }

                var limits = reads ? MemberReadLimits : ConversationSendLimits;
                if (!Fits(list, limits, arrived, Clock.TimestampFrequency))
                {
                    return $"conversation {conversationId} limits";
                }

                list.Add(arrived);
            }

            _appArrivals.Add(arrived);
            return null;
        }
    }

    private static bool Fits(List<long> arrivals, IReadOnlyList<RateLimit> limits, long arrived, long frequency)
    {
        foreach (var limit in limits)
        {
            var from = arrived - (long)(limit.Window.TotalSeconds * frequency);
            var count = 1 + arrivals.Count(a => a > from && a <= arrived);
            if (count > limit.Count)
            {
                return false;
            }
        }

        return true;
    }

    private void Signal(Received received)
    {
        lock (_waitersGate)
        {
            foreach (var waiter in _waiters.Where(w => w.Predicate(received)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult(received);
            }
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    /// <summary>One request as it arrived, and the status it was answered with.</summary>
    public sealed record Received(
        string Operation,
        string Method,
        string Path,
        string RawTarget,
        string? ConversationId,
        string? ActivityId,
        JsonObject? Body,
        string? Authorization,
        DateTimeOffset At,
        long ArrivedTimestamp,
        int Status)
    {
        public string? Text => Body?["text"]?.GetValue<string>();

        public JsonObject? Card => Body?["attachments"]?[0]?["content"] as JsonObject;
    }
}
