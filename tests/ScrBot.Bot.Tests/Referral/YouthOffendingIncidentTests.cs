using ScrBot.Bot.Cards;
using ScrBot.Bot.Referral;
using ScrBot.Bot.Storage;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Criteria;
using ScrBot.Domain.Obligations;
using ScrBot.Domain.Referral;
using static ScrBot.Bot.Tests.Referral.JourneyHarness;

namespace ScrBot.Bot.Tests.Referral;

/// <summary>
/// Youth Offending Service serious incidents are sent "for information only" (toolkit Appendix D): recorded and seen
/// by the Board Manager, without the deadlines of a referral. On real Azure Tables (Azurite).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class YouthOffendingIncidentTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AYouthOffendingServiceSeriousIncidentIsRecordedForTheBoardManagerWithNoDeadline()
    {
        var harness = new JourneyHarness(azurite);
        var user = NewReferrer();
        await harness.Journey.StartAsync(user, CancellationToken.None);
        var answers = ReferralSamples.Answers();
        answers[FormSection.Referrer][InputIds.ReferralSource] = nameof(ReferralSource.YouthOffendingSeriousIncident);
        answers[FormSection.Referrer][FormFields.ReferrerAgency] = "staffs-yos";
        await harness.FillAsync(user, FormSection.ParallelProcesses, answers);

        var sent = await harness.PressAsync(user, "referral.submit", FormSection.ParallelProcesses);

        Assert.NotNull(sent.Referred);
        var reference = sent.Referred.Reference;
        Assert.Equal($"{reference} · Serious incident received, for information", Heading(sent.Card));
        Assert.Contains("No Serious Case Review deadline runs", Text(sent.Card), StringComparison.Ordinal);
        Assert.DoesNotContain("Ofsted", Text(sent.Card), StringComparison.Ordinal);

        var stored = await harness.Cases.LoadAsync(ReferralSamples.Staffordshire, reference);
        Assert.Empty(ObligationRules.Derive(stored!.Facts, new ProcessProfiles().For(ReferralSamples.Staffordshire), WorkingDayCalendar.EnglandAndWales, ReferralSamples.Today.AddDays(60)));

        var status = new CaseStatusService(harness.Cases, ReferralSamples.Directory, harness.Time, new ProcessProfiles());
        var seen = Assert.Single(await status.StatusAsync(ReferralSamples.BoardManager, reference, CancellationToken.None));
        Assert.Contains("Jamie Collins", Text(seen), StringComparison.Ordinal);
        Assert.Empty(await status.StatusAsync(ReferralSamples.NoRole, reference, CancellationToken.None));

        var triage = TriageCard.Build(stored.Facts.OfType<CaseReferred>().Single(), CriteriaAssessment.Assess(stored.State.Form!), [], [], ReferralSamples.Directory);
        Assert.Equal($"{reference} · Youth Offending Service serious incident, for information", Heading(triage));
        Assert.Contains(TriageCard.InformationOnly, Text(triage), StringComparison.Ordinal);
        Assert.DoesNotContain("What you need to do", Text(triage), StringComparison.Ordinal);
    }
}
