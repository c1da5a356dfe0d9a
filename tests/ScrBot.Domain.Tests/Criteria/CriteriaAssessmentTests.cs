using ScrBot.Domain.Criteria;
using ScrBot.Domain.Referral;
using ScrBot.Domain.Tests.Cases;
using static ScrBot.Domain.Tests.Cases.Samples;

namespace ScrBot.Domain.Tests.Criteria;

public sealed class CriteriaAssessmentTests
{
    private static NotificationForm Case(
        IncidentKind kind,
        AbuseOrNeglect abuse,
        InterAgencyConcern concern = InterAgencyConcern.Concerns,
        bool lookedAfter = false,
        bool regulatedSetting = false,
        CustodyStatus custody = CustodyStatus.None) =>
        Form()
            .With((IncidentDetails i) => i with { Kind = kind, AbuseOrNeglect = abuse, InterAgencyConcern = concern })
            .With((ChildDetails c) => c with
            {
                LookedAfter = lookedAfter,
                ResponsibleAuthority = lookedAfter ? "Staffordshire County Council" : null,
                InRegulatedSetting = regulatedSetting,
                Custody = custody,
            });

    // ── The worked examples ────────────────────────────────────────────────────────────────────────────────

    [Fact]
    public void ADeathWithSuspectedNeglectMeetsTheCriteriaAndIsNotifiable()
    {
        var advice = CriteriaAssessment.Assess(Case(IncidentKind.Died, AbuseOrNeglect.Suspected));

        Assert.Equal(CriteriaVerdict.Met, advice.SeriousCaseReview);
        Assert.Equal(
            ["Abuse or neglect is suspected and the child has died: Regulation 5(2)(a) and (b)(i) are met, and such a case must always trigger a Serious Case Review."],
            advice.SeriousCaseReviewReasons);
        Assert.True(advice.NotifiableIncident);
        Assert.Equal(
            [
                "The child has died and abuse or neglect is suspected.",
                "Children's social care must notify Ofsted and the board within five working days of becoming aware of the incident.",
            ],
            advice.NotifiableIncidentReasons);
    }

    [Fact]
    public void SeriousHarmWithConcernsAboutWorkingTogetherMeetsTheCriteriaAndIsNotifiable()
    {
        var advice = CriteriaAssessment.Assess(Case(IncidentKind.SeriouslyHarmed, AbuseOrNeglect.Known, InterAgencyConcern.Concerns));

        Assert.Equal(CriteriaVerdict.Met, advice.SeriousCaseReview);
        Assert.Equal(
            ["Abuse or neglect is known, the child has been seriously harmed, and there is cause for concern about how the agencies worked together: Regulation 5(2)(a) and (b)(ii) are met."],
            advice.SeriousCaseReviewReasons);
        Assert.True(advice.NotifiableIncident);
        Assert.Equal("The child has been seriously harmed and abuse or neglect is known.", advice.NotifiableIncidentReasons[0]);
    }

    [Fact]
    public void SeriousHarmWithDefinitiveEvidenceOfNoConcernsDoesNotMeetTheCriteriaButIsNotifiable()
    {
        var advice = CriteriaAssessment.Assess(Case(IncidentKind.SeriouslyHarmed, AbuseOrNeglect.Suspected, InterAgencyConcern.DefinitiveEvidenceOfNoConcerns));

        Assert.Equal(CriteriaVerdict.NotMet, advice.SeriousCaseReview);
        Assert.Equal(
            ["Abuse or neglect is suspected and the child has been seriously harmed, but there is definitive evidence that there are no concerns about how the agencies worked together, so Regulation 5(2)(b)(ii) is not met."],
            advice.SeriousCaseReviewReasons);
        Assert.True(advice.NotifiableIncident);
        Assert.Equal("The child has been seriously harmed and abuse or neglect is suspected.", advice.NotifiableIncidentReasons[0]);
    }

    [Fact]
    public void ALookedAfterChildsDeathWithNoAbuseSuspectedIsNotAnScrCaseButIsNotifiable()
    {
        var advice = CriteriaAssessment.Assess(Case(IncidentKind.Died, AbuseOrNeglect.NotSuspected, lookedAfter: true));

        Assert.Equal(CriteriaVerdict.NotMet, advice.SeriousCaseReview);
        Assert.Equal(
            ["Abuse or neglect of the child is neither known nor suspected, so Regulation 5(2)(a) is not met, even though the child has died."],
            advice.SeriousCaseReviewReasons);
        Assert.True(advice.NotifiableIncident);
        Assert.Equal(
            [
                "A looked-after child has died, which is notifiable whether or not abuse or neglect is known or suspected.",
                "Children's social care must notify Ofsted and the board within five working days of becoming aware of the incident.",
            ],
            advice.NotifiableIncidentReasons);
    }

