using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ScrBot.Bot.Connector;
using ScrBot.Bot.Tests.Infrastructure;

namespace ScrBot.Bot.Tests.Connector;

/// <summary>The sender wired to a fake Bot Connector and to real Tables (Azurite) for its undelivered record.</summary>
public sealed class SenderHarness : IAsyncDisposable
{
    private SenderHarness(FakeBotConnector connector, BotSender sender, IUndeliveredMessages undelivered, TestLogs logs, HttpClient http)
    {
        Connector = connector;
        Sender = sender;
        Undelivered = undelivered;
        Logs = logs;
        _http = http;
    }

    private readonly HttpClient _http;

    public FakeBotConnector Connector { get; }
    public BotSender Sender { get; }
    public IUndeliveredMessages Undelivered { get; }
    public TestLogs Logs { get; }

    public static async Task<SenderHarness> StartAsync(
        AzuriteFixture azurite, TimeProvider? time = null, SenderOptions? options = null, IBotTokenProvider? tokens = null, int appPerSecond = 50)
    {
        time ??= TimeProvider.System;
        options ??= new SenderOptions();
        var connector = await FakeBotConnector.StartAsync();
        connector.Clock = time;
        connector.AppLimitPerSecond = appPerSecond;
        var logs = new TestLogs();
        var loggers = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        var http = new HttpClient();
        var undelivered = new UndeliveredMessagesTable(new BotTables(azurite.ServiceClient()));
        var sender = new BotSender(
            new ConnectorClient(http, tokens ?? new NoToken()),
            new ConnectorRateLimiter(time, appPerSecond, options.WindowMargin),
            undelivered,
            time,
            options,
            loggers.CreateLogger<BotSender>());
        return new SenderHarness(connector, sender, undelivered, logs, http);
    }

    public ConversationReference Conversation(string id) =>
        new(Connector.ServiceUrl, id, Activities.TenantId, ConversationTypes.Personal);

    public static string NewConversationId() => "a:1" + Guid.NewGuid().ToString("N");

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Connector.DisposeAsync();
    }

    /// <summary>Moves fake time on in small steps until <paramref name="task"/> completes, letting the real I/O in between run.</summary>
    public static async Task<T> AdvanceUntilAsync<T>(FakeTimeProvider time, Task<T> task, TimeSpan? step = null, TimeSpan? atMost = null)
    {
        var increment = step ?? TimeSpan.FromMilliseconds(50);
        var limit = atMost ?? TimeSpan.FromMinutes(5);
        var advanced = TimeSpan.Zero;
        while (!task.IsCompleted)
        {
            await Task.WhenAny(task, Task.Delay(2));
            if (task.IsCompleted)
            {
                break;
            }

            if (advanced > limit)
            {
                throw new TimeoutException($"Still not done after {limit} of fake time.");
            }

            time.Advance(increment);
            advanced += increment;
        }

        return await task;
    }

    public sealed class NoToken : IBotTokenProvider
    {
        public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);
    }

    public static JsonObject SmallCard(string text) => new()
    {
        ["type"] = "AdaptiveCard",
        ["version"] = "1.5",
        ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true }),
    };
}
