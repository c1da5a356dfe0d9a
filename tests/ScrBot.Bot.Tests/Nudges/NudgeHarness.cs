using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ScrBot.Bot.Connector;
using ScrBot.Bot.Nudges;
using ScrBot.Bot.Referral;
using ScrBot.Bot.Storage;
using ScrBot.Bot.Tests.Connector;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Bot.Tests.Referral;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Referral;

namespace ScrBot.Bot.Tests.Nudges;

/// <summary>
/// Deadline nudges on real Azure Tables (Azurite): a case store and nudge table of their own, a board whose people
/// have fresh Entra object ids (so no other test's chats are found), their personal chats and the board's notice
/// channel kept in the real <c>ConversationReferences</c> table and pointing at a fake Bot Connector, and a
/// <see cref="FakeTimeProvider"/> for the sweep's clock.
/// </summary>
internal sealed class NudgeHarness : IAsyncDisposable
{
    public static readonly BoardId Board = new("staffordshire");

    private NudgeHarness(AzuriteFixture azurite, FakeTimeProvider time, SenderHarness sender, IObligationIndexSource? index)
    {
        Time = time;
        Sender = sender;
        Prefix = "n" + Guid.NewGuid().ToString("N")[..12];
        Cases = new CaseStore(azurite.ServiceClient(), time, index ?? new ObligationRulesIndexSource(new ProcessProfiles(), time), new CaseStoreOptions { TablePrefix = Prefix });
        Ledger = new NudgeLedger(azurite.ServiceClient(), Prefix);
        Conversations = new ConversationReferencesTable(new BotTables(azurite.ServiceClient()));
        var id = Guid.NewGuid().ToString("N")[..8];
        Actor Person(string name) => new(new PersonId(Guid.NewGuid().ToString()), name);
        BoardManager = Person("Megan Bowen");
        IndependentChair = Person("Adele Vance");
        SubgroupChair = Person("Isaiah Langer");
        PoliceRepresentative = Person("Patti Fernandez");
        SocialCareRepresentative = Person("Lidia Holloway");
        NoticeChannel = $"19:nudges-{id}@thread.tacv2";
        var local = ReferralSamples.Directory;
        var staffordshire = local.Find(Board)!;
        Directory = new BoardDirectory(
        [
            staffordshire with
            {
                NoticeChannel = NoticeChannel,
                Members =
                [
                    new BoardMember(BoardManager.Id, BoardManager.Name, Role.BoardManager, null, null),
                    new BoardMember(IndependentChair.Id, IndependentChair.Name, Role.IndependentChair, null, null),
                    new BoardMember(SubgroupChair.Id, SubgroupChair.Name, Role.SubgroupChair, null, null),
                    new BoardMember(PoliceRepresentative.Id, PoliceRepresentative.Name, Role.AgencyRepresentative, new AgencyId("staffs-police"), null),
                    new BoardMember(SocialCareRepresentative.Id, SocialCareRepresentative.Name, Role.AgencyRepresentative, new AgencyId("staffs-csc"), null),
                ],
            },
            local.Find(new BoardId("stoke-on-trent"))! with { NoticeChannel = null, Members = [] },
        ]);
    }

    public FakeTimeProvider Time { get; }

    public SenderHarness Sender { get; }

    public FakeBotConnector Connector => Sender.Connector;

    public string Prefix { get; }

    public CaseStore Cases { get; }

    public NudgeLedger Ledger { get; }

    public IConversationReferences Conversations { get; }

    public BoardDirectory Directory { get; }

    public Actor BoardManager { get; }

    public Actor IndependentChair { get; }

    public Actor SubgroupChair { get; }

    public Actor PoliceRepresentative { get; }

    public Actor SocialCareRepresentative { get; }

    public string NoticeChannel { get; }

    public TestLogs Logs { get; } = new();

    public IEnumerable<Actor> People => [BoardManager, IndependentChair, SubgroupChair, PoliceRepresentative, SocialCareRepresentative];

    /// <summary>
    /// A harness whose clock starts at <paramref name="start"/>. Every person has a personal chat with ScrBot and the
    /// notice channel has the app, unless left out by <paramref name="notInstalledFor"/>.
    /// </summary>
    public static async Task<NudgeHarness> StartAsync(AzuriteFixture azurite, DateTimeOffset start, IObligationIndexSource? index = null, Func<NudgeHarness, IEnumerable<Actor>>? notInstalledFor = null)
    {
        // The sender keeps to Teams' limits on the real clock; the sweep runs on the fake one.
        var sender = await SenderHarness.StartAsync(azurite);
        var harness = new NudgeHarness(azurite, new FakeTimeProvider(start), sender, index);
        var left = notInstalledFor?.Invoke(harness).Select(a => a.Id).ToHashSet() ?? [];
        foreach (var person in harness.People.Where(p => !left.Contains(p.Id)))
        {
            await harness.Conversations.SaveAsync(
                new ConversationReference(sender.Connector.ServiceUrl, ChatOf(person), Activities.TenantId, ConversationTypes.Personal, UserAadObjectId: person.Id.Value),
                CancellationToken.None);
        }

        await harness.Conversations.SaveAsync(
            new ConversationReference(sender.Connector.ServiceUrl, harness.NoticeChannel, Activities.TenantId, ConversationTypes.Channel, ChannelId: harness.NoticeChannel, TeamId: harness.NoticeChannel),
            CancellationToken.None);
        return harness;
    }

