using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ScrBot.Bot.Tests.Connector;
using ScrBot.Bot.Tests.Infrastructure;

namespace ScrBot.Bot.Tests.EndToEnd;

/// <summary>
/// The bot end to end in the Microsoft 365 Agents Playground (npm <c>@microsoft/m365agentsplayground</c>, pinned in
/// tools/): a real Azurite, the real bot host on a free loopback port (no app id, as in local development), and one
/// Playground per mock person (tools/playground/mock-users.json), each that person's own Teams client. Switch the
/// acting person with <see cref="AsAsync"/>; read a person's chats through their <see cref="PlaygroundSession"/>
/// and a channel through <see cref="ChannelMessages"/>.
/// Derive from it to add services to the bot (<see cref="ConfigureBotServices"/>) or settings (<see cref="ConfigureBotSettings"/>).
/// </summary>
public class PlaygroundFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<Task<PlaygroundSession>>> _sessions = new(StringComparer.OrdinalIgnoreCase);
    private BotFactory? _bot;
    private string _work = "";

    public AzuriteFixture Azurite { get; } = new();

    /// <summary>The mock people, chats and team (tools/playground/mock-users.json).</summary>
    public MockTenant Tenant { get; private set; } = null!;

    /// <summary>The bot's messaging endpoint, e.g. http://127.0.0.1:41234/api/messages.</summary>
    public Uri BotEndpoint { get; private set; } = null!;

    /// <summary>The running bot's services (its stores, its sender, its settings).</summary>
    public IServiceProvider BotServices => _bot!.Services;

    /// <summary>What the bot logged.</summary>
    public TestLogs BotLogs => _bot!.Logs;

    public static string ToolsDirectory => Path.Combine(AzuriteFixture.RepositoryRoot(), "tools");

    /// <summary>Extra services for the bot (handlers, a FakeTimeProvider, ...).</summary>
    protected virtual void ConfigureBotServices(IServiceCollection services)
    {
    }

    /// <summary>Extra settings for the bot, named as the environment variables are (<c>Graph__BaseUrl</c>, ...).</summary>
    protected virtual void ConfigureBotSettings(IDictionary<string, string?> settings)
    {
    }

    public async Task InitializeAsync()
    {
        var playground = Path.Combine(ToolsDirectory, "node_modules", "@microsoft", "m365agentsplayground", "cli.js");
        if (!File.Exists(playground))
        {
            throw new InvalidOperationException($"The Agents Playground is not installed at {playground}. Run 'npm ci' in tools/.");
        }

        Tenant = MockTenant.Load(Path.Combine(ToolsDirectory, "playground", "mock-users.json"));
        _work = Path.Combine(Path.GetTempPath(), "scrbot-playground-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_work);

        await Azurite.InitializeAsync();
        var settings = BotFactory.LocalSettings(Azurite.ConnectionString);
        ConfigureBotSettings(settings);
        // A free port can be taken by another test before Kestrel binds it: try again on another.
        for (var attempt = 1; ; attempt++)
        {
            var port = AzuriteFixture.FreePort();
            _bot = new BotFactory(settings, ConfigureBotServices);
            _bot.UseKestrel(port);
            try
            {
                _bot.StartServer();
                BotEndpoint = new Uri($"http://127.0.0.1:{port}/api/messages");
                return;
            }
            catch (IOException) when (attempt < 5)
            {
                await _bot.DisposeAsync();
            }
        }
    }

    /// <summary>The Playground of this mock person (by name, first name, Teams id or aadObjectId), started on first use.</summary>
    public Task<PlaygroundSession> AsAsync(string person)
    {
        var who = Tenant.Find(person);
        return _sessions.GetOrAdd(who.Id, _ => new Lazy<Task<PlaygroundSession>>(() =>
            PlaygroundSession.StartAsync(who, BotEndpoint, Path.Combine(_work, who.Id.Replace(':', '-'))))).Value;
    }

    /// <summary>The Playgrounds started so far.</summary>
    public IReadOnlyList<PlaygroundSession> Sessions =>
        _sessions.Values.Where(l => l.IsValueCreated && l.Value.IsCompletedSuccessfully).Select(l => l.Value.Result).ToList();

    /// <summary>
    /// The messages in a team channel (threads and replies), as every started Playground has seen them: the bot posts
    /// to the channel through the Playground its channel reference was kept from.
    /// </summary>
    public IReadOnlyList<PlaygroundMessage> ChannelMessages(string channelId) =>
        Sessions.SelectMany(s => s.Messages.Where(m => m.ChannelOrChatId == channelId)).OrderBy(m => m.Timestamp).ToList();

    /// <summary>Waits for a message in a team channel to match, in any started Playground.</summary>
    public async Task<PlaygroundMessage> WaitForChannelMessageAsync(string channelId, Func<PlaygroundMessage, bool> predicate, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? PlaygroundSession.DefaultTimeout);
        while (true)
        {
            var changes = Sessions.Select(s => s.NextChange()).ToList();
            var found = ChannelMessages(channelId).FirstOrDefault(predicate);
            if (found is not null)
            {
                return found;
            }

            try
            {
                await Task.WhenAny(changes).WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No matching message in channel {channelId}; it has: {Describe(ChannelMessages(channelId))}");
            }
        }
    }

    /// <summary>Waits until a condition on the bot's state holds, checking again whenever the bot logs something.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? PlaygroundSession.DefaultTimeout);
        while (true)
        {
            var next = BotLogs.NextLine();
            if (await condition())
            {
                return;
            }

            try
            {
                await next.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("Waited in vain for " + what);
            }
        }
    }

    internal static string Describe(IEnumerable<PlaygroundMessage> messages) =>
        "[" + string.Join(", ", messages.Select(m => m.ToString())) + "]";

    public async Task DisposeAsync()
    {
        foreach (var session in Sessions)
        {
            await session.DisposeAsync();
        }

        if (_bot is not null)
        {
            await _bot.DisposeAsync();
        }

        await Azurite.DisposeAsync();
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // A Playground may still be closing its log file.
        }
    }
}

