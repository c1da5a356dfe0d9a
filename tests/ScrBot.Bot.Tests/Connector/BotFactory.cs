using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ScrBot.Bot.Connector;
using ScrBot.Bot.Hosting;
using ScrBot.Bot.Routing;

namespace ScrBot.Bot.Tests.Connector;

/// <summary>
/// The real bot host (Program) in memory, configured by settings named as the environment variables are
/// (<c>Bot__AppId</c>, ...), with optional extra services, and its log lines captured.
/// </summary>
public sealed class BotFactory(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    /// <summary>
    /// One host built at a time in this process: the minimal hosting model finds the host Program builds through a
    /// process-wide diagnostic listener, so a host built at the same moment (another Playground fixture, a Bot Connector
    /// or Graph stand-in starting in parallel) can be handed to the factory instead of the bot's. Every in-process host
    /// of the tests is built under this lock (<see cref="BuildAlone{T}"/>).
    /// </summary>
    private static readonly Lock HostBuilding = new();

    /// <summary>
    /// Starts an in-process web host while no other is being built: the synchronous part of <paramref name="start"/>
    /// (where the host is built) runs under the lock that <see cref="CreateHost"/> takes.
    /// </summary>
    public static Task<T> BuildAlone<T>(Func<Task<T>> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        lock (HostBuilding)
        {
            return start();
        }
    }

    public TestLogs Logs { get; } = new();

    protected override IHost CreateHost(IHostBuilder builder)
    {
        lock (HostBuilding)
        {
            return base.CreateHost(builder);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (name, value) in settings)
        {
            builder.UseSetting(name.Replace("__", ":", StringComparison.Ordinal), value);
        }

        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(Logs);
            logging.SetMinimumLevel(LogLevel.Debug);
        });
        builder.ConfigureTestServices(s => services?.Invoke(s));
    }

    /// <summary>Posts an activity to /api/messages, with a bearer token when one is given.</summary>
    public async Task<HttpResponseMessage> PostActivityAsync(JsonObject activity, string? token = null, string? authorization = null)
    {
        using var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(activity) };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        else if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Settings for a local bot: no app id, the given Azurite, nothing else.</summary>
    public static Dictionary<string, string?> LocalSettings(string tablesConnectionString) => new()
    {
        ["Storage__TablesConnectionString"] = tablesConnectionString,
    };
}

/// <summary>Log lines the host wrote, for checking what is (and is not) logged.</summary>
public sealed class TestLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> _lines = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<(string Category, LogLevel Level, string Message)> Lines => _lines.ToArray();

    /// <summary>Completes when the next line is logged.</summary>
    public Task NextLine() => Volatile.Read(ref _next).Task;

    /// <summary>Waits until at least <paramref name="count"/> logged lines start with <paramref name="start"/>.</summary>
    public async Task WaitForAsync(string start, int count = 1, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(1));
        while (true)
        {
            var next = NextLine();
            if (Lines.Count(l => l.Message.StartsWith(start, StringComparison.Ordinal)) >= count)
            {
                return;
            }

            await next.WaitAsync(deadline.Token);
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    private void Add((string, LogLevel, string) line)
    {
        _lines.Enqueue(line);
        var next = Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        next.TrySetResult();
    }

    public void Dispose()
    {
    }

    private sealed class Logger(string category, TestLogs logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Add((category, logLevel, formatter(state, exception) + (exception is null ? "" : " " + exception)));
    }
}

/// <summary>Counts the turns a test handler was given.</summary>
public sealed class HandlerCalls
{
    private int _count;

    public int Count => _count;

    public ConcurrentQueue<TurnContext> Turns { get; } = new();

    /// <summary>What a slow handler waits for before it answers.</summary>
    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Add(TurnContext context)
    {
        Turns.Enqueue(context);
        Interlocked.Increment(ref _count);
    }
}

/// <summary>A command <c>ping</c> that only records that it ran.</summary>
public sealed class PingCommand(HandlerCalls calls) : ICommandHandler
{
    public string Command => "ping";

    public string Description => "Check that the bot answers";

    public Task HandleAsync(TurnContext context, string arguments)
    {
        calls.Add(context);
        return Task.CompletedTask;
    }
}

/// <summary>Activities shaped as Teams (and the Agents Playground) send them.</summary>
public static class Activities
{
    public const string TenantId = "5c0b5a7e-0000-4000-8000-000000000001";
    public const string BotId = "28:" + OpenIdServer.AppId;
    public const string UserId = "29:alex-wilber";
    public const string UserAadObjectId = "5c0b5a7e-0000-4000-8000-000000000020";

    public static string NewId() => Guid.NewGuid().ToString("N");

    public static JsonObject Message(string serviceUrl, string text, string? conversationId = null, string? id = null, string conversationType = ConversationTypes.Personal) => new()
    {
        ["type"] = "message",
        ["id"] = id ?? NewId(),
        ["timestamp"] = "2027-03-12T10:00:00.000Z",
        ["serviceUrl"] = serviceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = UserId, ["name"] = "Alex Wilber", ["aadObjectId"] = UserAadObjectId },
        ["conversation"] = new JsonObject
        {
            ["id"] = conversationId ?? "a:personal-" + NewId(),
            ["conversationType"] = conversationType,
            ["tenantId"] = TenantId,
            ["isGroup"] = conversationType != ConversationTypes.Personal ? true : null,
        },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "ScrBot" },
        ["text"] = text,
        ["textFormat"] = "plain",
        ["locale"] = "en-GB",
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
    };

    public static JsonObject CardAction(string serviceUrl, string verb, JsonObject? data = null, string? conversationId = null, string? replyToId = "card-1")
    {
        var activity = Message(serviceUrl, "", conversationId);
        activity.Remove("text");
        activity.Remove("textFormat");
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = replyToId;
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data ?? new JsonObject() },
            ["trigger"] = "manual",
        };
        return activity;
    }
}
