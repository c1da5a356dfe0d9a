using ScrBot.Bot.Nudges;
using ScrBot.Bot.Storage;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Domain.Cases;
using static ScrBot.Bot.Tests.Nudges.NudgeHarness;

namespace ScrBot.Bot.Tests.Nudges;

/// <summary>
/// Managers get deadline nudges in their personal chat at 08:00 London time on working days; the board's channel
/// gets one reminder a day, with case references only. On Azurite, with a fake Bot Connector (the Bot Connector
/// swagger's send route) and a fake clock.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DeadlineNudgeTests(AzuriteFixture azurite)
{
    /// <summary>How long a broken worker may keep a test waiting before it fails (the clock the worker reads is fake).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TheBoardManagerIsNudgedAtEightOnTheWorkingDayBeforeTheChairsAreToBeInformedAndNotAMinuteBefore()
    {
        // Monday 23 November 2026, 06:30 in London (GMT): a referral arrives; D2 (inform the Chairs) is due Tuesday.
        await using var harness = await StartAsync(azurite, new DateTimeOffset(2026, 11, 23, 6, 30, 0, TimeSpan.Zero));
        var reference = await harness.ReferAsync(new DateOnly(2026, 11, 23));
        var (worker, journal) = harness.Worker();
        await worker.StartAsync(CancellationToken.None);
        try
        {
            var eight = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
            await journal.WhenAsync(j => j.Next == eight).WaitAsync(Patience);

            harness.Time.Advance(eight - TimeSpan.FromMinutes(1) - harness.Time.GetUtcNow());
            Assert.Empty(journal.Sweeps);
            Assert.Empty(harness.Connector.Requests);

            harness.Time.Advance(TimeSpan.FromMinutes(1));
            await journal.WhenAsync(j => j.Sweeps.Count == 1).WaitAsync(Patience);

            var nudge = Assert.Single(harness.CardsTo(ChatOf(harness.BoardManager)));
            Assert.Equal($"{reference} · The Chairs to be informed by Tuesday 24 November 2026 (tomorrow)", Heading(nudge));
            Assert.Equal("D2 · Inform the Independent Chair and the Sub-group Chair of the notification", Fact(nudge, "Obligation"));
            Assert.Equal("Tuesday 24 November 2026 (tomorrow)", Fact(nudge, "Due"));
            Assert.Equal("The Independent Chair and the Sub-group Chair", Fact(nudge, "Owed to"));
            Assert.StartsWith("Promptly: 1 working day from receiving the notification", Fact(nudge, "Rule"), StringComparison.Ordinal);
            var button = Assert.Single(nudge["actions"]!.AsArray());
            Assert.Equal("Case status", button!["title"]!.GetValue<string>());
            Assert.Equal("case.show", button["verb"]!.GetValue<string>());
            Assert.Equal(reference.Value, button["data"]!["reference"]!.GetValue<string>());

            Assert.Empty(harness.CardsTo(ChatOf(harness.IndependentChair)));
            Assert.Empty(harness.CardsTo(ChatOf(harness.SubgroupChair)));
            Assert.Single(harness.CardsTo(harness.NoticeChannel));
            Assert.Equal(new DateOnly(2026, 11, 23), Assert.Single(journal.Sweeps).Day);
            await journal.WhenAsync(j => j.Next == new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero)).WaitAsync(Patience);
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task AnObligationAlreadyMetIsNotNudgedEvenWhenTheIndexStillListsIt()
    {
        var index = new AsReferred(new ObligationRulesIndexSource(new ProcessProfiles(), TimeProvider.System));
        await using var harness = await StartAsync(azurite, new DateTimeOffset(2026, 11, 23, 6, 30, 0, TimeSpan.Zero), index);
        var reference = await harness.ReferAsync(new DateOnly(2026, 11, 23));
        await harness.InformChairsAsync(reference);
        Assert.Contains(await harness.Cases.DueOnOrBeforeAsync(new DateOnly(2026, 11, 25)), o => o.Case == reference && o.Code == ScrBot.Domain.Obligations.ObligationCode.D2);

        harness.Time.Advance(TimeSpan.FromHours(1.5));
        var summary = await harness.Sweep().SweepAsync(new DateOnly(2026, 11, 23), null, CancellationToken.None);

        Assert.Equal(1, summary.Cases);
        Assert.Equal(0, summary.Obligations);
        Assert.Empty(harness.Connector.Requests);
    }

    [Fact]
    public async Task NothingIsSentOverEasterAndTheNextWorkingDaysSweepSaysTheNudgeIsOverdue()
    {
        // Referred on Wednesday 1 April 2026 at 10:00 BST: the Chairs are to be informed by Thursday 2 April. Good Friday
        // (3 April) and Easter Monday (6 April) are bank holidays.
        await using var harness = await StartAsync(azurite, new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero));
        var reference = await harness.ReferAsync(new DateOnly(2026, 4, 1));
        harness.Time.Advance(TimeSpan.FromHours(21));
        var (worker, journal) = harness.Worker();
        await worker.StartAsync(CancellationToken.None);
        try
        {
            var thursday = new DateTimeOffset(2026, 4, 2, 7, 0, 0, TimeSpan.Zero);
            await journal.WhenAsync(j => j.Next == thursday).WaitAsync(Patience);
            harness.Time.Advance(thursday - harness.Time.GetUtcNow());
            await journal.WhenAsync(j => j.Sweeps.Count == 1).WaitAsync(Patience);
            Assert.Equal($"{reference} · The Chairs to be informed by Thursday 2 April 2026 (today)", Heading(Assert.Single(harness.CardsTo(ChatOf(harness.BoardManager)))));

            var tuesday = new DateTimeOffset(2026, 4, 7, 7, 0, 0, TimeSpan.Zero);
            await journal.WhenAsync(j => j.Next == tuesday).WaitAsync(Patience);
            var sentBefore = harness.Connector.Requests.Count;
            while (harness.Time.GetUtcNow() < tuesday - TimeSpan.FromHours(1))
            {
                harness.Time.Advance(TimeSpan.FromHours(1));
            }

            harness.Time.Advance(tuesday - TimeSpan.FromMinutes(1) - harness.Time.GetUtcNow());
            Assert.Single(journal.Sweeps);
            Assert.Equal(sentBefore, harness.Connector.Requests.Count);

            harness.Time.Advance(TimeSpan.FromMinutes(1));
            await journal.WhenAsync(j => j.Sweeps.Count == 2).WaitAsync(Patience);
            var overdue = harness.CardsTo(ChatOf(harness.BoardManager))[^1];
            Assert.Equal($"{reference} · The Chairs to be informed by Thursday 2 April 2026 (1 working day overdue)", Heading(overdue));
            Assert.Equal("Overdue", Fact(overdue, "Status"));
            Assert.Equal([new DateOnly(2026, 4, 2), new DateOnly(2026, 4, 7)], journal.Sweeps.Select(s => s.Day));
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task TheSweepRunsAtEightLondonTimeOnBothSidesOfTheChangeToSummerTime()
    {
        // Friday 27 March 2026 is in GMT (08:00 London = 08:00 UTC); British Summer Time starts on Sunday 29 March, so
        // on Monday 30 March 08:00 London is 07:00 UTC.
        await using var harness = await StartAsync(azurite, new DateTimeOffset(2026, 3, 27, 7, 0, 0, TimeSpan.Zero));
        var (worker, journal) = harness.Worker();
        await worker.StartAsync(CancellationToken.None);
        try
        {
            var friday = new DateTimeOffset(2026, 3, 27, 8, 0, 0, TimeSpan.Zero);
            await journal.WhenAsync(j => j.Next == friday).WaitAsync(Patience);
            harness.Time.Advance(friday - harness.Time.GetUtcNow());
            await journal.WhenAsync(j => j.Sweeps.Count == 1).WaitAsync(Patience);

            var monday = new DateTimeOffset(2026, 3, 30, 7, 0, 0, TimeSpan.Zero);
            await journal.WhenAsync(j => j.Next == monday).WaitAsync(Patience);
            harness.Time.Advance(monday - TimeSpan.FromMinutes(1) - harness.Time.GetUtcNow());
            Assert.Single(journal.Sweeps);

            harness.Time.Advance(TimeSpan.FromMinutes(1));
            await journal.WhenAsync(j => j.Sweeps.Count == 2).WaitAsync(Patience);
            Assert.Equal([new DateOnly(2026, 3, 27), new DateOnly(2026, 3, 30)], journal.Sweeps.Select(s => s.Day));
            await journal.WhenAsync(j => j.Next == new DateTimeOffset(2026, 3, 31, 7, 0, 0, TimeSpan.Zero)).WaitAsync(Patience);
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task TwoInstancesSweepingAtOnceSendEachNudgeOnce()
    {
        await using var harness = await StartAsync(azurite, new DateTimeOffset(2026, 11, 23, 6, 30, 0, TimeSpan.Zero));
        var reference = await harness.ReferAsync(new DateOnly(2026, 11, 23));
        harness.Time.Advance(TimeSpan.FromHours(1.5));
        var today = new DateOnly(2026, 11, 23);

        var both = await Task.WhenAll(harness.Sweep(holder: "instance-a").RunAsync(today, CancellationToken.None), harness.Sweep(holder: "instance-b").RunAsync(today, CancellationToken.None));

        Assert.Single(both, s => s.Claim == SweepClaimState.Claimed);
        Assert.Single(both, s => s.Claim is SweepClaimState.HeldByAnother or SweepClaimState.AlreadySwept);
        Assert.Single(harness.CardsTo(ChatOf(harness.BoardManager)));
        Assert.Single(harness.CardsTo(harness.NoticeChannel));

        var again = await harness.Sweep(holder: "instance-c").RunAsync(today, CancellationToken.None);
        Assert.Equal(SweepClaimState.AlreadySwept, again.Claim);
        Assert.Single(harness.CardsTo(ChatOf(harness.BoardManager)));
        Assert.Contains(await harness.Ledger.RecordedOnAsync(today), n => n.Reference == reference.Value && n.Obligation == "D2" && n.Outcome == "sent");
    }

    [Fact]
    public async Task ASweepRunAgainAfterACrashSendsNothingTwice()
    {
        await using var harness = await StartAsync(azurite, new DateTimeOffset(2026, 11, 23, 6, 30, 0, TimeSpan.Zero));
        await harness.ReferAsync(new DateOnly(2026, 11, 23));
        harness.Time.Advance(TimeSpan.FromHours(1.5));
        var today = new DateOnly(2026, 11, 23);

        var first = await harness.Sweep().SweepAsync(today, null, CancellationToken.None);
        var second = await harness.Sweep().SweepAsync(today, null, CancellationToken.None);

        Assert.Equal(2, first.NudgesSent + first.RemindersPosted);
        Assert.Equal(0, second.NudgesSent + second.RemindersPosted);
        Assert.Equal(2, second.AlreadySent);
        Assert.Single(harness.CardsTo(ChatOf(harness.BoardManager)));
        Assert.Single(harness.CardsTo(harness.NoticeChannel));
    }

    [Fact]
    public async Task ASweepLeftUnfinishedByACrashedInstanceIsTakenOverWhenItsLeaseRunsOut()
    {
        await using var harness = await StartAsync(azurite, new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        await harness.ReferAsync(new DateOnly(2026, 11, 23));
        var today = new DateOnly(2026, 11, 23);
        var crashed = await harness.Ledger.ClaimSweepAsync(today, "crashed", harness.Time.GetUtcNow(), TimeSpan.FromMinutes(30), CancellationToken.None);
        Assert.Equal(SweepClaimState.Claimed, crashed.State);

        var blocked = await harness.Sweep(holder: "survivor").RunAsync(today, CancellationToken.None);
        Assert.Equal(SweepClaimState.HeldByAnother, blocked.Claim);
        Assert.Equal(harness.Time.GetUtcNow() + TimeSpan.FromMinutes(30), blocked.HeldUntil);
        Assert.Empty(harness.Connector.Requests);

        harness.Time.Advance(TimeSpan.FromMinutes(31));
        var taken = await harness.Sweep(holder: "survivor").RunAsync(today, CancellationToken.None);
        Assert.Equal(SweepClaimState.Claimed, taken.Claim);
        Assert.Single(harness.CardsTo(ChatOf(harness.BoardManager)));
    }

    /// <summary>An index that stays as it was when the case was referred: what a failed index refresh leaves behind.</summary>
    private sealed class AsReferred(IObligationIndexSource rules) : IObligationIndexSource
    {
        public IReadOnlyList<ScrBot.Domain.Obligations.ObligationIndexEntry> For(CaseState state, IReadOnlyList<CaseEvent> facts) =>
            rules.For(state, [.. facts.Take(facts.ToList().FindIndex(f => f is CaseReferred) + 1)]);
    }
}