    /// <summary>The personal chat of <paramref name="person"/> with ScrBot.</summary>
    public static string ChatOf(Actor person) => "a:personal-" + person.Id.Value;

    public NudgeSweep Sweep(NudgeSettings? settings = null, string? holder = null) =>
        new(Cases, Directory, new ProcessProfiles(), Conversations, Sender.Sender, Ledger, settings ?? new NudgeSettings(), Time,
            LoggerFactory.Create(b => b.AddProvider(Logs)).CreateLogger<NudgeSweep>())
        {
            Holder = holder ?? Guid.NewGuid().ToString("N"),
        };

    /// <summary>The hosted worker as the host runs it, with its own journal.</summary>
    public (NudgeWorker Worker, NudgeJournal Journal) Worker(NudgeSettings? settings = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(settings ?? new NudgeSettings());
        services.AddSingleton(Sweep(settings));
        var journal = new NudgeJournal();
        var worker = new NudgeWorker(services.BuildServiceProvider(), Time, journal, LoggerFactory.Create(b => b.AddProvider(Logs)).CreateLogger<NudgeWorker>());
        return (worker, journal);
    }

    /// <summary>Refers the sample case (the child Jamie Collins) now, the agency having become aware on <paramref name="aware"/>.</summary>
    public async Task<CaseReference> ReferAsync(DateOnly aware)
    {
        var form = Form(aware);
        var context = new CommandContext(ReferralSamples.Referrer, Time.GetUtcNow(), Directory);
        var result = await Cases.ReferAsync(Board, aware.Year, ReferralSamples.Referrer, r => CaseCommands.Refer(r, form, context));
        Assert.False(result.IsRefused, result.Outcome.Explanation);
        return result.State.Reference!.Value;
    }

    /// <summary>The Board Manager records that the Chairs were informed (D2 met).</summary>
    public async Task InformChairsAsync(CaseReference reference)
    {
        var result = await Cases.ExecuteAsync(Board, reference, "record that the Chairs were informed", BoardManager,
            (state, _) => CaseCommands.InformChairs(state, new CommandContext(BoardManager, Time.GetUtcNow(), Directory)));
        Assert.False(result.IsRefused, result.Outcome.Explanation);
    }

    /// <summary>The sample notification form: a child who died, with neglect suspected (a notifiable incident).</summary>
    public static NotificationForm Form(DateOnly aware)
    {
        var form = FormCheck.CheckAll(ReferralSamples.FilledDraft(), ReferralSamples.Directory, ReferralSamples.Today).Form;
        return form with { Incident = form.Incident with { Date = aware.AddDays(-1), DateAgencyBecameAware = aware, DateChildrensSocialCareAware = aware } };
    }

    /// <summary>What the sample form says of the child and family, in the forms it could be written in.</summary>
    public static readonly string[] ChildDetails =
    [
        "Jamie", "Collins", "Smith", "JJ", "Sam ", "Mother", "2016", "14 May", "14/05", "05/14", "Saturday 14 May",
        "1990", "1 February", "Example Road", "ST16", "unresponsive", "Neighbours", "neglect", "White British",
        "referrals from the school", "St Mary", "DI Jo Patel",
    ];

    /// <summary>The cards that reached <paramref name="conversationId"/>.</summary>
    public IReadOnlyList<JsonObject> CardsTo(string conversationId) =>
        [.. Connector.Requests.Where(r => r.Operation == "send" && r.ConversationId == conversationId && r.Card is not null).Select(r => r.Card!)];

    public static string Heading(JsonObject card) =>
        card["body"]!.AsArray().First(b => b!["style"]?.GetValue<string>() == "heading")!["text"]!.GetValue<string>();

    public static string Fact(JsonObject card, string title) =>
        card["body"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == "FactSet")
            .SelectMany(f => f!["facts"]!.AsArray())
            .First(f => f!["title"]!.GetValue<string>() == title)!["value"]!.GetValue<string>();

    public ValueTask DisposeAsync() => Sender.DisposeAsync();
}
