using Azure.Data.Tables;
using ScrBot.Bot.Storage;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Obligations;

namespace ScrBot.Bot.Tests.Storage;

/// <summary>
/// Two obligations of process.md, derived from the facts the way the obligation rules will be: D2 (tell the Chairs,
/// due the day after the referral, met by <see cref="ChairsInformed"/>) and D3 (each partner's record check, due by
/// the agreed date, gone once that partner has answered).
/// </summary>
internal sealed class TriageObligations : IObligationIndexSource
{
    public IReadOnlyList<ObligationIndexEntry> For(CaseState state, IReadOnlyList<CaseEvent> facts)
    {
        if (state.Reference is not { } reference || state.ReferredAt is not { } referredAt)
        {
            return [];
        }

        var obligations = new List<ObligationIndexEntry>
        {
            new(reference, state.LeadBoard, ObligationCode.D2, "D2", Role.BoardManager, null, ScrBot.Domain.Calendar.LondonTime.DateOf(referredAt).AddDays(1),
                facts.OfType<ChairsInformed>().Any() ? ObligationStatus.Met : ObligationStatus.Open),
        };
        if (facts.OfType<ChildDetailsSentToPartners>().LastOrDefault() is { } sent)
        {
            var answered = facts.OfType<RecordCheckReturned>().Select(r => r.Agency).ToHashSet();
            obligations.AddRange(sent.Partners.Where(p => !answered.Contains(p)).Select(p =>
                new ObligationIndexEntry(reference, state.LeadBoard, ObligationCode.D3, $"D3/{p}", Role.AgencyRepresentative, p, sent.ChecksDueBy, ObligationStatus.Open)));
        }

        return obligations;
    }
}

[Collection(AzuriteCollection.Name)]
public sealed class ObligationIndexTests(AzuriteFixture azurite)
{
    private static readonly AgencyId Police = new("police");
    private static readonly AgencyId Health = new("health");
    private static readonly DateOnly ChecksDue = new(2026, 11, 13);

    private readonly InstantTimers _time = new(Kit.ReferredAt.AddHours(2));

    [Fact]
    public async Task ObligationsAreFiledUnderTheirDueDatesAndADayReadsOnlyWhatIsDueByThen()
    {
        var store = Kit.NewStore(azurite, _time, new TriageObligations());
        var reference = await Kit.ReferAsync(store, Kit.Staffordshire);
        await SendDetailsAsync(store, reference, ChecksDue, Police, Health);

        var rows = await Kit.RowsAsync(azurite.ServiceClient().GetTableClient(store.Tables.Obligations));
        var dueOnReferralDay = await store.DueOnOrBeforeAsync(new DateOnly(2026, 11, 2));
        var dueNextDay = await store.DueOnOrBeforeAsync(new DateOnly(2026, 11, 3));
        var dueDayBeforeChecks = await store.DueOnOrBeforeAsync(new DateOnly(2026, 11, 12));
        var dueOnChecksDay = await store.DueOnOrBeforeAsync(ChecksDue);

        Assert.Equal(
            ["2026-11-03 staffordshire|SCR-2026-0001|D2", "2026-11-13 staffordshire|SCR-2026-0001|D3%2Fhealth", "2026-11-13 staffordshire|SCR-2026-0001|D3%2Fpolice"],
            rows.Select(r => $"{r.PartitionKey} {r.RowKey}").Order(StringComparer.Ordinal));
        Assert.Empty(dueOnReferralDay);
        var d2 = Assert.Single(dueNextDay);
        Assert.Equal(new ObligationIndexEntry(reference, Kit.Staffordshire, ObligationCode.D2, "D2", Role.BoardManager, null, new DateOnly(2026, 11, 3), ObligationStatus.Open), d2);
        Assert.Equal([ObligationCode.D2], dueDayBeforeChecks.Select(o => o.Code));
        Assert.Equal(["D2 ", "D3 health", "D3 police"], dueOnChecksDay.Select(o => $"{o.Code} {o.OwnerAgency}"));
        Assert.All(dueOnChecksDay.Where(o => o.Code == ObligationCode.D3), o => Assert.Equal(ChecksDue, o.DueOn));
        Assert.Equal(["D3 health", "D3 police"],
            (await store.DueBetweenAsync(new DateOnly(2026, 11, 4), new DateOnly(2026, 11, 30))).Select(o => $"{o.Code} {o.OwnerAgency}"));
    }

