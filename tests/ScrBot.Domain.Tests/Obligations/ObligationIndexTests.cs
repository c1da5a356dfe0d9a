using System.Text.Json;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Obligations;
using static ScrBot.Domain.Tests.Obligations.CaseFacts;

namespace ScrBot.Domain.Tests.Obligations;

public sealed class ObligationIndexTests
{
    // Referred Monday 2 March 2026, aware the same day; police returned their checks, health did not.
    private static readonly CaseEvent[] Facts =
    [
        Referred(D(2026, 3, 2), D(2026, 3, 2)),
        new ChairsInformed([Chair]) { At = On(2026, 3, 2), By = Manager },
        new ChildDetailsSentToPartners([Police, Health], D(2026, 3, 9)) { At = On(2026, 3, 3), By = Manager },
        new RecordCheckReturned(Police, RecordCheckResult.Known, [new Discrepancy(DiscrepancyKind.Address, ChildAddress)]) { At = On(2026, 3, 5), By = Manager },
    ];

    [Fact]
    public void OnlyObligationsNotYetMetGoIntoTheIndex()
    {
        var entries = ObligationIndex.EntriesFor(Facts, ProcessProfile.Toolkit, ProcessProfile.Toolkit.CreateCalendar(), D(2026, 3, 10));

        Assert.Equal(
            [
                new ObligationIndexEntry(Reference, LeadBoard, ObligationCode.D1, "D1", Role.AgencyRepresentative, null, D(2026, 3, 9), ObligationStatus.Overdue),
                new ObligationIndexEntry(Reference, LeadBoard, ObligationCode.D3, "D3/health", Role.AgencyRepresentative, Health, D(2026, 3, 9), ObligationStatus.Overdue),
            ],
            entries);
    }

    [Fact]
    public void AnIndexRowCarriesTheCaseReferenceAndNeverTheChildsDetails()
    {
        var entries = ObligationIndex.EntriesFor(Facts, ProcessProfile.Toolkit, ProcessProfile.Toolkit.CreateCalendar(), D(2026, 3, 4));

        var row = JsonSerializer.Serialize(entries);

        Assert.Contains("SCR-2026-0007", row, StringComparison.Ordinal);
        Assert.DoesNotContain("Amelia", row, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Millie", row, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Hidden Lane", row, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("2014", row, StringComparison.Ordinal);
        Assert.DoesNotContain("Jordan", row, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Morgan", row, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void NoObligationEverNamesTheChildOrASignificantOther()
    {
        var obligations = Derive(Facts, D(2026, 3, 10));

        var text = JsonSerializer.Serialize(obligations) + string.Concat(obligations.Select(o => o.StatusText()));

        Assert.DoesNotContain(ChildName, text, StringComparison.Ordinal);
        Assert.DoesNotContain(ChildAddress, text, StringComparison.Ordinal);
        Assert.DoesNotContain(SignificantOtherName, text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSweepFindsEverythingDueOnOrBeforeTheDayAcrossCasesEarliestFirst()
    {
        var other = new CaseReference(2026, 3);
        var entries = new[]
        {
            new ObligationIndexEntry(Reference, LeadBoard, ObligationCode.D5, "D5", Role.BoardManager, null, D(2026, 3, 26), ObligationStatus.Open),
            new ObligationIndexEntry(Reference, LeadBoard, ObligationCode.D3, "D3/health", Role.AgencyRepresentative, Health, D(2026, 3, 9), ObligationStatus.Overdue),
            new ObligationIndexEntry(other, LeadBoard, ObligationCode.D6, "D6", Role.IndependentChair, null, D(2026, 3, 20), ObligationStatus.Open),
            new ObligationIndexEntry(other, LeadBoard, ObligationCode.D2, "D2", Role.BoardManager, null, D(2026, 3, 9), ObligationStatus.Overdue),
        };

        var due = ObligationIndex.DueOnOrBefore(entries, D(2026, 3, 20));

        Assert.Equal(
            [(other, "D2"), (Reference, "D3/health"), (other, "D6")],
            due.Select(e => (e.Case, e.Key)));
    }

    [Fact]
    public void ACaseWithoutAReferralHasNoIndexEntries()
    {
        var facts = new CaseEvent[] { new ScopingPanelHeld(D(2026, 3, 12), [], []) { At = On(2026, 3, 12), By = Manager } };

        Assert.Empty(ObligationIndex.EntriesFor(facts, ProcessProfile.Toolkit, ProcessProfile.Toolkit.CreateCalendar(), D(2026, 3, 12)));
    }
}