    // ── Every other branch ─────────────────────────────────────────────────────────────────────────────────

    [Fact]
    public void ASuspectedSuicideWithKnownAbuseMeetsTheCriteria()
    {
        var advice = CriteriaAssessment.Assess(Case(IncidentKind.SuspectedSuicide, AbuseOrNeglect.Known));

        Assert.Equal(CriteriaVerdict.Met, advice.SeriousCaseReview);
        Assert.Equal(
            ["Abuse or neglect is known and the child has died by suspected suicide, which Regulation 5(2)(b)(i) includes: the criteria are met, and such a case must always trigger a Serious Case Review."],
            advice.SeriousCaseReviewReasons);
        Assert.True(advice.NotifiableIncident);
        Assert.Equal("The child has died (suspected suicide) and abuse or neglect is known.", advice.NotifiableIncidentReasons[0]);
    }

    [Fact]
    public void SeriousHarmWhereConcernsAreNotYetKnownMeansAnScrMustBeCommissioned()
    {
        var advice = CriteriaAssessment.Assess(Case(IncidentKind.SeriouslyHarmed, AbuseOrNeglect.Suspected, InterAgencyConcern.NotKnown));

        Assert.Equal(CriteriaVerdict.Met, advice.SeriousCaseReview);
        Assert.Equal(
            ["Abuse or neglect is suspected and the child has been seriously harmed. It is not yet known whether there are concerns about how the agencies worked together; unless there is definitive evidence that there are no concerns about inter-agency working, an SCR must be commissioned."],
            advice.SeriousCaseReviewReasons);
        Assert.True(advice.NotifiableIncident);
    }

    [Fact]
    public void SeriousHarmWithNoAbuseSuspectedIsNeitherAnScrCaseNorNotifiable()
    {
        var advice = CriteriaAssessment.Assess(Case(IncidentKind.SeriouslyHarmed, AbuseOrNeglect.NotSuspected));

        Assert.Equal(CriteriaVerdict.NotMet, advice.SeriousCaseReview);
        Assert.Equal(
            ["Abuse or neglect of the child is neither known nor suspected, so Regulation 5(2)(a) is not met, even though the child has been seriously harmed."],
            advice.SeriousCaseReviewReasons);
        Assert.False(advice.NotifiableIncident);
        Assert.Equal(
            ["Not a notifiable incident: the child has been seriously harmed, but abuse or neglect is neither known nor suspected."],
            advice.NotifiableIncidentReasons);
    }

    [Fact]
    public void ADeathWithNoAbuseSuspectedOutsideCareOrARegulatedSettingIsNotNotifiable()
    {
        var advice = CriteriaAssessment.Assess(Case(IncidentKind.Died, AbuseOrNeglect.NotSuspected));

        Assert.Equal(CriteriaVerdict.NotMet, advice.SeriousCaseReview);
        Assert.False(advice.NotifiableIncident);
        Assert.Equal(
            ["Not a notifiable incident: the child has died, but abuse or neglect is neither known nor suspected, and the child was neither looked after nor in a regulated setting or service."],
            advice.NotifiableIncidentReasons);
    }

    [Fact]
    public void TheDeathOfAChildInARegulatedSettingIsNotifiableWhetherOrNotAbuseIsSuspected()
    {
        var advice = CriteriaAssessment.Assess(Case(IncidentKind.Died, AbuseOrNeglect.NotSuspected, regulatedSetting: true));

        Assert.Equal(CriteriaVerdict.NotMet, advice.SeriousCaseReview);
        Assert.True(advice.NotifiableIncident);
        Assert.Equal(
            "A child in a regulated setting or service has died, which is notifiable whether or not abuse or neglect is known or suspected.",
            advice.NotifiableIncidentReasons[0]);
    }