    [Fact]
    public async Task MeetingAnObligationUpdatesOrRemovesItsRow()
    {
        var store = Kit.NewStore(azurite, _time, new TriageObligations());
        var reference = await Kit.ReferAsync(store, Kit.Staffordshire);
        await SendDetailsAsync(store, reference, ChecksDue, Police, Health);

        await store.ExecuteAsync(Kit.Staffordshire, reference, "Tell the Chairs", Kit.BoardManager,
            Kit.Append(new ChairsInformed([Kit.BoardManager]) { At = _time.Now, By = Kit.BoardManager }));
        await store.ExecuteAsync(Kit.Staffordshire, reference, "Return a record check", Kit.BoardManager,
            Kit.Append(new RecordCheckReturned(Police, RecordCheckResult.Known, []) { At = _time.Now, By = Kit.BoardManager }));

        var due = await store.DueOnOrBeforeAsync(ChecksDue);
        Assert.Equal(["D2 Met", "D3 Open health"], due.Select(o => $"{o.Code} {o.Status}{(o.OwnerAgency is { } a ? " " + a : "")}"));
        var rows = await Kit.RowsAsync(azurite.ServiceClient().GetTableClient(store.Tables.Obligations));
        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public async Task AMovedDeadlineLeavesNoRowUnderTheOldDate()
    {
        var store = Kit.NewStore(azurite, _time, new TriageObligations());
        var reference = await Kit.ReferAsync(store, Kit.Staffordshire);
        await SendDetailsAsync(store, reference, ChecksDue, Police);

        var extended = new DateOnly(2026, 11, 20);
        await SendDetailsAsync(store, reference, extended, Police);

        Assert.DoesNotContain(await store.DueOnOrBeforeAsync(ChecksDue), o => o.Code == ObligationCode.D3);
        var d3 = Assert.Single(await store.DueOnOrBeforeAsync(extended), o => o.Code == ObligationCode.D3);
        Assert.Equal(extended, d3.DueOn);
        var table = azurite.ServiceClient().GetTableClient(store.Tables.Obligations);
        Assert.Empty(await Kit.RowsAsync(table, "PartitionKey eq '2026-11-13'"));
    }

    [Fact]
    public async Task ChangesMadeAtOnceLeaveTheIndexMatchingTheFinalFacts()
    {
        var store = Kit.NewStore(azurite, _time, new TriageObligations());
        var reference = await Kit.ReferAsync(store, Kit.Staffordshire);
        var agencies = Enumerable.Range(1, 12).Select(i => new AgencyId($"agency-{i:D2}")).ToArray();
        await SendDetailsAsync(store, reference, ChecksDue, agencies);

        await Task.WhenAll(agencies.Take(9).Select(agency => store.ExecuteAsync(Kit.Staffordshire, reference, "Return a record check", Kit.BoardManager,
            Kit.Append(new RecordCheckReturned(agency, RecordCheckResult.NotKnown, []) { At = _time.Now, By = Kit.BoardManager }))));

        var due = await store.DueOnOrBeforeAsync(ChecksDue);
        Assert.Equal(agencies.Skip(9).Select(a => $"D3/{a}"), due.Where(o => o.Code == ObligationCode.D3).Select(o => o.Key));
        var stored = await store.LoadAsync(Kit.Staffordshire, reference);
        Assert.Equal(1 + 1 + 9, stored!.State.Version);
    }

    [Fact]
    public async Task RebuildingTheIndexRestoresMissingRowsAndRemovesRowsTheFactsNoLongerSupport()
    {
        var store = Kit.NewStore(azurite, _time, new TriageObligations());
        var reference = await Kit.ReferAsync(store, Kit.Staffordshire);
        var other = await Kit.ReferAsync(store, Kit.Staffordshire);
        await SendDetailsAsync(store, reference, ChecksDue, Police, Health);
        var table = azurite.ServiceClient().GetTableClient(store.Tables.Obligations);
        await table.DeleteEntityAsync("2026-11-13", "staffordshire|SCR-2026-0001|D3%2Fpolice");
        await table.AddEntityAsync(new TableEntity("2026-11-05", "staffordshire|SCR-2026-0001|D3%2Fprobation")
        {
            ["Reference"] = "SCR-2026-0001", ["Board"] = "staffordshire", ["Code"] = "D3", ["OwnerRole"] = "AgencyRepresentative",
            ["OwnerAgency"] = "probation", ["Status"] = "Open", ["Key"] = "D3/probation",
        });

        var rebuilt = await store.RebuildIndexAsync(Kit.Staffordshire, reference);
        var missing = await store.RebuildIndexAsync(Kit.Staffordshire, new CaseReference(2026, 99));

        Assert.True(rebuilt);
        Assert.False(missing);
        var due = await store.DueOnOrBeforeAsync(ChecksDue);
        Assert.Equal(
            ["SCR-2026-0001 D2 ", "SCR-2026-0002 D2 ", "SCR-2026-0001 D3 health", "SCR-2026-0001 D3 police"],
            due.Select(o => $"{o.Case} {o.Code} {o.OwnerAgency}"));
        Assert.Equal(other, due[1].Case);
    }

    private Task SendDetailsAsync(CaseStore store, CaseReference reference, DateOnly checksDueBy, params AgencyId[] partners) =>
        store.ExecuteAsync(Kit.Staffordshire, reference, "Send the child's details to partners", Kit.BoardManager,
            Kit.Append(new ChildDetailsSentToPartners(partners, checksDueBy) { At = _time.Now, By = Kit.BoardManager }));
}
