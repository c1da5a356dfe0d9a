using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ScrBot.Bot.Hosting;
using ScrBot.Bot.Routing;
using ScrBot.Bot.Tests.Infrastructure;

namespace ScrBot.Bot.Tests.Connector;

/// <summary>The real bot host in memory (no app id, as in local development), answering into a fake Bot Connector.</summary>
public sealed class LocalBot : IAsyncDisposable
{
    private LocalBot(FakeBotConnector connector, BotFactory bot, HandlerCalls calls)
    {
        Connector = connector;
        Bot = bot;
        Calls = calls;
    }

    public FakeBotConnector Connector { get; }
    public BotFactory Bot { get; }
    public HandlerCalls Calls { get; }
    public string ServiceUrl => Connector.ServiceUrl.AbsoluteUri;

    public static async Task<LocalBot> StartAsync(AzuriteFixture azurite, Action<IServiceCollection>? services = null, FakeBotConnector? connector = null)
    {
        connector ??= await FakeBotConnector.StartAsync();
        var calls = new HandlerCalls();
        var bot = new BotFactory(BotFactory.LocalSettings(azurite.ConnectionString), s =>
        {
            s.AddSingleton(calls);
            s.AddCommand<PingCommand>();
            s.AddCardAction<TestCardActions>();
            services?.Invoke(s);
        });
        _ = bot.CreateClient();
        return new LocalBot(connector, bot, calls);
    }

    public Task<HttpResponseMessage> PostAsync(JsonObject activity) => Bot.PostActivityAsync(activity);

    public async Task<JsonObject> PostForJsonAsync(JsonObject activity)
    {
        var response = await PostAsync(activity);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return JsonSerializer.Deserialize<JsonObject>(await response.Content.ReadAsStringAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Connector.DisposeAsync();
    }

    /// <summary>Checks cards with the official Adaptive Cards parser (npm adaptivecards) through tools/playground/validate-card.cjs.</summary>
    public static async Task<IReadOnlyList<IReadOnlyList<string>>> CardProblemsAsync(params JsonObject[] cards)
    {
        var script = Path.Combine(AzuriteFixture.RepositoryRoot(), "tools", "playground", "validate-card.cjs");
        var start = new ProcessStartInfo("node", [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(new JsonArray(cards.Select(c => (JsonNode?)c.DeepClone()).ToArray()).ToJsonString());
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, errors);
        return JsonSerializer.Deserialize<List<List<string>>>(output)!;
    }
}

/// <summary>A feature's card buttons under <c>test.</c>, one per kind of answer.</summary>
public sealed class TestCardActions(HandlerCalls calls) : ICardActionHandler
{
    public string VerbPrefix => "test.";

    public async Task<CardActionResult> HandleAsync(TurnContext context, CardAction action)
    {
        calls.Add(context);
        if (action.Verb == "test.slow")
        {
            await calls.Gate.Task.WaitAsync(context.CancellationToken);
            return CardActionResult.ReplaceCard(SenderHarness.SmallCard("Done at last by " + context.UserName));
        }

        return action.Verb switch
        {
            "test.replace" => CardActionResult.ReplaceCard(SenderHarness.SmallCard("Done by " + context.UserName)),
            "test.message" => CardActionResult.Message("Saved."),
            "test.refuse" => CardActionResult.Error("Only the Independent Chair can do that."),
            "test.crash" => throw new InvalidOperationException("a bug"),
            "test.huge" => CardActionResult.ReplaceCard(SenderHarness.SmallCard("Your answer: " + new string('y', 150_000))),
            _ => CardActionResult.Message("Nothing to do."),
        };
    }
}
