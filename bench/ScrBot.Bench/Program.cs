// How close the sender comes to the fastest schedule Teams' limits allow.
//
//   dotnet run -c Release --project bench/ScrBot.Bench
//
// Each scenario sends every message at once through the real BotSender to a local stand-in of the Bot Connector
// that answers at once and counts, on arrival, any request beyond Teams' limits. The fastest schedule is the one
// that sends each request the moment every limit permits it, with requests taking no time at all; the sender's
// schedule is measured from the first arrival to the last. Figures are printed, not asserted.
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ScrBot.Bot.Connector;
using Activity = ScrBot.Bot.Connector.Activity;

var scenarios = new[]
{
    new Scenario("500 messages to 50 conversations, app limit 50/s", Conversations: 50, PerConversation: 10, AppPerSecond: 50),
    new Scenario("20 messages to one conversation", Conversations: 1, PerConversation: 20, AppPerSecond: 50),
    new Scenario("200 messages to 10 conversations, app limit 100/s", Conversations: 10, PerConversation: 20, AppPerSecond: 100),
};

Console.WriteLine("ScrBot sender benchmark: fastest schedule the limits allow vs the sender's, on loopback");
Console.WriteLine();
Console.WriteLine($"{"scenario",-52} {"fastest",9} {"sender",9} {"ratio",7} {"over limit",11} {"lost",5} {"dup",4}");
var worst = 1.0;
foreach (var scenario in scenarios)
{
    var result = await RunAsync(scenario);
    worst = Math.Min(worst, result.Ratio);
    Console.WriteLine(
        $"{scenario.Name,-52} {result.Fastest.TotalSeconds,8:0.000}s {result.Actual.TotalSeconds,8:0.000}s {result.Ratio,6:P1} {result.OverLimit,11} {result.Lost,5} {result.Duplicated,4}");
}

Console.WriteLine();
Console.WriteLine($"Lowest ratio: {worst:P1} (aim: at least 90%)");
return 0;

static async Task<Outcome> RunAsync(Scenario scenario)
{
    await using var connector = await StandIn.StartAsync(scenario.AppPerSecond);
    using var http = new HttpClient();
    var sender = new BotSender(
        new ConnectorClient(http, new NoToken()),
        new ConnectorRateLimiter(TimeProvider.System, scenario.AppPerSecond, TimeSpan.Zero),
        new Undelivered(),
        TimeProvider.System,
        new SenderOptions(),
        NullLogger<BotSender>.Instance);

    // Warm up the HTTP stack on a conversation of its own, then let its window pass.
    await sender.SendAsync(new ConversationReference(connector.ServiceUrl, "a:warm-up", null, ConversationTypes.Personal), Activity.Message("warm-up"));
    await Task.Delay(TimeSpan.FromSeconds(1.1));
    connector.Reset();

    var conversations = Enumerable.Range(0, scenario.Conversations).Select(i => "a:bench-" + i.ToString(CultureInfo.InvariantCulture)).ToList();
    var sends = new List<Task<SendResult>>();
    for (var message = 0; message < scenario.PerConversation; message++)
    {
        foreach (var conversation in conversations)
        {
            sends.Add(sender.SendAsync(
                new ConversationReference(connector.ServiceUrl, conversation, null, ConversationTypes.Personal),
                Activity.Message(conversation + "|" + message.ToString(CultureInfo.InvariantCulture))));
        }
    }

    await Task.WhenAll(sends);
    var arrivals = connector.Arrivals;
    var first = arrivals.Min(a => a.At);
    var last = arrivals.Max(a => a.At);
    var actual = TimeSpan.FromSeconds((last - first) / (double)Stopwatch.Frequency);
    var fastest = FastestSchedule(scenario);
    var texts = arrivals.Where(a => a.Status == 201).Select(a => a.Text).ToList();
    return new Outcome(
        fastest,
        actual,
        actual <= TimeSpan.Zero ? 1 : fastest / actual,
        connector.OverLimit,
        scenario.Conversations * scenario.PerConversation - texts.Distinct().Count(),
        texts.Count - texts.Distinct().Count());
}

