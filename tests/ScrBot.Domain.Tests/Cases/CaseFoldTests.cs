using ScrBot.Domain.Cases;
using static ScrBot.Domain.Tests.Cases.Samples;

namespace ScrBot.Domain.Tests.Cases;

public sealed class CaseFoldTests
{
    private static CaseStory CompleteCase() =>
        CaseStory.Published()
            .Do(CscRep, (s, c) => CaseCommands.ReportNotifiableIncident(s, c, new DateOnly(2026, 3, 9)))
            .Do(PoliceRep, (s, c) => CaseCommands.IdentifyRiskOfSignificantHarm(s, c, "A sibling is at risk."))
            .At(new DateTimeOffset(2026, 10, 15, 15, 0, 0, TimeSpan.Zero))
            .Do(Manager, (s, c) => CaseCommands.RecordActionPlanMeeting(s, c, new DateOnly(2026, 10, 15), new DateOnly(2026, 11, 15)))
            .At(new DateTimeOffset(2026, 11, 15, 15, 0, 0, TimeSpan.Zero))
            .Do(Manager, (s, c) => CaseCommands.RecordActionPlanMeeting(s, c, new DateOnly(2026, 11, 15), new DateOnly(2026, 12, 15)))
            .At(new DateTimeOffset(2026, 12, 15, 15, 0, 0, TimeSpan.Zero))
            .Do(Manager, (s, c) => CaseCommands.RecordActionPlanMeeting(s, c, new DateOnly(2026, 12, 15), null))
            .Do(PoliceRep, (s, c) => CaseCommands.ReportActionUpdate(s, c, "A1", "Protocol in place.", true))
            .Do(HealthRep, (s, c) => CaseCommands.ReportActionUpdate(s, c, "A2", "Template changed.", true))
            .Do(ScrBot.Domain.Tests.Cases.Samples.SubgroupChair, (s, c) => CaseCommands.ReviewActionPlanEvidence(s, c, new DateOnly(2026, 12, 15)))
            .Do(Manager, (s, c) => CaseCommands.EndorseActionPlan(s, c, new DateOnly(2026, 12, 15)))
            .Do(Manager, (s, c) => CaseCommands.SendReportToLibrary(s, c, new DateOnly(2026, 12, 15)))
            .Do(Manager, (s, c) => CaseCommands.CloseCase(s, c, "Action plan complete and endorsed."))
            .At(new DateTimeOffset(2027, 10, 2, 9, 0, 0, TimeSpan.Zero))
            .Do(Manager, (s, c) => CaseCommands.RemoveReportFromWebsite(s, c, new DateOnly(2027, 10, 2)));

    [Fact]
    public void TheFoldOfACompleteCaseEqualsTheStateAfterAJsonRoundTrip()
    {
        var story = CompleteCase();
        var stored = story.Facts.Select(CaseJson.Serialize).ToList();

        var refolded = CaseState.Fold(stored.Select(CaseJson.DeserializeFact));
        var snapshot = CaseJson.DeserializeState(CaseJson.Serialize(story.State));

        Assert.Equal(CaseJson.Serialize(story.State), CaseJson.Serialize(refolded));
        Assert.Equal(CaseJson.Serialize(story.State), CaseJson.Serialize(snapshot));
        Assert.Equal(CaseJson.Serialize(snapshot), CaseJson.Serialize(CaseState.Fold(story.Facts)));
        Assert.Equal(story.Facts.Count, snapshot.Version);
        Assert.Equal(Stage.Closed, snapshot.Stage);
        Assert.Equal(2, snapshot.Actions.Count);
        Assert.Contains(story.Facts, f => f is ActionEscalated);
        Assert.All(snapshot.Actions, a => Assert.True(a.Completed));
    }

    [Fact]
    public void EveryKindOfFactIsStoredAndReadBack()
    {
        var kinds = typeof(CaseEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(CaseEvent)) && !t.IsAbstract).ToList();
        var declared = typeof(CaseEvent).GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonDerivedTypeAttribute), false)
            .Cast<System.Text.Json.Serialization.JsonDerivedTypeAttribute>()
            .Select(a => a.DerivedType)
            .ToList();

        Assert.Empty(kinds.Except(declared));
    }

    [Fact]
    public void ARefusedAttemptChangesNothingButTheVersion()
    {
        var story = CaseStory.Recommended();
        var outcome = story.Try(Referrer, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Uphold, "Agreed."));
        var audit = AttemptRefused.Of("Record the Chair's decision", outcome, Referrer, story.Now);

        Assert.Equal("Only the Independent Chair can record the Chair's decision.", audit.Reason);
        var after = story.State.Apply(audit);

        Assert.Equal(story.State.Version + 1, after.Version);
        Assert.Equal(CaseJson.Serialize(story.State with { Version = after.Version }), CaseJson.Serialize(after));
    }

    [Fact]
    public void OnlyARefusedAttemptCanBeAuditedAsOne()
    {
        var story = CaseStory.Recommended();
        var outcome = story.Try(IndependentChair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Uphold, "Agreed."));

        Assert.Throws<ArgumentException>(() => AttemptRefused.Of("Record the Chair's decision", outcome, IndependentChair, story.Now));
    }

    [Fact]
    public void ASnapshotHoldsTheChildsDetailsButAnAuditedRefusalDoesNot()
    {
        var story = CaseStory.Referred();
        var outcome = story.Try(Stranger, CaseCommands.InformChairs);
        var audit = AttemptRefused.Of("Inform the Chairs", outcome, Stranger, story.Now);

        Assert.DoesNotContain("Child A", CaseJson.Serialize(audit), StringComparison.Ordinal);
        Assert.Contains("Child A", CaseJson.Serialize(story.State), StringComparison.Ordinal);
    }

    [Fact]
    public void AnAuditedRefusalWithVeryManyReasonsIsCutToTheLengthTheTrailKeeps()
    {
        var story = CaseStory.Referred();
        var many = Outcome.Refused([.. Enumerable.Range(1, 2_000).Select(n => new Refusal($"Reason {n} is wrong."))]);

        var audit = AttemptRefused.Of("Send the form", many, Referrer, story.Now);

        Assert.Equal(AttemptRefused.MaxReasonLength, audit.Reason.Length);
        Assert.StartsWith("Reason 1 is wrong. Reason 2 is wrong.", audit.Reason, StringComparison.Ordinal);
    }
}
