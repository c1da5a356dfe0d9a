using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ScrBot.Bot.Connector;
using ScrBot.Bot.Storage;
using ScrBot.Bot.Tests.Connector;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Tests.Referral;

/// <summary>
/// The real bot host on Azurite for triage, with the Bot Connector stand-in (checked against the Bot Connector swagger
/// by the connector's tests), the local board directory with people, a notice channel and a referrer of its own (so
/// that no other test's chats are used), and case tables of its own.
/// </summary>
internal sealed class TriageHost : IAsyncDisposable
{
    private readonly AzuriteFixture _azurite;
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _directoryPath = Path.Combine(Path.GetTempPath(), $"scrbot-directory-{Guid.NewGuid():N}.json");

    private TriageHost(AzuriteFixture azurite, FakeBotConnector connector, string channel)
    {
        _azurite = azurite;
        Connector = connector;
        NoticeChannel = channel;
        Chats = new ConversationReferencesTable(new BotTables(azurite.ServiceClient()));
        Cases = new CaseStore(azurite.ServiceClient(), Time, new ObligationRulesIndexSource(new ProcessProfiles(), Time), new CaseStoreOptions { TablePrefix = _prefix });
    }

    public FakeTimeProvider Time { get; } = new(ReferralSamples.Now);

    public FakeBotConnector Connector { get; }

    public BoardDirectory Directory { get; private set; } = null!;

    public CaseStore Cases { get; }

    public ConversationReferencesTable Chats { get; }

    public string NoticeChannel { get; }

    public Actor Referrer { get; } = JourneyHarness.NewReferrer();

    /// <param name="azurite">The tables.</param>
    /// <param name="directory">A change to the local directory file's text, made before its people get ids of their own.</param>
    public static async Task<TriageHost> StartAsync(AzuriteFixture azurite, Func<string, string>? directory = null)
    {
        var host = new TriageHost(azurite, await FakeBotConnector.StartAsync(), $"19:{Guid.NewGuid():N}@thread.tacv2");
        var people = Guid.NewGuid().ToString("N")[..8];
        var local = await File.ReadAllTextAsync(ReferralSamples.LocalDirectoryPath);
        var text = (directory?.Invoke(local) ?? local)
            .Replace("5c0b5a7e-0000-4000-8000-0000000000", $"{people}-0000-4000-8000-0000000000", StringComparison.Ordinal)
            .Replace("19:scr-subgroup@thread.tacv2", host.NoticeChannel, StringComparison.Ordinal);
        await File.WriteAllTextAsync(host._directoryPath, text);
        host.Directory = ScrBot.Bot.Boards.DirectoryFile.Load(host._directoryPath);
        await host.GiveChatAsync(host.Referrer.Id);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await Connector.DisposeAsync();
        File.Delete(_directoryPath);
    }

    /// <summary>The bot, as Program starts it, on this host's tables, directory and clock.</summary>
    public BotFactory StartBot(Action<IServiceCollection>? services = null)
    {
        var bot = new BotFactory(
            new Dictionary<string, string?>
            {
                ["Storage__TablesConnectionString"] = _azurite.ConnectionString,
                ["Directory__Path"] = _directoryPath,
                ["CaseStore__TablePrefix"] = _prefix,
            },
            s =>
            {
                s.AddSingleton<TimeProvider>(Time);
                services?.Invoke(s);
            });
        _ = bot.CreateClient();
        return bot;
    }

    /// <summary>A referral stored as the journey stores it (while no bot is running: only the sweep finds it).</summary>
    public async Task<CaseReference> ReferAsync(Func<ScrBot.Domain.Referral.NotificationForm, ScrBot.Domain.Referral.NotificationForm>? change = null)
    {
        var form = ScrBot.Bot.Referral.FormCheck.CheckAll(ReferralSamples.FilledDraft(), Directory, ReferralSamples.Today).Form;
        form = change?.Invoke(form) ?? form;
        var context = new CommandContext(Referrer, ReferralSamples.Now, Directory);
        var result = await Cases.ReferAsync(ReferralSamples.Staffordshire, 2026, Referrer, r => CaseCommands.Refer(r, form, context));
        Assert.False(result.IsRefused, result.Outcome.Explanation);
        return result.State.Reference!.Value;
    }

    public Task GiveChatAsync(PersonId person) =>
        Chats.SaveAsync(new ConversationReference(Connector.ServiceUrl, Chat(person), Activities.TenantId, ConversationTypes.Personal, person.Value), default);

    /// <summary>ScrBot installed in the board's team, so that chats can be started through its notice channel.</summary>
    public Task InstallInTheBoardsTeamAsync() =>
        Chats.SaveAsync(new ConversationReference(Connector.ServiceUrl, NoticeChannel, Activities.TenantId, ConversationTypes.Channel, ChannelId: NoticeChannel, TeamId: NoticeChannel), default);

    public PersonId Person(Role role) => Directory.WithRole(ReferralSamples.Staffordshire, role).Single().Person;

    public static string Chat(PersonId person) => "a:" + person.Value;

    public static string Text(FakeBotConnector.Received r) => r.Body?.ToJsonString(ScrBot.Bot.Cards.AdaptiveCard.Json) ?? "";

    /// <summary>How many messages reached the conversation with a card whose text contains <paramref name="text"/>.</summary>
    public int SentTo(string conversation, string text) =>
        Connector.Requests.Count(r => r.Operation == "send" && r.ConversationId == conversation && r.Status is >= 200 and < 300 && Text(r).Contains(text, StringComparison.Ordinal));
}
