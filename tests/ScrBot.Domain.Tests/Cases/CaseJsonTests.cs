using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Referral;

namespace ScrBot.Domain.Tests.Cases;

public sealed class CaseJsonTests
{
    private static readonly Actor Referrer = new(new PersonId("aad-referrer"), "Pat Referrer");

    private static CaseReferred Referral() => new(
        new CaseReference(2026, 7),
        new BoardId("staffordshire"),
        [new BoardId("stoke")],
        new NotificationForm(
            new ReferrerDetails("Pat Referrer", "Head of Service", new AgencyId("csc"), null, "pat@example.org", true, new BoardId("staffordshire")),
            new ChildDetails("Child A", ["Alias B"], new DateOnly(2015, 3, 4), null, Gender.Female, "1 Street", null, false, null,
                ChildProtectionPlan.Current, false, CustodyStatus.None),
            new IncidentDetails(IncidentKind.Died, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 2), AbuseOrNeglect.Suspected,
                "What happened", InterAgencyConcern.Concerns, null),
            [new SignificantOther("Parent C", "Mother", null)],
            [new AgencyInvolvement(new AgencyId("police"), null, "Known")],
            [],
            new ParallelProcesses(true, "DI Smith", false, true, false, true, false, false, null)))
    {
        At = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero),
        By = Referrer,
    };

    [Fact]
    public void AStoredReferralReadsBackAsTheSameFact()
    {
        var fact = Referral();

        var back = (CaseReferred)CaseJson.DeserializeFact(CaseJson.Serialize(fact));

        Assert.Equal(fact.Reference, back.Reference);
        Assert.Equal(fact.Form.Child.Name, back.Form.Child.Name);
        Assert.Equal(fact.Form.Child.DateOfBirth, back.Form.Child.DateOfBirth);
        Assert.Equal(fact.Form.Child.OtherNames, back.Form.Child.OtherNames);
        Assert.Equal(CaseJson.Serialize(fact), CaseJson.Serialize(back));
    }

    [Fact]
    public void AStoredSnapshotReadsBackEqualToTheFoldOfTheFacts()
    {
        var state = CaseState.Fold([Referral()]);

        var back = CaseJson.DeserializeState(CaseJson.Serialize(state));

        Assert.Equal("SCR-2026-0007", back.Reference?.Value);
        Assert.Equal(CaseJson.Serialize(state), CaseJson.Serialize(back));
        Assert.Contains("\"SCR-2026-0007\"", CaseJson.Serialize(state), StringComparison.Ordinal);
    }
}
