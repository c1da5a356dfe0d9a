using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ScrBot.Bot.Connector;
using ScrBot.Bot.Referral;
using ScrBot.Bot.Storage;
using ScrBot.Bot.Tests.Connector;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Referral;

namespace ScrBot.Bot.Tests.Referral;

/// <summary>
/// Triage survives a restart: a referral stored while no bot was running (its place in the in-memory queue lost) is
/// triaged by the next bot to start, and a case already triaged is never triaged twice. The real bot host on Azurite,
/// with the Bot Connector stand-in (checked against the Bot Connector swagger by the connector's tests).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DurableTriageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _directoryPath = Path.Combine(Path.GetTempPath(), $"scrbot-directory-{Guid.NewGuid():N}.json");
    private readonly FakeTimeProvider _time = new(ReferralSamples.Now);

    /// <summary>A referrer of this test's own, so that no other test's chat with the referrer is used.</summary>
    private readonly Actor _referrer = JourneyHarness.NewReferrer();
    private FakeBotConnector _connector = null!;
    private BoardDirectory _directory = null!;
    private CaseStore _cases = null!;
    private string _channel = "";

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();

        // The local directory with people and a channel of this test's own, so that no other test's chats are used.
        var people = Guid.NewGuid().ToString("N")[..8];
        _channel = $"19:{Guid.NewGuid():N}@thread.tacv2";
        var text = (await File.ReadAllTextAsync(ReferralSamples.LocalDirectoryPath))
            .Replace("5c0b5a7e-0000-4000-8000-0000000000", $"{people}-0000-4000-8000-0000000000", StringComparison.Ordinal)
            .Replace("19:scr-subgroup@thread.tacv2", _channel, StringComparison.Ordinal);
        await File.WriteAllTextAsync(_directoryPath, text);
        _directory = ScrBot.Bot.Boards.DirectoryFile.Load(_directoryPath);
        _cases = new CaseStore(azurite.ServiceClient(), _time, new NoObligations(), new CaseStoreOptions { TablePrefix = _prefix });

        var chats = new ConversationReferencesTable(new BotTables(azurite.ServiceClient()));
        foreach (var member in _directory.Find(ReferralSamples.Staffordshire)!.Members)
        {
            await chats.SaveAsync(new ConversationReference(_connector.ServiceUrl, Chat(member.Person), Activities.TenantId, ConversationTypes.Personal, member.Person.Value), default);
        }

        await chats.SaveAsync(new ConversationReference(_connector.ServiceUrl, _channel, Activities.TenantId, ConversationTypes.Channel, ChannelId: _channel, TeamId: _channel), default);
    }

    public async Task DisposeAsync()
    {
        await _connector.DisposeAsync();
        File.Delete(_directoryPath);
    }

    [Fact]
    public async Task AReferralMadeWhileNoBotWasRunningIsTriagedWhenTheNextOneStartsAndNeverTwice()
    {
        var reference = await ReferAsync();

        await using (var first = await StartBotAsync())
        {
            await SweptAsync(first, sweeps: 1);
        }

        Assert.Equal(1, Sent(Person(Role.BoardManager), $"{reference} · New referral for triage"));
        Assert.Equal(1, Sent(Person(Role.IndependentChair), $"{reference} · New referral"));
        Assert.Equal(1, Sent(Person(Role.SubgroupChair), $"{reference} · New referral"));
        Assert.Equal(1, SentTo(_channel, reference.Value));
        var stored = await _cases.LoadAsync(ReferralSamples.Staffordshire, reference);
        Assert.Equal(["Adele Vance", "Isaiah Langer"], stored!.State.ChairsInformed.Select(c => c.Name));

        // The bot starts again: the case is still at the Triage stage, but its triage has finished.
        await using (var second = await StartBotAsync())
        {
            await SweptAsync(second, sweeps: 1);
        }

        Assert.Equal(1, Sent(Person(Role.BoardManager), $"{reference} · New referral for triage"));
        Assert.Equal(1, Sent(Person(Role.IndependentChair), $"{reference} · New referral"));
        Assert.Equal(1, SentTo(_channel, reference.Value));
        Assert.Single((await _cases.LoadAsync(ReferralSamples.Staffordshire, reference))!.Facts.OfType<ChairsInformed>());
    }

    [Fact]
    public async Task ATriageThatCouldNotReachTheChairsIsFinishedLaterWithoutATriageCardSentTwice()
    {
        var chairs = new ConversationReferencesTable(new BotTables(azurite.ServiceClient()));
        var independentChair = Person(Role.IndependentChair);
        await chairs.RemovePersonalAsync(independentChair.Value, default);

        // ScrBot is not installed for her at all: Teams refuses to start a chat with her.
        _connector.Script = r => r.Operation == "create" ? (403, null) : null;
        var reference = await ReferAsync();

        await using var bot = await StartBotAsync();
        await SweptAsync(bot, sweeps: 1);
        Assert.Equal(1, Sent(Person(Role.BoardManager), $"{reference} · New referral for triage"));
        Assert.Equal(1, Sent(Person(Role.SubgroupChair), $"{reference} · New referral"));
        Assert.Empty((await _cases.LoadAsync(ReferralSamples.Staffordshire, reference))!.State.ChairsInformed);

        // The Independent Chair installs ScrBot; the next sweep, on the bot's timer, tells her and records D2.
        _connector.Script = null;
        await chairs.SaveAsync(new ConversationReference(_connector.ServiceUrl, Chat(independentChair), Activities.TenantId, ConversationTypes.Personal, independentChair.Value), default);
        _time.Advance(new TriageOptions().SweepInterval);
        await SweptAsync(bot, sweeps: 2);

        Assert.Equal(1, Sent(independentChair, $"{reference} · New referral"));
        Assert.Equal(1, Sent(Person(Role.SubgroupChair), $"{reference} · New referral"));
        Assert.Equal(1, Sent(Person(Role.BoardManager), $"{reference} · New referral for triage"));
        Assert.Equal(1, SentTo(_channel, reference.Value));
        Assert.Equal(2, (await _cases.LoadAsync(ReferralSamples.Staffordshire, reference))!.State.ChairsInformed.Count);
    }

    [Fact]
    public async Task AChairWithNoChatKeptIsReachedInAChatStartedThroughTheBoardsTeam()
    {
        var chats = new ConversationReferencesTable(new BotTables(azurite.ServiceClient()));
        var independentChair = Person(Role.IndependentChair);
        await chats.RemovePersonalAsync(independentChair.Value, default);
        var reference = await ReferAsync();

        await using var bot = await StartBotAsync();
        await SweptAsync(bot, sweeps: 1);

        Assert.Single(_connector.Requests, r => r.Operation == "create" && r.Status is >= 200 and < 300
            && r.Body!.ToJsonString().Contains(independentChair.Value, StringComparison.Ordinal));
        var kept = await chats.FindPersonalAsync(independentChair.Value, default);
        Assert.NotNull(kept);
        Assert.Equal(1, SentTo(kept.ConversationId, $"{reference} · New referral"));
        Assert.Equal(2, (await _cases.LoadAsync(ReferralSamples.Staffordshire, reference))!.State.ChairsInformed.Count);
    }

    private async Task<CaseReference> ReferAsync()
    {
        var form = FormCheck.CheckAll(ReferralSamples.FilledDraft(), _directory, ReferralSamples.Today).Form;
        var context = new CommandContext(_referrer, ReferralSamples.Now, _directory);
        var result = await _cases.ReferAsync(ReferralSamples.Staffordshire, 2026, _referrer, r => CaseCommands.Refer(r, form, context));
        Assert.False(result.IsRefused, result.Outcome.Explanation);
        return result.State.Reference!.Value;
    }

    private async Task<BotFactory> StartBotAsync()
    {
        var bot = new BotFactory(
            new Dictionary<string, string?>
            {
                ["Storage__TablesConnectionString"] = azurite.ConnectionString,
                ["Directory__Path"] = _directoryPath,
                ["CaseStore__TablePrefix"] = _prefix,
            },
            s => s.AddSingleton<TimeProvider>(_time));
        _ = bot.CreateClient();
        return await Task.FromResult(bot);
    }

    /// <summary>Waits until the host has finished <paramref name="sweeps"/> sweeps for unfinished triage.</summary>
    private static async Task SweptAsync(BotFactory bot, int sweeps)
    {
        await bot.Logs.WaitForAsync("Triage sweep:", sweeps, TimeSpan.FromMinutes(2));
        Assert.DoesNotContain(bot.Logs.Lines, l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    private PersonId Person(Role role) => _directory.WithRole(ReferralSamples.Staffordshire, role).Single().Person;

    private static string Chat(PersonId person) => "a:" + person.Value;

    /// <summary>How many messages reached the person's personal chat with a card whose text contains <paramref name="text"/>.</summary>
    private int Sent(PersonId person, string text) => SentTo(Chat(person), text);

    private int SentTo(string conversation, string text) =>
        _connector.Requests.Count(r => r.Operation == "send" && r.ConversationId == conversation && r.Status is >= 200 and < 300
            && (r.Body?.ToJsonString(ScrBot.Bot.Cards.AdaptiveCard.Json) ?? "").Contains(text, StringComparison.Ordinal));
}