// Sends each request at the earliest moment every limit permits it, requests taking no time; ties go to the
// conversation with the most left to send. For these workloads this meets the lower bound (the app's limit, or one
// conversation's own limits), so no schedule is faster.
static TimeSpan FastestSchedule(Scenario scenario)
{
    var app = new List<double>();
    var perConversation = Enumerable.Range(0, scenario.Conversations).Select(_ => new List<double>()).ToList();
    var remaining = Enumerable.Repeat(scenario.PerConversation, scenario.Conversations).ToArray();
    var appLimits = TeamsLimits.App(scenario.AppPerSecond);
    var last = 0.0;
    for (var sent = 0; sent < scenario.Conversations * scenario.PerConversation; sent++)
    {
        var best = -1;
        var bestTime = double.MaxValue;
        for (var c = 0; c < scenario.Conversations; c++)
        {
            if (remaining[c] == 0)
            {
                continue;
            }

            var t = 0.0;
            while (true)
            {
                var next = Math.Max(Earliest(perConversation[c], TeamsLimits.ConversationSends, t), Earliest(app, appLimits, t));
                if (next <= t)
                {
                    break;
                }

                t = next;
            }

            // Ties go to the conversation with the most left to send, which keeps every conversation moving.
            if (t < bestTime || (t == bestTime && remaining[c] > remaining[best]))
            {
                bestTime = t;
                best = c;
            }
        }

        perConversation[best].Add(bestTime);
        app.Add(bestTime);
        remaining[best]--;
        last = Math.Max(last, bestTime);
    }

    var appBound = (Math.Ceiling(scenario.Conversations * scenario.PerConversation / (double)scenario.AppPerSecond) - 1) * 1.0;
    var single = new List<double>();
    for (var i = 0; i < scenario.PerConversation; i++)
    {
        single.Add(Earliest(single, TeamsLimits.ConversationSends, single.Count == 0 ? 0 : single[^1]));
    }

    var bound = Math.Max(appBound, single[^1]);
    if (last > bound + 1e-9)
    {
        Console.WriteLine($"  (the schedule found, {last:0.000}s, is above the lower bound {bound:0.000}s)");
    }

    return TimeSpan.FromSeconds(last);
}

// The earliest time at or after t when one more request keeps every limit (at most n in any window (s - w, s]),
// given earlier requests in time order, none later than t.
static double Earliest(List<double> times, IReadOnlyList<RateLimit> limits, double t)
{
    foreach (var limit in limits)
    {
        if (times.Count >= limit.Count)
        {
            t = Math.Max(t, times[times.Count - limit.Count] + limit.Window.TotalSeconds);
        }
    }

    return t;
}

internal sealed record Scenario(string Name, int Conversations, int PerConversation, int AppPerSecond);

internal sealed record Outcome(TimeSpan Fastest, TimeSpan Actual, double Ratio, int OverLimit, int Lost, int Duplicated);

internal sealed class NoToken : IBotTokenProvider
{
    public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);
}

internal sealed class Undelivered : IUndeliveredMessages
{
    public Task RecordAsync(UndeliveredMessage message, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<UndeliveredMessage>> ListAsync(DateTimeOffset? since, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<UndeliveredMessage>>([]);
}

/// <summary>A stand-in for the Bot Connector's send route that answers at once and counts requests over Teams' limits.</summary>
internal sealed class StandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly object _gate = new();
    private readonly List<(long At, string Conversation, string? Text, int Status)> _arrivals = [];
    private readonly int _appPerSecond;

    private StandIn(WebApplication app, int appPerSecond)
    {
        _app = app;
        _appPerSecond = appPerSecond;
    }

    public Uri ServiceUrl { get; private set; } = null!;

    public int OverLimit { get; private set; }

    public IReadOnlyList<(long At, string Conversation, string? Text, int Status)> Arrivals
    {
        get
        {
            lock (_gate)
            {
                return _arrivals.ToList();
            }
        }
    }

    public static async Task<StandIn> StartAsync(int appPerSecond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new StandIn(app, appPerSecond);
        app.MapPost("/v3/conversations/{conversationId}/activities", async (HttpContext context, string conversationId) =>
        {
            var at = Stopwatch.GetTimestamp();
            var activity = await context.Request.ReadFromJsonAsync<Activity>(BotJson.Options);
            var status = standIn.Admit(at, Uri.UnescapeDataString(conversationId), activity?.Text);
            return status == 201 ? Results.Json(new ResourceResponse { Id = "1" }, statusCode: 201) : Results.StatusCode(status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        standIn.ServiceUrl = new Uri(address.TrimEnd('/') + "/");
        return standIn;
    }

    public void Reset()
    {
        lock (_gate)
        {
            _arrivals.Clear();
            OverLimit = 0;
        }
    }

    private int Admit(long at, string conversation, string? text)
    {
        lock (_gate)
        {
            var fits = Fits(_arrivals.Where(a => a.Status == 201).Select(a => a.At), TeamsLimits.App(_appPerSecond), at)
                       && Fits(_arrivals.Where(a => a.Status == 201 && a.Conversation == conversation).Select(a => a.At), TeamsLimits.ConversationSends, at);
            var status = fits ? 201 : 429;
            if (!fits)
            {
                OverLimit++;
            }

            _arrivals.Add((at, conversation, text, status));
            return status;
        }
    }

    private static bool Fits(IEnumerable<long> earlier, IReadOnlyList<RateLimit> limits, long at)
    {
        var list = earlier.ToList();
        return limits.All(limit =>
        {
            var from = at - (long)(limit.Window.TotalSeconds * Stopwatch.Frequency);
            return list.Count(a => a > from && a <= at) + 1 <= limit.Count;
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