/// <summary>A mock person of the Playground (tools/playground/mock-users.json).</summary>
public sealed record MockPerson(string Id, string Name, string AadObjectId, string Email, string PersonalChatId, string SuggestedRole);

/// <summary>The mock tenant: its people, the group chat and the team with its channels.</summary>
public sealed record MockTenant(string TenantId, string BotId, IReadOnlyList<MockPerson> People, string GroupChatId, string TeamId, string ChannelId, string ChannelName)
{
    /// <summary>The team's General channel: its id is the team's id.</summary>
    public string GeneralChannelId => TeamId;

    public static MockTenant Load(string path)
    {
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        var people = json["users"]!.AsArray().Select(u => new MockPerson(
            u!["id"]!.GetValue<string>(), u["name"]!.GetValue<string>(), u["aadObjectId"]!.GetValue<string>(),
            u["email"]!.GetValue<string>(), u["personalChatId"]!.GetValue<string>(), u["suggestedRole"]!.GetValue<string>())).ToList();
        return new MockTenant(
            json["tenantId"]!.GetValue<string>(), json["bot"]!["id"]!.GetValue<string>(), people,
            json["groupChat"]!["id"]!.GetValue<string>(), json["team"]!["id"]!.GetValue<string>(),
            json["team"]!["channel"]!["id"]!.GetValue<string>(), json["team"]!["channel"]!["name"]!.GetValue<string>());
    }

    public MockPerson Find(string who) =>
        People.FirstOrDefault(p => new[] { p.Name, p.Name.Split(' ')[0], p.Id, p.AadObjectId, p.Email }.Any(v => v.Equals(who, StringComparison.OrdinalIgnoreCase)))
        ?? throw new ArgumentException($"No mock person '{who}'; there are {string.Join(", ", People.Select(p => p.Name))}.", nameof(who));
}

