using Microsoft.Extensions.DependencyInjection;
using ScrBot.Bot.Conversations;
using ScrBot.Bot.Storage;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Bot.Tests.Referral;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Tests.Stages;

/// <summary>
/// ScrBot scaled out to two instances on the same tables: both bring a case's cards up to date after the same facts, at
/// the same moment, and every person still gets each task card once — the way a partner would notice a second copy.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TwoInstancesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int Agencies = 6;
    private StageHost _host = null!;

    public async Task InitializeAsync() => _host = await StageHost.StartAsync(azurite, Agencies);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TwoInstancesBringingOneCaseUpToDateAtOnceSendEveryPartnerEachCardOnce()
    {
        await using var first = _host.StartBot();
        await using var second = _host.StartBot();
        var cases = first.Services.GetRequiredService<CaseStore>();
        var reference = await _host.ReferAsync(cases);
        var today = ScrBot.Domain.Calendar.LondonTime.Today(_host.Time);
        await _host.DoAsync(cases, reference, Role.BoardManager, CaseCommands.InformChairs);
        await _host.DoAsync(cases, reference, Role.BoardManager, (s, c) => CaseCommands.ArrangeSubgroupMeeting(s, c, today.AddDays(2), false));
        await _host.DoAsync(cases, reference, Role.SubgroupChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.ConveneScopingPanel, "Criteria may be met."));
        await _host.DoAsync(cases, reference, Role.BoardManager,
            (s, c) => CaseCommands.ChooseAgencies(s, c, [.. Enumerable.Range(1, Agencies).Select(i => new AgencyId(StageHost.Agency(i)))]));
        await _host.DoAsync(cases, reference, Role.BoardManager, (s, c) => CaseCommands.SendChildDetailsToPartners(s, c, today.AddDays(10)));

        // Both instances, three passes each, all at once.
        var one = first.Services.GetRequiredService<CaseConversations>();
        var two = second.Services.GetRequiredService<CaseConversations>();
        await Task.WhenAll(Enumerable.Range(0, 3).SelectMany(_ => new[]
        {
            Task.Run(() => one.SyncAsync(ReferralSamples.Staffordshire, reference, default)),
            Task.Run(() => two.SyncAsync(ReferralSamples.Staffordshire, reference, default)),
        }));

        for (var i = 1; i <= Agencies; i++)
        {
            var chat = StageHost.Chat(_host.Representative(i));
            var checks = _host.Connector.Requests.Count(r => r.Operation == "send" && r.ConversationId == chat && r.Card is { } card
                && StageHost.Text(card).Contains($"{reference} · Check Partner agency {i}'s records", StringComparison.Ordinal));
            Assert.True(checks == 1, $"Representative {i} was sent their records check {checks} times.");
        }

        var manager = StageHost.Chat(_host.Who(Role.BoardManager).Id.Value);
        var hubs = _host.Connector.Requests.Count(r => r.Operation == "send" && r.ConversationId == manager && r.Card is { } card
            && StageHost.Text(card).Contains($"{reference} · Case card", StringComparison.Ordinal));
        Assert.Equal(1, hubs);
    }

    [Fact]
    public async Task ACaseDecidedWhileNoInstanceWasRunningHasItsCardsSentWhenOneStarts()
    {
        var cases = new CaseStore(azurite.ServiceClient(), _host.Time, new ObligationRulesIndexSource(new ProcessProfiles(), _host.Time), new CaseStoreOptions { TablePrefix = _host.Prefix });
        var reference = await _host.ReferAsync(cases);
        var today = ScrBot.Domain.Calendar.LondonTime.Today(_host.Time);
        await _host.DoAsync(cases, reference, Role.BoardManager, CaseCommands.InformChairs);
        await _host.DoAsync(cases, reference, Role.BoardManager, (s, c) => CaseCommands.ArrangeSubgroupMeeting(s, c, today.AddDays(2), false));
        await _host.DoAsync(cases, reference, Role.SubgroupChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.AnotherLearningReview, "Practice issues for one agency only."));
        await _host.DoAsync(cases, reference, Role.IndependentChair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Uphold, "A learning review will bring out the practice issues."));
        Assert.Equal(Stage.AfterDecision, (await cases.LoadAsync(ReferralSamples.Staffordshire, reference, default))!.State.Stage);
        Assert.DoesNotContain(_host.Connector.Requests, r => r.Operation == "send");

        // The instance starts: the Board Manager is asked to tell the referrer the Chair's decision.
        await using var bot = _host.StartBot();
        var manager = StageHost.Chat(_host.Who(Role.BoardManager).Id.Value);
        await _host.Connector.WaitForAsync(r => r.Operation == "send" && r.ConversationId == manager && r.Card is { } card
            && StageHost.Text(card).Contains($"{reference} · Tell the referrer the outcome", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
    }
}