    [Fact]
    public void EveryNotifiableReasonThatAppliesIsGiven()
    {
        var advice = CriteriaAssessment.Assess(Case(IncidentKind.Died, AbuseOrNeglect.Known, lookedAfter: true, regulatedSetting: true));

        Assert.Equal(
            [
                "The child has died and abuse or neglect is known.",
                "A looked-after child has died, which is notifiable whether or not abuse or neglect is known or suspected.",
                "A child in a regulated setting or service has died, which is notifiable whether or not abuse or neglect is known or suspected.",
                "Children's social care must notify Ofsted and the board within five working days of becoming aware of the incident.",
            ],
            advice.NotifiableIncidentReasons);
    }

    [Fact]
    public void ASeriouslyHarmedLookedAfterChildWithNoAbuseSuspectedIsNotNotifiable()
    {
        var advice = CriteriaAssessment.Assess(Case(IncidentKind.SeriouslyHarmed, AbuseOrNeglect.NotSuspected, lookedAfter: true));

        Assert.False(advice.NotifiableIncident);
    }

    [Fact]
    public void ADeathInCustodyShouldAlwaysBeReviewedEvenWithoutSuspectedAbuse()
    {
        var advice = CriteriaAssessment.Assess(Case(IncidentKind.Died, AbuseOrNeglect.NotSuspected, custody: CustodyStatus.InCustody));

        Assert.Equal(CriteriaVerdict.Met, advice.SeriousCaseReview);
        Assert.Equal(
            ["The child died in custody: a Serious Case Review should always be carried out when a child dies in police custody, on remand or following sentence, in a Young Offender Institution, a secure training centre or a secure children's home, whether or not abuse or neglect is known or suspected."],
            advice.SeriousCaseReviewReasons);
    }

    [Fact]
    public void ADeathWhileDetainedUnderTheMentalHealthActShouldAlwaysBeReviewed()
    {
        var advice = CriteriaAssessment.Assess(Case(IncidentKind.SuspectedSuicide, AbuseOrNeglect.NotSuspected, custody: CustodyStatus.DetainedUnderMentalHealthAct));

        Assert.Equal(CriteriaVerdict.Met, advice.SeriousCaseReview);
        Assert.Equal(
            ["The child died while detained under the Mental Health Act 1983: a Serious Case Review should always be carried out in that case, whether or not abuse or neglect is known or suspected."],
            advice.SeriousCaseReviewReasons);
    }

    [Fact]
    public void TheDeathOfASixteenYearOldUnderADeprivationOfLibertyOrderShouldAlwaysBeReviewed()
    {
        var form = Case(IncidentKind.Died, AbuseOrNeglect.NotSuspected, custody: CustodyStatus.DeprivationOfLibertyOrderAged16Or17)
            .With((ChildDetails c) => c with { DateOfBirth = new DateOnly(2009, 3, 1) });

        var advice = CriteriaAssessment.Assess(form);

        Assert.Equal(CriteriaVerdict.Met, advice.SeriousCaseReview);
        Assert.Equal(
            ["The child, aged 17, died while subject to a deprivation of liberty order under the Mental Capacity Act 2005: a Serious Case Review should always be carried out in that case, whether or not abuse or neglect is known or suspected."],
            advice.SeriousCaseReviewReasons);
    }

    [Fact]
    public void TheAgeForTheDeprivationOfLibertyRuleIsTakenOnTheDateOfTheIncident()
    {
        // Sixteen on 2 March 2026, the day after the incident: fifteen at the incident.
        var form = Case(IncidentKind.Died, AbuseOrNeglect.NotSuspected, custody: CustodyStatus.DeprivationOfLibertyOrderAged16Or17)
            .With((ChildDetails c) => c with { DateOfBirth = new DateOnly(2010, 3, 2) });

        var advice = CriteriaAssessment.Assess(form);

        Assert.Equal(CriteriaVerdict.NotMet, advice.SeriousCaseReview);
        Assert.Equal(
            [
                "The form says the child was subject to a deprivation of liberty order, but the child was 15 at the incident, so the rule that a review should always be carried out for a child aged 16 or 17 does not apply.",
                "Abuse or neglect of the child is neither known nor suspected, so Regulation 5(2)(a) is not met, even though the child has died.",
            ],
            advice.SeriousCaseReviewReasons);
    }

