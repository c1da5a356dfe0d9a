using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ScrBot.Bot.Connector;
using ScrBot.Bot.Referral;
using ScrBot.Bot.Tests.Connector;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Domain.Boards;

namespace ScrBot.Bot.Tests.Referral;

/// <summary>
/// A draft holds a child's details outside any case: one left unsent is deleted after the board's retention period
/// (30 days by default), on Azurite, by the real bot host's worker on its clock.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DraftRetentionTests(AzuriteFixture azurite)
{
    // Far from the dates other tests use, so that this test's sweep deletes nothing of theirs.
    private static readonly DateTimeOffset LongAgo = new(2019, 6, 3, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ADraftLeftUnsentForThirtyDaysIsDeletedAndARecentOneIsKept()
    {
        var drafts = new DraftStore(new BotTables(azurite.ServiceClient()));
        var forgotten = await SaveAsync(drafts, savedAt: LongAgo.AddDays(-31));
        var recent = await SaveAsync(drafts, savedAt: LongAgo.AddDays(-1));
        var time = new FakeTimeProvider(LongAgo);

        await using var bot = new BotFactory(BotFactory.LocalSettings(azurite.ConnectionString), s => s.AddSingleton<TimeProvider>(time));
        _ = bot.CreateClient();
        await bot.Logs.WaitForAsync("Next sweep for old referral drafts");
        time.Advance(new DraftRetentionOptions().DraftSweepInterval);
        await bot.Logs.WaitForAsync("Draft retention:");

        Assert.Null(await drafts.GetAsync(forgotten, CancellationToken.None));
        Assert.NotNull(await drafts.GetAsync(recent, CancellationToken.None));
    }

    [Fact]
    public async Task NoDraftIsDeletedBeforeTheFirstSweepIsDue()
    {
        var drafts = new DraftStore(new BotTables(azurite.ServiceClient()));
        var forgotten = await SaveAsync(drafts, savedAt: LongAgo.AddDays(-31));
        var time = new FakeTimeProvider(LongAgo);

        await using (var bot = new BotFactory(BotFactory.LocalSettings(azurite.ConnectionString), s => s.AddSingleton<TimeProvider>(time)))
        {
            _ = bot.CreateClient();
            await bot.Logs.WaitForAsync("Next sweep for old referral drafts");
            time.Advance(new DraftRetentionOptions().DraftSweepInterval - TimeSpan.FromMinutes(1));
            Assert.DoesNotContain(bot.Logs.Lines, l => l.Message.StartsWith("Draft retention:", StringComparison.Ordinal));
        }

        Assert.NotNull(await drafts.GetAsync(forgotten, CancellationToken.None));
    }

    private static async Task<PersonId> SaveAsync(DraftStore drafts, DateTimeOffset savedAt)
    {
        var owner = new PersonId(Guid.NewGuid().ToString());
        await drafts.SaveAsync(ReferralSamples.FilledDraft() with { Owner = owner, DraftId = Guid.NewGuid().ToString("N"), StartedAt = savedAt, SavedAt = savedAt }, CancellationToken.None);
        return owner;
    }
}