/// <summary>A message as a Playground shows it: text and/or Adaptive Cards, from the bot or a person.</summary>
public sealed record PlaygroundMessage(
    string MessageId,
    string ChannelOrChatId,
    string? PostConversationId,
    string FromId,
    string? Text,
    IReadOnlyList<JsonObject> Cards,
    long Timestamp)
{
    /// <summary>The conversation to act in: a channel post's own conversation, or the chat.</summary>
    public string ConversationId => PostConversationId ?? ChannelOrChatId;

    public JsonObject? Card => Cards.Count > 0 ? Cards[0] : null;

    public bool FromBot(MockTenant tenant) => FromId == tenant.BotId;

    /// <summary>The card's buttons: title, verb (Action.Execute) and data.</summary>
    public IReadOnlyList<(string Title, string? Verb, JsonObject Data, string Type)> Buttons =>
        Card?["actions"] is JsonArray actions
            ? actions.Select(a => (a!["title"]?.GetValue<string>() ?? "", a["verb"]?.GetValue<string>(), a["data"] as JsonObject ?? [], a["type"]!.GetValue<string>())).ToList()
            : [];

    /// <summary>All text on the card (TextBlocks, FactSet titles and values), for assertions.</summary>
    public string CardText => Card is null ? "" : string.Join("\n", Texts(Card));

    private static IEnumerable<string> Texts(JsonNode node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "TextBlock" => [o["text"]?.GetValue<string>() ?? ""],
        JsonObject o when o["type"]?.GetValue<string>() == "FactSet" => o["facts"]!.AsArray().SelectMany(f => new[] { f!["title"]!.GetValue<string>(), f["value"]!.GetValue<string>() }),
        JsonObject o => o.Where(p => p.Key != "actions" && p.Value is not null).SelectMany(p => Texts(p.Value!)),
        JsonArray a => a.Where(n => n is not null).SelectMany(n => Texts(n!)),
        _ => [],
    };

    public override string ToString() => $"{FromId}: {(Card is null ? Text : "card '" + CardText.Split('\n')[0] + "'")}";
}

/// <summary>The answer the bot gave to a card button in the HTTP response, as the Playground returns it.</summary>
public sealed record InvokeAnswer(string Type, JsonNode? Value)
{
    public JsonObject? Card => Type == "application/vnd.microsoft.card.adaptive" ? Value as JsonObject : null;

    public string? Message => Type switch
    {
        "application/vnd.microsoft.activity.message" => Value?.GetValue<string>(),
        "application/vnd.microsoft.error" => Value?["message"]?.GetValue<string>(),
        _ => null,
    };

    public bool IsError => Type == "application/vnd.microsoft.error";
}

