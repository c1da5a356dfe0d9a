using Microsoft.Extensions.DependencyInjection;
using ScrBot.Bot.Nudges;
using ScrBot.Bot.Tests.Infrastructure;
using static ScrBot.Bot.Tests.Nudges.NudgeHarness;

namespace ScrBot.Bot.Tests.Nudges;

/// <summary>
/// <c>ScrBot.Bot sweep-nudges</c> (what <c>scripts/run-local.sh --sweep-nudges</c> runs): today's nudges now, without
/// waiting for 08:00 or editing settings; run again, it sends only what is new.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SweepNowTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TheSweepRunsNowAndAgainLaterSendsOnlyWhatIsNew()
    {
        // Monday 23 November 2026, 06:30 London: long before the 08:00 sweep.
        await using var harness = await StartAsync(azurite, new DateTimeOffset(2026, 11, 23, 6, 30, 0, TimeSpan.Zero));
        var first = await harness.ReferAsync(new DateOnly(2026, 11, 23));
        var services = new ServiceCollection()
            .AddSingleton(harness.Sweep())
            .AddSingleton<TimeProvider>(harness.Time)
            .BuildServiceProvider();

        using var output = new StringWriter();
        Assert.Equal(0, await NudgeSweepCommand.RunAsync(services, output));

        var nudge = Assert.Single(harness.CardsTo(ChatOf(harness.BoardManager)));
        Assert.StartsWith(first.Value, Heading(nudge), StringComparison.Ordinal);
        Assert.Single(harness.CardsTo(harness.NoticeChannel));
        Assert.Contains("1 nudge(s) sent, 1 channel reminder(s) posted", output.ToString(), StringComparison.Ordinal);

        var second = await harness.ReferAsync(new DateOnly(2026, 11, 23));
        using var again = new StringWriter();
        Assert.Equal(0, await NudgeSweepCommand.RunAsync(services, again));

        var nudges = harness.CardsTo(ChatOf(harness.BoardManager));
        Assert.Equal(2, nudges.Count);
        Assert.StartsWith(second.Value, Heading(nudges[1]), StringComparison.Ordinal);
        Assert.Contains("1 nudge(s) sent", again.ToString(), StringComparison.Ordinal);
        Assert.Contains("already sent today", again.ToString(), StringComparison.Ordinal);
    }
}
