using System.Globalization;
using System.Text.Json.Nodes;
using ScrBot.Bot.Connector;
using ScrBot.Bot.Conversations;
using ScrBot.Bot.Referral;
using ScrBot.Bot.Storage;
using ScrBot.Bot.Tests.Connector;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Bot.Tests.Referral;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Referral;

namespace ScrBot.Bot.Tests.Stages;

/// <summary>
/// The real bot host on Azurite with the Bot Connector stand-in, for cases past triage: the local directory with
/// <c>agencies</c> more partner agencies, each with one representative; every member's chat with ScrBot already open;
/// cases referred and taken along by domain commands; buttons pressed through <c>/api/messages</c> as one person.
/// </summary>
internal sealed class StageHost : IAsyncDisposable
{
    private readonly AzuriteFixture _azurite;
    private readonly string _directoryPath = Path.Combine(Path.GetTempPath(), $"scrbot-directory-{Guid.NewGuid():N}.json");
    private readonly string _people = Guid.NewGuid().ToString("N")[..8];

    private StageHost(AzuriteFixture azurite) => _azurite = azurite;

    public string Prefix { get; } = "t" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The system clock: lost races back off on the store's timer, which a fake clock would never fire.</summary>
    public TimeProvider Time { get; } = TimeProvider.System;

    public FakeBotConnector Connector { get; private set; } = null!;

    public BoardDirectory Directory { get; private set; } = null!;

    public static async Task<StageHost> StartAsync(AzuriteFixture azurite, int agencies)
    {
        var host = new StageHost(azurite) { Connector = await FakeBotConnector.StartAsync() };
        var json = JsonNode.Parse((await File.ReadAllTextAsync(ReferralSamples.LocalDirectoryPath))
            .Replace("5c0b5a7e-0000-4000-8000-0000000000", $"{host._people}-0000-4000-8000-0000000000", StringComparison.Ordinal))!;
        var board = json["boards"]![0]!;
        board["noticeChannel"] = $"19:{Guid.NewGuid():N}@thread.tacv2";
        for (var i = 1; i <= agencies; i++)
        {
            board["agencies"]!.AsArray().Add(new JsonObject { ["id"] = Agency(i), ["name"] = $"Partner agency {i}", ["kind"] = "Other" });
            board["members"]!.AsArray().Add(new JsonObject
            {
                ["entraObjectId"] = host.Representative(i), ["name"] = $"Representative {i}", ["role"] = "AgencyRepresentative", ["agency"] = Agency(i),
            });
        }

        await File.WriteAllTextAsync(host._directoryPath, json.ToJsonString());
        host.Directory = ScrBot.Bot.Boards.DirectoryFile.Load(host._directoryPath);
        var chats = new ConversationReferencesTable(new BotTables(azurite.ServiceClient()));
        foreach (var member in host.Directory.Find(ReferralSamples.Staffordshire)!.Members)
        {
            await chats.SaveAsync(new ConversationReference(host.Connector.ServiceUrl, Chat(member.Person.Value), Activities.TenantId, ConversationTypes.Personal, member.Person.Value), default);
        }

        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await Connector.DisposeAsync();
        File.Delete(_directoryPath);
    }

    /// <summary>
    /// The bot host on this host's tables and directory, with the system clock, answering a button within Teams'
    /// longest wait (so that two presses at once are both answered with their outcome on a busy test machine).
    /// </summary>
    public BotFactory StartBot() => StartBot(null, null);

    /// <summary>The bot host as <see cref="StartBot()"/> starts it, with more settings (Graph__BaseUrl, ...) and services (a FakeTimeProvider, ...).</summary>
    public BotFactory StartBot(IReadOnlyDictionary<string, string?>? more, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage__TablesConnectionString"] = _azurite.ConnectionString,
            ["Directory__Path"] = _directoryPath,
            ["CaseStore__TablePrefix"] = Prefix,
            ["Bot__AnswerWithin"] = "00:00:12",
        };
        foreach (var (name, value) in more ?? new Dictionary<string, string?>())
        {
            settings[name] = value;
        }