/// <summary>
/// One mock person's Playground: their personal chat with the bot, the group chat and the team's channels, driven
/// through the Playground's HTTP API (<c>/_conversation/v1/...</c>, <c>/_internal/v1/config</c>,
/// <c>/_debug/conversation/{id}/installation</c>) and read through its conversation WebSocket.
/// </summary>
public sealed class PlaygroundSession : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly HttpClient _http;
    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private readonly List<PlaygroundMessage> _messages = [];
    private readonly StringBuilder _output;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _reading = Task.CompletedTask;

    private PlaygroundSession(MockPerson person, Process process, Uri baseAddress, StringBuilder output)
    {
        Person = person;
        _output = output;
        _process = process;
        BaseAddress = baseAddress;
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The person acting in this Playground.</summary>
    public MockPerson Person { get; }

    /// <summary>Where a person would open this Playground in a browser.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The Playground's own config (<c>GET /_internal/v1/config</c>).</summary>
    public JsonObject Config { get; private set; } = null!;

    public string PersonalChatId => Config["config"]!["personalChat"]!["id"]!.GetValue<string>();

    public string GroupChatId => Config["config"]!["groupChats"]![0]!["id"]!.GetValue<string>();

    public string TeamId => Config["config"]!["teams"]![0]!["id"]!.GetValue<string>();

    /// <summary>Every message this Playground has shown, cards as last updated.</summary>
    public IReadOnlyList<PlaygroundMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return _messages.ToList();
            }
        }
    }

    public IReadOnlyList<PlaygroundMessage> PersonalChat => InConversation(PersonalChatId);

    public IReadOnlyList<PlaygroundMessage> InConversation(string chatOrChannelId) =>
        Messages.Where(m => m.ChannelOrChatId == chatOrChannelId || m.PostConversationId == chatOrChannelId).ToList();

    internal static async Task<PlaygroundSession> StartAsync(MockPerson person, Uri botEndpoint, string directory)
    {
        Directory.CreateDirectory(directory);
        var config = Path.Combine(directory, ".m365agentsplayground.yml");
        await RunNodeAsync(Path.Combine(PlaygroundFixture.ToolsDirectory, "playground", "config.mjs"), "--as", person.Id, "--out", config);

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     Path.Combine(PlaygroundFixture.ToolsDirectory, "node_modules", "@microsoft", "m365agentsplayground", "cli.js"),
                     "-e", botEndpoint.AbsoluteUri, "-c", "msteams", "--disable-telemetry", "-p", AzuriteFixture.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
                 })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["TEAMSAPPTESTER_BROWSER"] = "none";
        start.Environment["M365_AGENTS_PLAYGROUND_CONFIG_PATH"] = config;
        start.Environment["M365_AGENTS_PLAYGROUND_LOGFILE"] = Path.Combine(directory, "playground.log");

        var process = Process.Start(start) ?? throw new InvalidOperationException("The Playground did not start.");
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                listening.TrySetException(new InvalidOperationException("The Playground stopped: " + output));
                return;
            }

            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data.StartsWith("Listening on ", StringComparison.Ordinal) && int.TryParse(e.Data["Listening on ".Length..].Trim(), out var port))
            {
                listening.TrySetResult(port);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        int actualPort;
        try
        {
            actualPort = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }

        var session = new PlaygroundSession(person, process, new Uri($"http://127.0.0.1:{actualPort}/"), output);
        try
        {
            await session.ConnectAsync();
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }

        return session;
    }

    private async Task ConnectAsync()
    {
        await _socket.ConnectAsync(new Uri($"ws://127.0.0.1:{BaseAddress.Port}/_ws_conversation/v1/conversations/stream"), _stop.Token);
        _reading = Task.Run(ReadAsync);
        Config = (await _http.GetFromJsonAsync<JsonObject>("_internal/v1/config"))!;
        var me = Config["config"]!["currentUser"]!["id"]!.GetValue<string>();
        if (me != Person.Id)
        {
            throw new InvalidOperationException($"The Playground acts as {me}, not {Person.Id}.");
        }
    }

    /// <summary>Installs the app in this person's personal chat (Teams sends installationUpdate and conversationUpdate).</summary>
    public Task InstallInPersonalChatAsync() => InstallAsync(PersonalChatId);

    /// <summary>Adds the app to the team, in the given channel (the General channel by default).</summary>
    public Task InstallInTeamAsync(string? channelId = null) => InstallAsync(channelId ?? TeamId);

    public Task InstallInGroupChatAsync() => InstallAsync(GroupChatId);

    private async Task InstallAsync(string conversationId)
    {
        using var response = await _http.PostAsJsonAsync($"_debug/conversation/{Uri.EscapeDataString(conversationId)}/installation", new JsonObject());
        await EnsureAsync(response, "install the app");
    }

    /// <summary>Types a message into a chat or channel as this person; returns the Playground's message id.</summary>
    public async Task<string> SendAsync(string conversationId, string text)
    {
        using var response = await _http.PostAsJsonAsync(
            $"_conversation/v1/conversations/{Uri.EscapeDataString(conversationId)}/messages",
            new JsonObject { ["from"] = new JsonObject { ["id"] = Person.Id }, ["text"] = text, ["textFormat"] = "plain" });
        await EnsureAsync(response, "send a message");
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = body["messageId"]!.GetValue<string>();
        Add(new PlaygroundMessage(id, conversationId, body["postConversationId"]?.GetValue<string>(), Person.Id, text, [], body["timestamp"]?.GetValue<long>() ?? 0));
        return id;
    }

    public Task<string> SayInPersonalChatAsync(string text) => SendAsync(PersonalChatId, text);

    /// <summary>Presses the card's button with this title (Action.Execute → an adaptiveCard/action invoke; Action.Submit → a message with a value).</summary>
    public Task<InvokeAnswer?> PressAsync(PlaygroundMessage message, string buttonTitle, JsonObject? inputs = null)
    {
        var button = message.Buttons.FirstOrDefault(b => b.Title == buttonTitle);
        if (button.Title is null)
        {
            throw new ArgumentException($"The card has no button '{buttonTitle}'; it has {string.Join(", ", message.Buttons.Select(b => b.Title))}.", nameof(buttonTitle));
        }

        var data = (JsonObject)button.Data.DeepClone();
        foreach (var (name, value) in inputs ?? [])
        {
            data[name] = value?.DeepClone();
        }

        return button.Type == "Action.Submit"
            ? SubmitAsync(message, data).ContinueWith(_ => (InvokeAnswer?)null, TaskScheduler.Default)
            : ExecuteAsync(message, button.Verb!, data).ContinueWith(t => (InvokeAnswer?)t.Result, TaskScheduler.Default);
    }

    /// <summary>Sends an <c>adaptiveCard/action</c> invoke for a card as this person; the bot's answer comes back.</summary>
    public async Task<InvokeAnswer> ExecuteAsync(PlaygroundMessage message, string verb, JsonObject? data = null)
    {
        using var response = await _http.PostAsJsonAsync("_conversation/v1/invoke", new JsonObject
        {
            ["name"] = "adaptiveCard/action",
            ["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data ?? new JsonObject() } },
            ["from"] = new JsonObject { ["id"] = Person.Id },
            ["conversation"] = new JsonObject { ["id"] = message.ConversationId },
            ["replyToId"] = message.MessageId,
        });
        await EnsureAsync(response, "press a card button");
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var answer = new InvokeAnswer(body["type"]?.GetValue<string>() ?? "", body["value"]?.DeepClone());
        if (answer.Card is { } card)
        {
            Replace(message.MessageId, m => m with { Cards = [card] });
        }

        return answer;
    }

    /// <summary>Sends an Action.Submit for a card as this person (a message activity with a value).</summary>
    public async Task SubmitAsync(PlaygroundMessage message, JsonObject value)
    {
        using var response = await _http.PostAsJsonAsync("_conversation/v1/submit", new JsonObject
        {
            ["value"] = value.DeepClone(),
            ["from"] = new JsonObject { ["id"] = Person.Id },
            ["conversation"] = new JsonObject { ["id"] = message.ConversationId },
            ["replyToId"] = message.MessageId,
        });
        await EnsureAsync(response, "submit a card");
    }

    /// <summary>Waits for a message in a chat or channel (a channel's threads included) to match.</summary>
    public async Task<PlaygroundMessage> WaitForAsync(string chatOrChannelId, Func<PlaygroundMessage, bool> predicate, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (true)
        {
            var changed = NextChange();
            var found = InConversation(chatOrChannelId).FirstOrDefault(predicate);
            if (found is not null)
            {
                return found;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No matching message in {chatOrChannelId} for {Person.Name}; it has: {PlaygroundFixture.Describe(InConversation(chatOrChannelId))}. Playground output: {Output}");
            }
        }
    }

    /// <summary>Waits for a card from the bot in this person's personal chat.</summary>
    public Task<PlaygroundMessage> WaitForCardInPersonalChatAsync(Func<PlaygroundMessage, bool> predicate, TimeSpan? timeout = null) =>
        WaitForAsync(PersonalChatId, m => m.Card is not null && predicate(m), timeout);

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    internal Task NextChange()
    {
        lock (_gate)
        {
            return _changed.Task;
        }
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        var frame = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                frame.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var json = JsonNode.Parse(frame.ToArray()) as JsonObject;
                frame.SetLength(0);
                if (json?["message"] is not JsonObject message)
                {
                    continue;
                }

                var parsed = new PlaygroundMessage(
                    message["messageId"]!.GetValue<string>(),
                    json["actionConversationId"]!.GetValue<string>(),
                    message["postConversationId"]?.GetValue<string>(),
                    message["from"]?["id"]?.GetValue<string>() ?? "",
                    message["text"]?.GetValue<string>(),
                    (message["attachments"] as JsonArray ?? [])
                        .Where(a => a?["contentType"]?.GetValue<string>() == "application/vnd.microsoft.card.adaptive" && a["content"] is JsonObject)
                        .Select(a => (JsonObject)a!["content"]!.DeepClone()).ToList(),
                    message["timestamp"]?.GetValue<long>() ?? 0);
                switch (json["action"]?.GetValue<string>())
                {
                    case "createMessage":
                        Add(parsed);
                        break;
                    case "updateMessage":
                        Replace(parsed.MessageId, old => parsed with { ChannelOrChatId = old.ChannelOrChatId, PostConversationId = old.PostConversationId ?? parsed.PostConversationId });
                        break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The session is closing.
        }
    }

    private void Add(PlaygroundMessage message)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            if (_messages.Any(m => m.MessageId == message.MessageId))
            {
                return;
            }

            _messages.Add(message);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    private void Replace(string messageId, Func<PlaygroundMessage, PlaygroundMessage> change)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            var index = _messages.FindIndex(m => m.MessageId == messageId);
            if (index < 0)
            {
                return;
            }

            _messages[index] = change(_messages[index]);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The Playground could not {what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task RunNodeAsync(params string[] args)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        _ = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node {string.Join(' ', args)} failed: {await errors}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Abort();
        await _reading.ContinueWith(_ => { }, TaskScheduler.Default);
        _socket.Dispose();
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _stop.Dispose();
    }
}
