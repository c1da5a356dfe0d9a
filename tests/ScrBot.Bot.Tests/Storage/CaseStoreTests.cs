using ScrBot.Bot.Storage;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class CaseStoreTests(AzuriteFixture azurite)
{
    private readonly InstantTimers _time = new(Kit.ReferredAt.AddDays(1));

    [Fact]
    public async Task TwentyChangesMadeAtOnceAreAllKeptInOneUnbrokenOrder()
    {
        var store = Kit.NewStore(azurite, _time);
        var reference = await Kit.ReferAsync(store, Kit.Staffordshire);
        var people = Enumerable.Range(1, 20).Select(Kit.Person).ToList();

        var results = await Task.WhenAll(people.Select(person => store.ExecuteAsync(
            Kit.Staffordshire, reference, "Add a panel member", Kit.BoardManager, Kit.Assign(person, Role.PanelMember))));

        Assert.All(results, r => Assert.False(r.IsRefused, r.Outcome.Explanation));
        var stored = await store.LoadAsync(Kit.Staffordshire, reference);
        Assert.NotNull(stored);
        Assert.Equal(21, stored.Facts.Count);
        Assert.Equal(21, stored.State.Version);
        var assigned = stored.Facts.OfType<CaseRoleAssigned>().Select(f => f.Person.Id).ToList();
        Assert.Equal(people.Select(p => p.Id).OrderBy(p => p.Value), assigned.OrderBy(p => p.Value));
        Assert.All(people, p => Assert.True(stored.State.HasRole(p.Id, Role.PanelMember)));
        Assert.Equal(CaseJson.Serialize(CaseState.Fold(stored.Facts)), CaseJson.Serialize(stored.State));

        var table = azurite.ServiceClient().GetTableClient(store.Tables.Cases);
        var rows = await Kit.RowsAsync(table, $"PartitionKey eq 'staffordshire|{reference}'");
        var factKeys = rows.Select(r => r.RowKey).Where(k => k.StartsWith('f')).ToList();
        Assert.Equal(Enumerable.Range(1, 21).Select(v => $"f{v:D10}"), factKeys);
        Assert.Equal(Enumerable.Range(1, 21), rows.Where(r => r.RowKey.StartsWith('f')).Select(r => r.GetInt32("Version")!.Value));
        var snapshot = Assert.Single(rows, r => r.RowKey == "snapshot");
        Assert.Equal(21, snapshot.GetInt32("Version"));
        Assert.Equal(CaseJson.Serialize(CaseState.Fold(stored.Facts)), snapshot.GetString("Json"));

        var versionsSeen = results.Select(r => r.State.Version).Order();
        Assert.Equal(Enumerable.Range(2, 20), versionsSeen);
    }

    [Fact]
    public async Task AChangeThatLosesARaceIsRunAgainOnTheNewStateAndOverwritesNothing()
    {
        var store = Kit.NewStore(azurite, _time);
        var reference = await Kit.ReferAsync(store, Kit.Staffordshire);
        var first = Kit.Person(1);
        var second = Kit.Person(2);
        var versionsSeen = new List<int>();

        var result = await store.ExecuteAsync(Kit.Staffordshire, reference, "Add a panel member", Kit.BoardManager, (state, facts) =>
        {
            versionsSeen.Add(state.Version);
            if (versionsSeen.Count == 1)
            {
                // Someone else's change lands between this command's read and its write.
                var other = store.ExecuteAsync(Kit.Staffordshire, reference, "Add a panel member", Kit.BoardManager, Kit.Assign(first, Role.PanelMember))
                    .GetAwaiter().GetResult();
                Assert.False(other.IsRefused);
            }

            return Kit.Assign(second, Role.PanelMember)(state, facts);
        });

        Assert.False(result.IsRefused);
        Assert.Equal([1, 2], versionsSeen);
        // The first lost race is read again at once: no wait on the clock.
        Assert.Empty(_time.Pauses);
        var stored = await store.LoadAsync(Kit.Staffordshire, reference);
        Assert.Equal(3, stored!.State.Version);
        Assert.True(stored.State.HasRole(first.Id, Role.PanelMember));
        Assert.True(stored.State.HasRole(second.Id, Role.PanelMember));
        Assert.Equal([first.Id, second.Id], stored.Facts.OfType<CaseRoleAssigned>().Select(f => f.Person.Id));
    }

    [Fact]
    public async Task ARefusedAttemptIsKeptInTheAuditTrailAndChangesNothingElse()
    {
        var store = Kit.NewStore(azurite, _time);
        var reference = await Kit.ReferAsync(store, Kit.Staffordshire);
        var before = await store.LoadAsync(Kit.Staffordshire, reference);
        var stranger = new Actor(new PersonId("aad-stranger"), "Lee Stranger");

        var result = await store.ExecuteAsync(Kit.Staffordshire, reference, "Choose agencies", stranger,
            (_, _) => Outcome.Refused("Only the Board Manager can choose the agencies to involve."));

        Assert.True(result.IsRefused);
        Assert.Equal("Only the Board Manager can choose the agencies to involve.", result.Outcome.Explanation);
        var after = await store.LoadAsync(Kit.Staffordshire, reference);
        Assert.Equal(before!.Facts.Count + 1, after!.Facts.Count);
        var audit = Assert.IsType<AttemptRefused>(after.Facts[^1]);
        Assert.Equal("Choose agencies", audit.Attempt);
        Assert.Equal("Only the Board Manager can choose the agencies to involve.", audit.Reason);
        Assert.Equal(stranger, audit.By);
        Assert.Equal(_time.Now, audit.At);
        Assert.Equal(CaseJson.Serialize(before.State with { Version = after.State.Version }), CaseJson.Serialize(after.State));
        Assert.Equal(CaseJson.Serialize(after.State), CaseJson.Serialize(result.State));
        Assert.Equal(before.Facts.Select(CaseJson.Serialize), after.Facts.Take(before.Facts.Count).Select(CaseJson.Serialize));
    }

    [Fact]
    public async Task AChangeToACaseThatDoesNotExistIsRefusedAndStoresNothing()
    {
        var store = Kit.NewStore(azurite, _time);
        var reference = await Kit.ReferAsync(store, Kit.Staffordshire);
        var missing = new CaseReference(2026, 42);

        var result = await store.ExecuteAsync(Kit.Staffordshire, missing, "Add a panel member", Kit.BoardManager, Kit.Assign(Kit.Person(1), Role.PanelMember));
        var otherBoard = await store.ExecuteAsync(Kit.Stoke, reference, "Add a panel member", Kit.BoardManager, Kit.Assign(Kit.Person(1), Role.PanelMember));

        Assert.Equal("There is no case SCR-2026-0042 on board staffordshire.", result.Outcome.Explanation);
        Assert.Equal("There is no case SCR-2026-0001 on board stoke.", otherBoard.Outcome.Explanation);
        Assert.Null(await store.LoadAsync(Kit.Staffordshire, missing));
        Assert.Null(await store.LoadAsync(Kit.Stoke, reference));
        Assert.Equal(1, (await store.LoadAsync(Kit.Staffordshire, reference))!.State.Version);
    }

    [Fact]
    public async Task AFactTooBigForOnePropertyReadsBackWhole()
    {
        var store = Kit.NewStore(azurite, _time);
        var reference = await Kit.ReferAsync(store, Kit.Staffordshire);
        // 150,000 characters: more than four 64 KiB properties, with accents, and an emoji across the first part boundary.
        var details = (new string('a', 31_999) + "📎" + string.Concat(Enumerable.Range(0, 6000).Select(i => $"Entry {i:D4}: séance 📎 ")))[..150_000];
        var fact = new RiskOfSignificantHarmIdentified(details) { At = _time.Now, By = Kit.BoardManager };

        var result = await store.ExecuteAsync(Kit.Staffordshire, reference, "Record a risk of significant harm", Kit.BoardManager, Kit.Append(fact));

        Assert.False(result.IsRefused, result.Outcome.Explanation);
        var stored = await store.LoadAsync(Kit.Staffordshire, reference);
        var back = Assert.IsType<RiskOfSignificantHarmIdentified>(stored!.Facts[^1]);
        Assert.Equal(details, back.Details);
        var table = azurite.ServiceClient().GetTableClient(store.Tables.Cases);
        var row = (await table.GetEntityAsync<Azure.Data.Tables.TableEntity>($"staffordshire|{reference}", "f0000000002")).Value;
        Assert.True(row.GetInt32("JsonParts") > 4);
        Assert.All(Enumerable.Range(0, row.GetInt32("JsonParts")!.Value),
            i => Assert.True(row.GetString(i == 0 ? "Json" : $"Json{i}")!.Length <= 32_000));
    }

    [Fact]
    public async Task AnEntryTooLargeForTheCaseRecordIsRefusedInPlainEnglishAndAudited()
    {
        var store = Kit.NewStore(azurite, _time);
        var reference = await Kit.ReferAsync(store, Kit.Staffordshire);
        var fact = new RiskOfSignificantHarmIdentified(new string('x', 700_000)) { At = _time.Now, By = Kit.BoardManager };

        var result = await store.ExecuteAsync(Kit.Staffordshire, reference, "Record a risk of significant harm", Kit.BoardManager, Kit.Append(fact));

        Assert.True(result.IsRefused);
        Assert.Contains("too much text", result.Outcome.Explanation, StringComparison.Ordinal);
        var stored = await store.LoadAsync(Kit.Staffordshire, reference);
        Assert.Equal(2, stored!.Facts.Count);
        var audit = Assert.IsType<AttemptRefused>(stored.Facts[^1]);
        Assert.Equal("Record a risk of significant harm", audit.Attempt);
        Assert.Equal(result.Outcome.Explanation, audit.Reason);
    }

    [Fact]
    public async Task MoreEntriesThanOneTransactionHoldsAreRefusedAndAudited()
    {
        var store = Kit.NewStore(azurite, _time);
        var reference = await Kit.ReferAsync(store, Kit.Staffordshire);
        var facts = Enumerable.Range(1, 100)
            .Select(i => (CaseEvent)new RecordsSecured(new AgencyId($"agency-{i}")) { At = _time.Now, By = Kit.BoardManager })
            .ToList();

        var result = await store.ExecuteAsync(Kit.Staffordshire, reference, "Record secured records", Kit.BoardManager, (_, _) => Outcome.Accepted(facts));
        var ninetyNine = await store.ExecuteAsync(Kit.Staffordshire, reference, "Record secured records", Kit.BoardManager,
            (_, _) => Outcome.Accepted(facts.Take(99).ToList()));

        Assert.True(result.IsRefused);
        Assert.Contains("smaller steps", result.Outcome.Explanation, StringComparison.Ordinal);
        Assert.False(ninetyNine.IsRefused);
        var stored = await store.LoadAsync(Kit.Staffordshire, reference);
        Assert.Equal(1 + 1 + 99, stored!.Facts.Count);
        Assert.IsType<AttemptRefused>(stored.Facts[1]);
    }
}
