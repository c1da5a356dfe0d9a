using Azure.Data.Tables;
using ScrBot.Bot.Storage;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class ReferralStorageTests(AzuriteFixture azurite)
{
    private readonly InstantTimers _time = new(Kit.ReferredAt);

    [Fact]
    public async Task FiftyReferralsAtOnceGetFiftyDifferentReferencesNumberedFromOne()
    {
        var store = Kit.NewStore(azurite, _time);

        var results = await Task.WhenAll(Enumerable.Range(1, 50).Select(i =>
            store.ReferAsync(Kit.Staffordshire, 2026, Kit.Referrer, Kit.Refer(Kit.Staffordshire, Kit.Form(Kit.Staffordshire, childName: $"Child {i}")))));

        Assert.All(results, r => Assert.False(r.IsRefused, r.Outcome.Explanation));
        var references = results.Select(r => r.State.Reference!.Value.Value).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(1, 50).Select(n => $"SCR-2026-{n:D4}"), references);
        var indexed = await store.CasesOnBoardAsync(Kit.Staffordshire);
        Assert.Equal(references, indexed.Select(c => c.Reference.Value).Order(StringComparer.Ordinal));
        foreach (var result in results)
        {
            var stored = await store.LoadAsync(Kit.Staffordshire, result.State.Reference!.Value);
            Assert.Equal(result.State.Form!.Child.Name, stored!.State.Form!.Child.Name);
            Assert.Equal(1, stored.State.Version);
        }
    }

    [Fact]
    public async Task ARefusedReferralStoresNothingAndUsesNoReference()
    {
        var store = Kit.NewStore(azurite, _time);

        var refused = await store.ReferAsync(Kit.Staffordshire, 2026, Kit.Referrer, Kit.Refer(Kit.Staffordshire, Kit.Form(Kit.Staffordshire, childName: " ")));
        var tables = azurite.ServiceClient();
        var rowsAfterRefusal = 0;
        foreach (var name in store.Tables.All)
        {
            rowsAfterRefusal += (await Kit.RowsAsync(tables.GetTableClient(name))).Count;
        }

        var accepted = await store.ReferAsync(Kit.Staffordshire, 2026, Kit.Referrer, Kit.Refer(Kit.Staffordshire, Kit.Form(Kit.Staffordshire)));

        Assert.True(refused.IsRefused);
        Assert.Equal("Child's name: Please give the child's name.", refused.Outcome.Explanation);
        Assert.False(refused.State.Exists);
        Assert.Equal(0, rowsAfterRefusal);
        Assert.Equal("SCR-2026-0001", accepted.State.Reference?.Value);
    }

    [Fact]
    public async Task TwoBoardsReferringOnTheSameDayGetTwoReferencesEachNamingOneCase()
    {
        var store = Kit.NewStore(azurite, _time);

        var onStaffordshire = await Kit.ReferAsync(store, Kit.Staffordshire, Kit.Form(Kit.Staffordshire, childName: "Child S"));
        var onStoke = await Kit.ReferAsync(store, Kit.Stoke, Kit.Form(Kit.Stoke, childName: "Child T"));

        Assert.Equal("SCR-2026-0001", onStaffordshire.Value);
        Assert.Equal("SCR-2026-0002", onStoke.Value);
        Assert.Equal(["staffordshire"], (await store.FindBoardsForReferenceAsync(onStaffordshire)).Select(b => b.Value));
        Assert.Equal(["stoke"], (await store.FindBoardsForReferenceAsync(onStoke)).Select(b => b.Value));
        Assert.Equal("Child S", (await store.LoadAsync(Kit.Staffordshire, onStaffordshire))!.State.Form!.Child.Name);
        Assert.Equal("Child T", (await store.LoadAsync(Kit.Stoke, onStoke))!.State.Form!.Child.Name);
        Assert.Null(await store.LoadAsync(Kit.Stoke, onStaffordshire));
    }

    [Fact]
    public async Task ADeploymentThatNumberedPerBoardCarriesOnAfterTheHighestReferenceAnyBoardGaveOut()
    {
        var store = Kit.NewStore(azurite, _time);
        await store.EnsureTablesAsync(CancellationToken.None);
        var counters = azurite.ServiceClient().GetTableClient(store.Tables.CaseCounters);
        await counters.AddEntityAsync(new TableEntity("staffordshire", "2026") { ["Board"] = "staffordshire", ["Year"] = 2026, ["Last"] = 4 });
        await counters.AddEntityAsync(new TableEntity("stoke", "2026") { ["Board"] = "stoke", ["Year"] = 2026, ["Last"] = 7 });
        var lookup = azurite.ServiceClient().GetTableClient(store.Tables.CaseLookup);
        await lookup.AddEntityAsync(new TableEntity("SCR-2026-0008", "stoke") { ["Board"] = "stoke" });

        var next = await Kit.ReferAsync(store, Kit.Staffordshire);
        var after = await Kit.ReferAsync(store, Kit.Stoke);
        var in2027 = await store.ReferAsync(Kit.Staffordshire, 2027, Kit.Referrer, Kit.Refer(Kit.Staffordshire, Kit.Form(Kit.Staffordshire)));

        Assert.Equal("SCR-2026-0009", next.Value);
        Assert.Equal("SCR-2026-0010", after.Value);
        Assert.Equal("SCR-2027-0001", in2027.State.Reference!.Value.Value);
    }

    [Fact]
    public async Task EachYearIsNumberedFromOne()
    {
        var store = Kit.NewStore(azurite, _time);

        var in2026 = await store.ReferAsync(Kit.Staffordshire, 2026, Kit.Referrer, Kit.Refer(Kit.Staffordshire, Kit.Form(Kit.Staffordshire)));
        var in2027 = await store.ReferAsync(Kit.Staffordshire, 2027, Kit.Referrer, Kit.Refer(Kit.Staffordshire, Kit.Form(Kit.Staffordshire)));
        var again2026 = await store.ReferAsync(Kit.Staffordshire, 2026, Kit.Referrer, Kit.Refer(Kit.Staffordshire, Kit.Form(Kit.Staffordshire)));

        Assert.Equal(["SCR-2026-0001", "SCR-2027-0001", "SCR-2026-0002"],
            new[] { in2026, in2027, again2026 }.Select(r => r.State.Reference!.Value.Value));
    }

    [Fact]
    public async Task TheCaseIndexShowsABoardsCasesWithTheirStageAndDates()
    {
        var store = Kit.NewStore(azurite, _time);
        var reference = await Kit.ReferAsync(store, Kit.Staffordshire);
        var later = Kit.ReferredAt.AddDays(2);
        await store.ExecuteAsync(Kit.Staffordshire, reference, "Add a panel member", Kit.BoardManager, Kit.Assign(Kit.Person(1), Role.PanelMember, later));

        var entry = Assert.Single(await store.CasesOnBoardAsync(Kit.Staffordshire));

        Assert.Equal(reference, entry.Reference);
        Assert.Equal(Kit.Staffordshire, entry.Board);
        Assert.Equal(Stage.Triage, entry.Stage);
        Assert.Equal(Kit.ReferredAt, entry.ReferredAt);
        Assert.Equal(later, entry.UpdatedAt);
        Assert.Equal(2, entry.Version);
        Assert.Empty(await store.CasesOnBoardAsync(Kit.Stoke));
    }
}
