using ScrBot.Bot.Nudges;
using ScrBot.Bot.Tests.Infrastructure;
using static ScrBot.Bot.Tests.Nudges.NudgeHarness;

namespace ScrBot.Bot.Tests.Nudges;

/// <summary>
/// With one instance (the README's B1 plan) a kill in the middle of the morning's sweep loses nothing: the instance
/// started again resumes the day's sweep once the killed one's lease runs out, sends what had not gone (including
/// the nudge that was on its way when it died) and sends nothing twice. On Azurite, with the stand-in Bot Connector.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class KilledSweepTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AfterTheOnlyInstanceIsKilledMidSweepTheRestartedOneDeliversEveryMessageOfTheDayOnce()
    {
        // Monday 23 November 2026, 08:00 in London: three cases referred this morning owe D2 tomorrow.
        var eight = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
        var today = new DateOnly(2026, 11, 23);
        await using var harness = await StartAsync(azurite, eight - TimeSpan.FromHours(1));
        var references = new[] { await harness.ReferAsync(today), await harness.ReferAsync(today), await harness.ReferAsync(today) };
        harness.Time.Advance(TimeSpan.FromHours(1));

        // The instance sweeps; after one message the connector stops answering and, mid-retry, the instance dies.
        var answered = 0;
        harness.Connector.Script = _ => Interlocked.Increment(ref answered) > 1 ? (503, null) : null;
        using (var kill = new CancellationTokenSource())
        {
            var killed = harness.Sweep(holder: "killed").RunAsync(today, kill.Token);
            await harness.Connector.WaitForAsync(r => r.Status == 503, Patience);
            await kill.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => killed);
        }

        Assert.Equal(1, Delivered(harness));
        Assert.Contains(await harness.Ledger.RecordedOnAsync(today), n => n.Outcome == "sending");

        // Ten minutes later the instance is running again and Teams' connector answers.
        harness.Connector.Script = null;
        harness.Time.Advance(TimeSpan.FromMinutes(10));
        var (worker, journal) = harness.Worker();
        await worker.StartAsync(CancellationToken.None);
        try
        {
            var leaseRunsOut = eight + new NudgeSettings().Lease + TimeSpan.FromSeconds(1);
            await journal.WhenAsync(j => j.Next == leaseRunsOut).WaitAsync(Patience);
            Assert.Equal(1, Delivered(harness));

            harness.Time.Advance(leaseRunsOut - harness.Time.GetUtcNow());
            await journal.WhenAsync(j => j.Sweeps.Count == 1).WaitAsync(Patience);

            Assert.Equal(SweepClaimState.Claimed, journal.Sweeps[0].Claim);
            var toManager = Successful(harness, ChatOf(harness.BoardManager));
            Assert.Equal(references.Select(r => r.Value).Order(), toManager.Select(c => Heading(c).Split(' ')[0]).Order());
            Assert.Single(Successful(harness, harness.NoticeChannel));
            Assert.All(await harness.Ledger.RecordedOnAsync(today), n => Assert.Equal("sent", n.Outcome));

            var tuesday = new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
            await journal.WhenAsync(j => j.Next == tuesday).WaitAsync(Patience);
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    private static int Delivered(NudgeHarness harness) => harness.Connector.Requests.Count(r => r.Operation == "send" && r.Status < 300);

    private static List<System.Text.Json.Nodes.JsonObject> Successful(NudgeHarness harness, string conversationId) =>
        [.. harness.Connector.Requests.Where(r => r.Operation == "send" && r.Status < 300 && r.ConversationId == conversationId).Select(r => r.Card!)];
}
