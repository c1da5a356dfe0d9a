using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ScrBot.Bot.Storage;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Obligations;

namespace ScrBot.Bot.Tests.Storage;

/// <summary>The obligations index as the case store keeps it with the real D1–D12 rules.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ObligationRulesIndexTests(AzuriteFixture azurite)
{
    private CaseStore Store(IDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var prefix = Kit.NewPrefix();
        var provider = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(azurite.ServiceClient())
            .AddSingleton<TimeProvider>(new InstantTimers(Kit.ReferredAt))
            .AddCaseStore()
            .Configure<CaseStoreOptions>(o => o.TablePrefix = prefix)
            .BuildServiceProvider();
        return provider.GetRequiredService<CaseStore>();
    }

    [Fact]
    public async Task ANotifiedDeathIsIndexedUnderTheDatesOfferedByTheToolkit()
    {
        var store = Store();

        await Kit.ReferAsync(store, Kit.Staffordshire);

        // Referred and became aware on Monday 2 November 2026.
        var due = await store.DueOnOrBeforeAsync(new DateOnly(2026, 12, 31));
        Assert.Equal(new DateOnly(2026, 11, 3), Assert.Single(due, o => o.Code == ObligationCode.D2).DueOn); // chairs told: 1 working day
        Assert.Equal(new DateOnly(2026, 11, 9), Assert.Single(due, o => o.Code == ObligationCode.D1).DueOn); // Ofsted: 5 working days
        Assert.Equal(Role.BoardManager, Assert.Single(due, o => o.Code == ObligationCode.D2).OwnerRole);
    }

    [Fact]
    public async Task InformingTheChairsTakesTheirObligationOutOfTheIndex()
    {
        var store = Store();
        var reference = await Kit.ReferAsync(store, Kit.Staffordshire);

        await store.ExecuteAsync(Kit.Staffordshire, reference, "Inform the Chairs", Kit.BoardManager, Kit.Append(
            new ChairsInformed([Kit.Person(1), Kit.Person(2)]) { At = Kit.ReferredAt.AddHours(2), By = Kit.BoardManager }));

        var due = await store.DueOnOrBeforeAsync(new DateOnly(2026, 12, 31));
        Assert.DoesNotContain(due, o => o.Code == ObligationCode.D2);
        Assert.Contains(due, o => o.Code == ObligationCode.D1);
    }

    [Fact]
    public async Task ABoardThatAllowsThreeWorkingDaysToTellTheChairsGetsThatDeadline()
    {
        var store = Store(new Dictionary<string, string?> { ["ProcessProfiles:staffordshire:InformChairsWorkingDays"] = "3" });

        await Kit.ReferAsync(store, Kit.Staffordshire);

        var due = await store.DueOnOrBeforeAsync(new DateOnly(2026, 12, 31));
        Assert.Equal(new DateOnly(2026, 11, 5), Assert.Single(due, o => o.Code == ObligationCode.D2).DueOn);
    }

    [Fact]
    public async Task ABoardsOwnClosureDayIsNotCountedAsAWorkingDay()
    {
        var store = Store(new Dictionary<string, string?>
        {
            ["ProcessProfiles:staffordshire:Closures:0:Date"] = "2026-11-03",
            ["ProcessProfiles:staffordshire:Closures:0:Reason"] = "Office move",
        });

        await Kit.ReferAsync(store, Kit.Staffordshire);

        var due = await store.DueOnOrBeforeAsync(new DateOnly(2026, 12, 31));
        Assert.Equal(new DateOnly(2026, 11, 4), Assert.Single(due, o => o.Code == ObligationCode.D2).DueOn);
    }

    [Fact]
    public void AProfileWithAnImpossibleSettingStopsStartUpNamingTheBoard()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ProcessProfiles:stoke:InformChairsWorkingDays"] = "-2" })
            .Build();

        var error = Assert.Throws<InvalidOperationException>(() => ProcessProfiles.From(configuration));

        Assert.Contains("ProcessProfiles:stoke", error.Message, StringComparison.Ordinal);
    }
}
