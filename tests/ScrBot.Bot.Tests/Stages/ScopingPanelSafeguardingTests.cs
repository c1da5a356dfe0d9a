using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ScrBot.Bot.Conversations;
using ScrBot.Bot.Storage;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Bot.Tests.Referral;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Tests.Stages;

/// <summary>
/// A risk of significant harm identified at the Scoping Panel (toolkit: the LSCB's safeguarding procedures are initiated
/// immediately), through the real bot host with the Bot Connector stand-in, where every member of the board has a chat
/// with ScrBot: what children's social care and the Board Manager receive, and that nobody else receives the concern.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ScopingPanelSafeguardingTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Risk = "Jamie's younger sibling, aged 3, still lives in the same home.";
    private StageHost _host = null!;

    public async Task InitializeAsync() => _host = await StageHost.StartAsync(azurite, agencies: 0);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ChildrensSocialCareAndTheBoardManagerAreToldAtOnceAndNoOneElse()
    {
        await using var bot = _host.StartBot();
        var cases = bot.Services.GetRequiredService<CaseStore>();
        var reference = await ScopingPanelSetup.ReadyToScheduleAsync(_host, cases);
        var calendar = new ProcessProfiles().For(ReferralSamples.Staffordshire).CreateCalendar();
        var day = calendar.AddWorkingDays(LondonTime.Today(_host.Time), 2);
        await _host.DoAsync(cases, reference, Role.BoardManager, (s, c) =>
            CaseCommands.ScheduleScopingPanel(s, c, LondonTime.ToInstant(day, new TimeOnly(10, 0)), LondonTime.ToInstant(day, new TimeOnly(12, 0)), "AAMkSafeguarding", null));
        bot.Services.GetRequiredService<CaseSyncQueue>().Enqueue(ReferralSamples.Staffordshire, reference);

        var isaiah = _host.Who(Role.SubgroupChair);
        var megan = _host.Who(Role.BoardManager);
        var nestor = _host.Who(Role.NotifyingOfficer);
        const string title = "Start safeguarding procedures: a child at risk of significant harm";

        // Isaiah, who chairs, presses "Risk of significant harm identified" on his card for the meeting.
        var held = await ScopingPanelSetup.CardAsync(_host, isaiah, $"{reference} · Record the Scoping Panel meeting held");
        var raised = await ScopingPanelSetup.PressAsync(_host, bot, isaiah, held, "Tell children's social care now", new JsonObject { ["harm"] = Risk });
        Assert.Equal("application/vnd.microsoft.card.adaptive", raised["type"]!.GetValue<string>());

        // At once: children's social care (its officer on this notifiable incident, and the referrer, its Head of Safeguarding,
        // who has no chat with ScrBot here and is held for) and the Board Manager, each with the
        // concern, who was told, and the button that records what was done; the hub card flags it without the concern.
        var toSocialCare = await ScopingPanelSetup.CardAsync(_host, nestor, $"{reference} · {title}");
        var toManager = await ScopingPanelSetup.CardAsync(_host, megan, $"{reference} · {title}");
        foreach (var card in new[] { toSocialCare, toManager })
        {
            var text = StageHost.Text(card);
            Assert.StartsWith("Confidential —", text, StringComparison.Ordinal);
            Assert.Contains(Risk, text, StringComparison.Ordinal);
            Assert.Contains("Raised by\nIsaiah Langer", text, StringComparison.Ordinal);
            Assert.Contains("Alex Wilber (children's social care), Nestor Wilke (children's social care), Megan Bowen (Board Manager)", text, StringComparison.Ordinal);
            Assert.Contains("Start safeguarding children procedures now.", text, StringComparison.Ordinal);
        }

        var hub = await ScopingPanelSetup.CardAsync(_host, megan, $"{reference} · Case card", c => StageHost.Text(c).Contains("Risk of significant harm identified", StringComparison.Ordinal));
        Assert.DoesNotContain(Risk, StageHost.Text(hub), StringComparison.Ordinal);

        // Children's social care records what was done: every copy says so.
        var started = await ScopingPanelSetup.PressAsync(_host, bot, nestor, toSocialCare, "Safeguarding procedures started",
            new JsonObject { ["action"] = "Strategy discussion held; the sibling is safe with the grandmother." });
        Assert.Contains($"{title}: done by Nestor Wilke on ", StageHost.Text((JsonObject)started["value"]!), StringComparison.Ordinal);
        await ScopingPanelSetup.CardAsync(_host, megan, $"{reference} · {title}", c => StageHost.Text(c).Contains($"{title}: done by Nestor Wilke on ", StringComparison.Ordinal));

        // Kept in the case's audit trail.
        var stored = (await cases.LoadAsync(ReferralSamples.Staffordshire, reference))!;
        Assert.Equal(("Isaiah Langer", Risk), (stored.Facts.OfType<RiskOfSignificantHarmIdentified>().Single().By.Name, stored.Facts.OfType<RiskOfSignificantHarmIdentified>().Single().Details));
        Assert.Equal("Nestor Wilke", stored.Facts.OfType<SafeguardingStarted>().Single().By.Name);

        // The concern went to those two chats only: not to the police, the Independent Chair, anyone without a role, or the board's channel; nor to the logs.
        var reached = _host.Connector.Requests.Where(r => r.Body is { } body && body.ToJsonString().Contains("younger sibling", StringComparison.Ordinal))
            .Select(r => r.ConversationId).Distinct().ToList();
        Assert.Equal([StageHost.Chat(megan.Id.Value), StageHost.Chat(nestor.Id.Value)], reached.Order());
        Assert.DoesNotContain(bot.Logs.Lines, l => l.Message.Contains("sibling", StringComparison.Ordinal));
    }
}