    [Fact]
    public void AnApproximateAgeOfSixteenCountsForTheDeprivationOfLibertyRule()
    {
        var form = Case(IncidentKind.Died, AbuseOrNeglect.NotSuspected, custody: CustodyStatus.DeprivationOfLibertyOrderAged16Or17)
            .With((ChildDetails c) => c with { DateOfBirth = null, ApproximateAgeYears = 16 });

        var advice = CriteriaAssessment.Assess(form);

        Assert.Equal(CriteriaVerdict.Met, advice.SeriousCaseReview);
        Assert.StartsWith("The child, aged 16, died while subject to a deprivation of liberty order", advice.SeriousCaseReviewReasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void ADeprivationOfLibertyOrderWithAbuseSuspectedStillMeetsTheCriteriaWhenTheChildIsYounger()
    {
        var form = Case(IncidentKind.Died, AbuseOrNeglect.Suspected, custody: CustodyStatus.DeprivationOfLibertyOrderAged16Or17)
            .With((ChildDetails c) => c with { DateOfBirth = null, ApproximateAgeYears = 12 });

        var advice = CriteriaAssessment.Assess(form);

        Assert.Equal(CriteriaVerdict.Met, advice.SeriousCaseReview);
        Assert.Equal(
            [
                "The form says the child was subject to a deprivation of liberty order, but the child was 12 at the incident, so the rule that a review should always be carried out for a child aged 16 or 17 does not apply.",
                "Abuse or neglect is suspected and the child has died: Regulation 5(2)(a) and (b)(i) are met, and such a case must always trigger a Serious Case Review.",
            ],
            advice.SeriousCaseReviewReasons);
    }

    [Fact]
    public void CustodyAloneDoesNotMakeSeriousHarmAnAlwaysReviewCase()
    {
        var advice = CriteriaAssessment.Assess(Case(IncidentKind.SeriouslyHarmed, AbuseOrNeglect.NotSuspected, custody: CustodyStatus.InCustody));

        Assert.Equal(CriteriaVerdict.NotMet, advice.SeriousCaseReview);
    }

    [Fact]
    public void AnOtherIncidentWithSuspectedAbuseIsLeftForTheSubgroupToJudge()
    {
        var advice = CriteriaAssessment.Assess(Case(IncidentKind.Other, AbuseOrNeglect.Suspected, InterAgencyConcern.Concerns));

        Assert.Equal(CriteriaVerdict.Unclear, advice.SeriousCaseReview);
        Assert.Equal(
            [
                "Abuse or neglect is suspected, but the form does not say that the child has died or has been seriously harmed, so the sub-group must judge whether the harm is serious. " + CriteriaAssessment.SeriouslyHarmedMeaning,
                "If the harm is serious, an SCR must be commissioned unless there is definitive evidence that there are no concerns about inter-agency working.",
            ],
            advice.SeriousCaseReviewReasons);
        Assert.False(advice.NotifiableIncident);
        Assert.Equal(
            ["Not a notifiable incident as the form stands: the child has neither died nor been recorded as seriously harmed. If the harm proves serious, it becomes notifiable."],
            advice.NotifiableIncidentReasons);
    }

    [Fact]
    public void AnOtherIncidentWithEvidenceOfNoConcernsSaysSoInItsReasons()
    {
        var advice = CriteriaAssessment.Assess(Case(IncidentKind.Other, AbuseOrNeglect.Known, InterAgencyConcern.DefinitiveEvidenceOfNoConcerns));

        Assert.Equal(CriteriaVerdict.Unclear, advice.SeriousCaseReview);
        Assert.Equal(
            "Even if the harm is serious, the form records definitive evidence that there are no concerns about how the agencies worked together, which would mean Regulation 5(2)(b)(ii) is not met.",
            advice.SeriousCaseReviewReasons[1]);
    }

    [Fact]
    public void AnOtherIncidentWithNoAbuseSuspectedDoesNotMeetTheCriteria()
    {
        var advice = CriteriaAssessment.Assess(Case(IncidentKind.Other, AbuseOrNeglect.NotSuspected));

        Assert.Equal(CriteriaVerdict.NotMet, advice.SeriousCaseReview);
        Assert.Equal(["Abuse or neglect of the child is neither known nor suspected, so Regulation 5(2)(a) is not met."], advice.SeriousCaseReviewReasons);
        Assert.False(advice.NotifiableIncident);
        Assert.Equal(
            ["Not a notifiable incident: the child has neither died nor been seriously harmed, and abuse or neglect is neither known nor suspected."],
            advice.NotifiableIncidentReasons);
    }
}