        var bot = new BotFactory(settings, services);
        _ = bot.CreateClient();
        return bot;
    }

    /// <summary>A person of the local directory as this host's copy of it names them (the same name, another id).</summary>
    public Actor Local(Actor person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new(new PersonId(person.Id.Value.Replace("5c0b5a7e-0000-4000-8000-0000000000", $"{_people}-0000-4000-8000-0000000000", StringComparison.Ordinal)), person.Name);
    }

    /// <summary>The board's member with this role (the first, when several have it).</summary>
    public Actor Who(Role role) => Directory.WithRole(ReferralSamples.Staffordshire, role).Select(m => new Actor(m.Person, m.Name)).First();

    /// <summary>The sample referral, referred today on the Staffordshire board.</summary>
    public async Task<CaseReference> ReferAsync(CaseStore cases)
    {
        var today = ScrBot.Domain.Calendar.LondonTime.Today(Time);
        var form = FormCheck.CheckAll(ReferralSamples.FilledDraft(), Directory, today).Form;
        var referred = await cases.ReferAsync(ReferralSamples.Staffordshire, today.Year, ReferralSamples.Referrer,
            r => CaseCommands.Refer(r, form, new CommandContext(ReferralSamples.Referrer, Time.GetUtcNow(), Directory)));
        return referred.State.Reference!.Value;
    }

    /// <summary>One step of the case done by the board's member with <paramref name="role"/>; it must be accepted.</summary>
    public async Task DoAsync(CaseStore cases, CaseReference reference, Role role, Func<CaseState, CommandContext, Outcome> command)
    {
        var result = await cases.ExecuteAsync(ReferralSamples.Staffordshire, reference, "prepare", Who(role),
            (s, _) => command(s, new CommandContext(Who(role), Time.GetUtcNow(), Directory)));
        Assert.False(result.IsRefused, result.Outcome.Explanation);
    }

    /// <summary>A button pressed through <c>/api/messages</c> by <paramref name="person"/> in their chat with ScrBot: the host's answer.</summary>
    public async Task<JsonNode> PressAsync(BotFactory bot, Actor person, string verb, JsonObject data)
    {
        ArgumentNullException.ThrowIfNull(bot);
        ArgumentNullException.ThrowIfNull(person);
        var invoke = Activities.CardAction(Connector.ServiceUrl.AbsoluteUri, verb, data, conversationId: Chat(person.Id.Value));
        invoke["from"] = new JsonObject { ["id"] = "29:" + person.Id.Value, ["name"] = person.Name, ["aadObjectId"] = person.Id.Value };
        using var response = await bot.PostActivityAsync(invoke);
        Assert.True(response.IsSuccessStatusCode, $"{verb}: {(int)response.StatusCode}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public static string Agency(int i) => "agency-" + i.ToString("D2", CultureInfo.InvariantCulture);

    public string Representative(int i) => $"{_people}-0000-4000-8000-0000000001{i:D2}";

    public static string Chat(string person) => "a:" + person;

    public static string Text(JsonObject card) => string.Join("\n", Texts(card));

    /// <summary>The data of the card's <c>Action.Execute</c> with this verb (a copy), as Teams would send it back.</summary>
    public static JsonObject? ButtonData(JsonObject card, string verb) =>
        Descendants(card).FirstOrDefault(o => o["type"]?.GetValue<string>() == "Action.Execute" && o["verb"]?.GetValue<string>() == verb)?["data"]?.DeepClone() as JsonObject;

    /// <summary>The values a choice set of the card offers, in order.</summary>
    public static List<string> Options(JsonObject card, string id) =>
        Descendants(card).Single(o => o["type"]?.GetValue<string>() == "Input.ChoiceSet" && o["id"]?.GetValue<string>() == id)["choices"]!.AsArray()
            .Select(c => c!["value"]!.GetValue<string>()).ToList();

    /// <summary>Every object of a card, the card itself first.</summary>
    public static IEnumerable<JsonObject> Descendants(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Descendants(p.Value))),
        JsonArray a => a.SelectMany(Descendants),
        _ => [],
    };

    private static IEnumerable<string> Texts(JsonNode node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "TextBlock" => [o["text"]?.GetValue<string>() ?? ""],
        JsonObject o when o["type"]?.GetValue<string>() == "FactSet" => o["facts"]!.AsArray().SelectMany(f => new[] { f!["title"]!.GetValue<string>(), f["value"]!.GetValue<string>() }),
        JsonObject o => o.Where(p => p.Value is not null).SelectMany(p => Texts(p.Value!)),
        JsonArray a => a.Where(n => n is not null).SelectMany(n => Texts(n!)),
        _ => [],
    };
}
