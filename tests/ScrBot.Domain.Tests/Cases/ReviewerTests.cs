using ScrBot.Domain.Boards;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Obligations;
using static ScrBot.Domain.Tests.Cases.Samples;

namespace ScrBot.Domain.Tests.Cases;

/// <summary>
/// Commissioning the reviewer (flow chart; toolkit, "Commissioning a Reviewer"): the sub-group recommends, with the
/// checks; the Independent Chair and the Director of Children's Services decide; the reviewer who uses ScrBot gets the
/// reviewer's role; a replacement keeps the history; the National Panel is told who was appointed; the Review Team and
/// the Case Team are recorded.
/// </summary>
public sealed class ReviewerTests
{
    private static readonly DateOnly DecisionDay = new(2026, 3, 30);

    private static Outcome Recommend(CaseStory story, Actor by, ReviewerNomination lead, ReviewerNomination? second = null,
        ReviewerSource source = ReviewerSource.NationalPanelList, string? details = null, ReviewerChecks? checks = null) =>
        story.Try(by, (s, c) => CaseCommands.RecommendReviewer(s, c, lead, second, source, details, checks ?? CaseStory.Checked));

    [Fact]
    public void TheSubgroupRecommendsAndTheReviewerIsAppointedOnlyOnceTheChairAndTheDirectorHaveBothAgreed()
    {
        var story = CaseStory.Decided().ReviewerRecommended();

        var round = Assert.Single(story.State.ReviewerRounds);
        Assert.True(round.Awaiting);
        Assert.Equal(new ProposedReviewer("Rita Reviewer", Reviewer.Id), round.Lead);
        Assert.Equal("Sam Subgroup", round.RecommendedBy.Name);
        Assert.Null(story.State.Reviewer);
        Assert.False(CaseAccess.HasRoleOnCase(story.State, Reviewer.Id, TwoBoards));

        story.Do(IndependentChair, (s, c) => CaseCommands.AnswerReviewerAppointment(s, c, Role.IndependentChair, true, null));
        Assert.Null(story.State.Reviewer);
        Assert.Equal("The review cannot be started before an independent reviewer has been appointed by the Independent Chair and the Director of Children's Services.",
            story.Try(Manager, (s, c) => CaseCommands.InitiateReview(s, c, DecisionDay)).Explanation);

        var appointed = story.Try(Director, (s, c) => CaseCommands.AnswerReviewerAppointment(s, c, Role.DirectorOfChildrensServices, true, "A strong reviewer."));
        story.Do(Director, (s, c) => CaseCommands.AnswerReviewerAppointment(s, c, Role.DirectorOfChildrensServices, true, "A strong reviewer."));

        Assert.Collection(appointed.Facts,
            f => Assert.Equal(new ReviewerAppointmentAnswered(1, Role.DirectorOfChildrensServices, true, "A strong reviewer.") { At = f.At, By = Director }, f),
            f => Assert.IsType<ReviewerAppointed>(f),
            f => Assert.Equal(new CaseRoleAssigned(Reviewer, Role.IndependentReviewer, null) { At = f.At, By = Director }, f));
        Assert.Equal("Rita Reviewer", story.State.Reviewer!.Name);
        Assert.True(story.State.Reviewer.FromNationalPanelList);
        Assert.True(story.State.Reviewer.IndependenceConfirmed);
        Assert.True(CaseAccess.HasRoleOnCase(story.State, Reviewer.Id, Role.IndependentReviewer, TwoBoards));
        Assert.True(story.State.CurrentReviewerRound!.Appointed);
        story.Do(Manager, (s, c) => CaseCommands.InitiateReview(s, c, DecisionDay));
        Assert.Equal(Stage.Review, story.State.Stage);
    }

    [Fact]
    public void EveryCheckMustBeConfirmedAndTheRefusalNamesWhatIsMissing()
    {
        var story = CaseStory.Decided();

        var none = Recommend(story, SubgroupChair, ReviewerNomination.Named("Rowan Reviewer"), checks: new ReviewerChecks(false, false, false, false));
        var two = Recommend(story, SubgroupChair, ReviewerNomination.Named("Rowan Reviewer"), checks: new ReviewerChecks(false, true, true, false));

        Assert.Equal("Checks: Before a reviewer is recommended, confirm their relevant training, their experience, their references or previous work and the lead reviewer's independence from the case.", none.Explanation);
        Assert.Equal("Checks: Before a reviewer is recommended, confirm their relevant training and the lead reviewer's independence from the case.", two.Explanation);
        Assert.Empty(two.Facts);
    }

    [Fact]
    public void TheSourceIsSaidAndAnotherLocalAuthorityIsNamed()
    {
        var story = CaseStory.Decided();

        var unnamed = Recommend(story, Manager, ReviewerNomination.Named("Rowan Reviewer"), source: ReviewerSource.AnotherLocalAuthority);
        var elsewhere = Recommend(story, Manager, ReviewerNomination.Named("Rowan Reviewer"), source: ReviewerSource.Other, details: " ");
        var unknown = Recommend(story, Manager, ReviewerNomination.Named("Rowan Reviewer"), source: (ReviewerSource)9);
        story.Do(Manager, (s, c) => CaseCommands.RecommendReviewer(s, c, ReviewerNomination.Named("Rowan Reviewer"), null, ReviewerSource.AnotherLocalAuthority,
            " Shropshire Council ", CaseStory.Checked));

        Assert.Equal("Source: The local authority that recommended the reviewer is required.", unnamed.Explanation);
        Assert.Equal("Source: Where the reviewer comes from is required.", elsewhere.Explanation);
        Assert.StartsWith("Source: Say where the reviewer comes from", unknown.Explanation, StringComparison.Ordinal);
        Assert.Equal("Shropshire Council", story.State.CurrentReviewerRound!.SourceDetails);
        Assert.Equal("Morgan Manager", story.State.CurrentReviewerRound.RecommendedBy.Name);
    }

    [Fact]
    public void AReviewerWhoDoesNotUseScrBotIsNamedAndGivenNoRoleAndASecondReviewerIsAppointedWithTheLead()
    {
        var story = CaseStory.Decided();
        Assert.Equal("Second reviewer: Rita Reviewer is named twice: the second reviewer is someone else.",
            Recommend(story, SubgroupChair, ReviewerNomination.InDirectory(Reviewer.Id), ReviewerNomination.Named("rita reviewer")).Explanation);
        Assert.Equal("Lead reviewer: The lead reviewer's name is required.", Recommend(story, SubgroupChair, ReviewerNomination.Named("  ")).Explanation);

        story.Do(SubgroupChair, (s, c) => CaseCommands.RecommendReviewer(s, c, ReviewerNomination.Named("Rowan Reviewer"), ReviewerNomination.InDirectory(Reviewer.Id),
            ReviewerSource.NationalPanelList, null, CaseStory.Checked)).ReviewerAppointed();

        Assert.Equal(new CommissionedReviewer("Rowan Reviewer", true, true, null, story.State.Reviewer!.At) { Second = new ProposedReviewer("Rita Reviewer", Reviewer.Id) }, story.State.Reviewer);
        var granted = Assert.Single(story.Facts.OfType<CaseRoleAssigned>(), f => f.Role == Role.IndependentReviewer);
        Assert.Equal(Reviewer.Id, granted.Person.Id);
    }

    [Fact]
    public void OnlyAReviewerOfTheBoardsDirectoryIsChosenByWhoTheyAre()
    {
        var outcome = Recommend(CaseStory.Decided(), SubgroupChair, ReviewerNomination.InDirectory(PoliceRep.Id));

        Assert.Equal("Lead reviewer: The lead reviewer chosen is not one of the reviewers in the board's directory.", outcome.Explanation);
    }

    [Fact]
    public void AfterTheChairDeclaredDirectInvolvementTheViceChairOrTheBoardManagerRecommends()
    {
        CaseStory Decided() => CaseStory.AtSubgroupDecision()
            .Do(SubgroupChair, (s, c) => CaseCommands.DeclareDirectInvolvement(s, c, "I chaired the child protection conference."))
            .Do(ViceChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.AnotherLearningReview, "Learning for the agencies together."))
            .Do(IndependentChair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Uphold, "I agree."));

        var chair = Recommend(Decided(), SubgroupChair, ReviewerNomination.Named("Rowan Reviewer"));
        var vice = Decided().Do(ViceChair, (s, c) => CaseCommands.RecommendReviewer(s, c, ReviewerNomination.Named("Rowan Reviewer"), null, ReviewerSource.NationalPanelList, null, CaseStory.Checked));
        var manager = Decided().Do(Manager, (s, c) => CaseCommands.RecommendReviewer(s, c, ReviewerNomination.Named("Rowan Reviewer"), null, ReviewerSource.NationalPanelList, null, CaseStory.Checked));

        Assert.Equal("The Sub-group Chair has declared direct involvement with this child, so the Sub-group Vice-Chair (or the Board Manager on the sub-group's behalf) recommends the reviewer.", chair.Explanation);
        Assert.Equal("Val Vice", vice.State.CurrentReviewerRound!.RecommendedBy.Name);
        Assert.Equal("Morgan Manager", manager.State.CurrentReviewerRound!.RecommendedBy.Name);
        Assert.Equal(RecommendationOption.MultiAgencyLearningReview, vice.State.DecidedOption);
    }

    [Fact]
    public void EitherCanDeclineWithReasonsAndTheSubgroupRecommendsAgainWithTheFirstRecommendationKept()
    {
        var story = CaseStory.Decided().ReviewerRecommended();

        Assert.Equal("Reasons: Give the reasons for declining: the sub-group is told them when it recommends again.",
            story.Try(Director, (s, c) => CaseCommands.AnswerReviewerAppointment(s, c, Role.DirectorOfChildrensServices, false, " ")).Explanation);
        Assert.Equal("Rita Reviewer is already recommended, waiting for the Independent Chair and the Director of Children's Services.",
            Recommend(story, SubgroupChair, ReviewerNomination.Named("Rowan Reviewer")).Explanation);
        story.Do(Director, (s, c) => CaseCommands.AnswerReviewerAppointment(s, c, Role.DirectorOfChildrensServices, false, "She reviewed a case of ours last year."));

        Assert.True(story.State.CurrentReviewerRound!.Declined);
        Assert.Equal("The recommendation of Rita Reviewer was declined by Dana Director on 30 March 2026; the sub-group recommends again.",
            story.Try(IndependentChair, (s, c) => CaseCommands.AnswerReviewerAppointment(s, c, Role.IndependentChair, true, null)).Explanation);

        story.Do(SubgroupChair, (s, c) => CaseCommands.RecommendReviewer(s, c, ReviewerNomination.Named("Rowan Reviewer"), null, ReviewerSource.Other, "The Association of Independent LSCB Chairs", CaseStory.Checked))
            .ReviewerAppointed();

        Assert.Equal([1, 2], story.State.ReviewerRounds.Select(r => r.Round));
        Assert.Equal("She reviewed a case of ours last year.", story.State.ReviewerRounds[0].Director!.Reasons);
        Assert.Null(story.State.ReviewerRounds[0].AppointedAt);
        Assert.Equal("Rowan Reviewer", story.State.Reviewer!.Name);
        Assert.False(story.State.Reviewer.FromNationalPanelList);
    }

    [Fact]
    public void EachAnswersOnceAndOnlyForTheirOwnRole()
    {
        var story = CaseStory.Decided().ReviewerRecommended()
            .Do(IndependentChair, (s, c) => CaseCommands.AnswerReviewerAppointment(s, c, Role.IndependentChair, true, null));

        Assert.Equal("The Independent Chair already agreed on 30 March 2026 (Indira Chair).",
            story.Try(IndependentChair, (s, c) => CaseCommands.AnswerReviewerAppointment(s, c, Role.IndependentChair, false, "Changed my mind.")).Explanation);
        Assert.Equal("Only the Director of Children's Services can answer for the Director of Children's Services.",
            story.Try(IndependentChair, (s, c) => CaseCommands.AnswerReviewerAppointment(s, c, Role.DirectorOfChildrensServices, true, null)).Explanation);
        Assert.Equal("The reviewer's appointment is decided by the Independent Chair and the Director of Children's Services.",
            story.Try(IndependentChair, (s, c) => CaseCommands.AnswerReviewerAppointment(s, c, Role.BoardManager, true, null)).Explanation);
        Assert.Equal("No reviewer has been recommended yet: the sub-group recommends one first.",
            CaseStory.Decided().Try(IndependentChair, (s, c) => CaseCommands.AnswerReviewerAppointment(s, c, Role.IndependentChair, true, null)).Explanation);
    }

    [Fact]
    public void TheDirectorHoldsARoleOnTheCaseOnlyOnceAReviewerIsRecommended()
    {
        var decided = CaseStory.Decided();

        Assert.Empty(CaseAccess.RolesOnCase(decided.State, Director.Id, TwoBoards));
        Assert.DoesNotContain(Director.Id, CaseAccess.PeopleOnCase(decided.State, TwoBoards));
        Assert.Equal("Only the Independent Chair or the Director of Children's Services can decide the reviewer's appointment.",
            decided.Try(Director, (s, c) => CaseCommands.AnswerReviewerAppointment(s, c, Role.DirectorOfChildrensServices, true, null)).Explanation);

        decided.ReviewerRecommended();

        Assert.Equal([Role.DirectorOfChildrensServices], CaseAccess.RolesOnCase(decided.State, Director.Id, TwoBoards));
        Assert.Contains(Director.Id, CaseAccess.PeopleOnCase(decided.State, TwoBoards));
    }

    [Fact]
    public void AReplacementWithdrawsTheRoleKeepsTheHistoryAndStartsANewRound()
    {
        var story = CaseStory.ReviewStarted();
        Assert.Equal("Reason: The reason for replacing the reviewer is required.", story.Try(Manager, (s, c) => CaseCommands.ReplaceReviewer(s, c, "")).Explanation);

        var replaced = story.Try(IndependentChair, (s, c) => CaseCommands.ReplaceReviewer(s, c, "The reviewer is too ill to continue."));
        story.Do(IndependentChair, (s, c) => CaseCommands.ReplaceReviewer(s, c, "The reviewer is too ill to continue."));

        Assert.Collection(replaced.Facts,
            f => Assert.Equal(new ReviewerReplaced(1, "The reviewer is too ill to continue.") { At = f.At, By = IndependentChair }, f),
            f => Assert.Equal(new CaseRoleRemoved(Reviewer.Id, Role.IndependentReviewer) { At = f.At, By = IndependentChair }, f));
        Assert.Null(story.State.Reviewer);
        Assert.False(CaseAccess.HasRoleOnCase(story.State, Reviewer.Id, TwoBoards));
        Assert.Equal("Only the Board Manager, the independent reviewer or the Independent Chair can record the terms of reference.",
            story.Try(Reviewer, (s, c) => CaseCommands.AgreeTermsOfReference(s, c, DecisionDay, true)).Explanation);
        Assert.Equal("The reviewer was already replaced by Indira Chair on 30 March 2026; no reviewer is appointed now.",
            story.Try(Manager, (s, c) => CaseCommands.ReplaceReviewer(s, c, "Again.")).Explanation);
        Assert.Equal("Lead reviewer: Rita Reviewer was replaced as a reviewer of this case, so is not recommended again.",
            Recommend(story, SubgroupChair, ReviewerNomination.InDirectory(Reviewer.Id)).Explanation);

        story.Do(Manager, (s, c) => CaseCommands.RecommendReviewer(s, c, ReviewerNomination.Named("Rowan Reviewer"), null, ReviewerSource.NationalPanelList, null, CaseStory.Checked))
            .ReviewerAppointed();

        Assert.Equal("Rowan Reviewer", story.State.Reviewer!.Name);
        Assert.Equal(Stage.Review, story.State.Stage);
        var first = story.State.ReviewerRounds[0];
        Assert.NotNull(first.AppointedAt);
        Assert.Equal("The reviewer is too ill to continue.", first.Replaced!.Reason);
        Assert.False(first.Appointed);
        Assert.True(story.State.ReviewerRounds[1].Appointed);
    }

    [Fact]
    public void NoReviewerIsReplacedBeforeOneIsAppointed()
    {
        var outcome = CaseStory.Decided().ReviewerRecommended().Try(Manager, (s, c) => CaseCommands.ReplaceReviewer(s, c, "Unwell."));

        Assert.Equal("No reviewer has been appointed on this case, so there is none to replace.", outcome.Explanation);
    }

    [Fact]
    public void TheNationalPanelIsToldWhoWasAppointedAsTheFollowUpOfANoticeSentWithoutTheName()
    {
        var story = CaseStory.Decided()
            .Do(Manager, (s, c) => CaseCommands.RecordNotification(s, c, NotificationRecipient.NationalPanel, DecisionDay, "The decision; the reviewer is not yet appointed."))
            .ReviewerRecommended()
            .ReviewerAppointed();
        var calendar = WorkingDayCalendar.EnglandAndWales;
        Assert.NotNull(ObligationRules.Derive(story.Facts, ProcessProfile.Toolkit, calendar, DecisionDay).Single(o => o.Key == "D8/NationalPanel").Note);

        Assert.Equal("The date the National Panel was told (31 March 2026) is in the future.",
            story.Try(Manager, (s, c) => CaseCommands.TellNationalPanelOfReviewers(s, c, DecisionDay.AddDays(1))).Explanation);
        Assert.Equal("The National Panel cannot have been told (29 March 2026) before the reviewer was appointed (30 March 2026).",
            story.Try(Manager, (s, c) => CaseCommands.TellNationalPanelOfReviewers(s, c, DecisionDay.AddDays(-1))).Explanation);
        story.Do(Manager, (s, c) => CaseCommands.TellNationalPanelOfReviewers(s, c, DecisionDay));

        var told = story.Facts.OfType<NotificationSent>().Last();
        Assert.Equal(NotificationRecipient.NationalPanel, told.Recipient);
        Assert.Equal("The reviewers appointed: Rita Reviewer (lead reviewer).", told.Details);
        Assert.Equal(DecisionDay, story.State.CurrentReviewerRound!.NationalPanelTold!.SentOn);
        var d8 = ObligationRules.Derive(story.Facts, ProcessProfile.Toolkit, calendar, DecisionDay).Single(o => o.Key == "D8/NationalPanel");
        Assert.Equal(ObligationStatus.Met, d8.Status);
        Assert.Equal("The National Panel was already told of this appointment on 30 March 2026 (Morgan Manager).",
            story.Try(Manager, (s, c) => CaseCommands.TellNationalPanelOfReviewers(s, c, DecisionDay)).Explanation);
    }

    [Fact]
    public void TheNationalPanelIsGivenTheNamesOfAnScrsReviewersOnlyOnceOneIsAppointed()
    {
        Assert.Equal("No reviewer is appointed on this case now: the National Panel is told once one is.",
            CaseStory.Decided().ReviewerRecommended().Try(Manager, (s, c) => CaseCommands.TellNationalPanelOfReviewers(s, c, DecisionDay)).Explanation);
        Assert.Equal("The National Panel is given the names of the reviewers of a Serious Case Review; this case holds a multi-agency learning review.",
            CaseStory.WithReviewer(RecommendationOption.MultiAgencyLearningReview).Try(Manager, (s, c) => CaseCommands.TellNationalPanelOfReviewers(s, c, DecisionDay)).Explanation);
    }

    [Fact]
    public void NoReviewerIsRecommendedAfterADecisionOfNoFurtherAction()
    {
        var outcome = Recommend(CaseStory.Decided(RecommendationOption.NoFurtherAction), Manager, ReviewerNomination.Named("Rowan Reviewer"));

        Assert.Equal("A reviewer is recommended only after a decision to hold a Serious Case Review or a multi-agency learning review (the decision was: no further action).", outcome.Explanation);
    }

    [Fact]
    public void TheReviewTeamNamesEachOrganisationAndItsManagerOfSufficientSeniority()
    {
        var story = CaseStory.Decided();
        Outcome Team(IReadOnlyList<ReviewTeamMember> members, bool seniority) => story.Try(Manager, (s, c) => CaseCommands.RecordReviewTeam(s, c, members, seniority));

        Assert.Equal("Review Team: Name at least one organisation and the manager who represents it.", Team([new ReviewTeamMember(" ", "")], true).Explanation);
        Assert.Equal("Review Team: Name the manager who represents Staffordshire Police.", Team([new ReviewTeamMember("Staffordshire Police", "")], true).Explanation);
        Assert.Equal("Seniority: Confirm that each organisation is represented by a manager of sufficient seniority.",
            Team([new ReviewTeamMember("Staffordshire Police", "DCI Jo Bloggs")], false).Explanation);

        story.Do(Manager, (s, c) => CaseCommands.RecordReviewTeam(s, c,
            [new ReviewTeamMember(" Staffordshire Police ", " DCI Jo Bloggs "), new ReviewTeamMember("Midlands Partnership NHS Trust", "Dr Ann Head, Named Nurse")], true));

        Assert.Equal([new ReviewTeamMember("Staffordshire Police", "DCI Jo Bloggs"), new ReviewTeamMember("Midlands Partnership NHS Trust", "Dr Ann Head, Named Nurse")],
            story.State.ReviewTeam!.Members);
        Assert.Equal("The Review Team was already recorded on 30 March 2026 (Morgan Manager).",
            Team([new ReviewTeamMember("Staffordshire Police", "DCI Jo Bloggs")], true).Explanation);
    }

    [Fact]
    public void TheCaseTeamNamesTheStaffAndManagersDirectlyInvolvedAndFamilyMembers()
    {
        var story = CaseStory.Decided(RecommendationOption.MultiAgencyLearningReview);

        Assert.Equal("Staff and managers: Name the staff and managers who were directly involved in the case.",
            story.Try(Manager, (s, c) => CaseCommands.RecordCaseTeam(s, c, [" "], ["Parent C, mother"])).Explanation);
        story.Do(Manager, (s, c) => CaseCommands.RecordCaseTeam(s, c, ["PC Amy Able, Staffordshire Police, response officer", "Jo Key, social worker"], ["Parent C, mother", ""]));

        Assert.Equal(["PC Amy Able, Staffordshire Police, response officer", "Jo Key, social worker"], story.State.CaseTeam!.StaffAndManagers);
        Assert.Equal(["Parent C, mother"], story.State.CaseTeam.FamilyMembers);
        Assert.Equal("The Case Team was already recorded on 30 March 2026 (Morgan Manager).",
            story.Try(Manager, (s, c) => CaseCommands.RecordCaseTeam(s, c, ["Someone"], [])).Explanation);
    }

    [Fact]
    public void TheReviewerFactsReadBackFromStorageAndFoldToTheSameState()
    {
        var story = CaseStory.ReviewStarted()
            .Do(Manager, (s, c) => CaseCommands.ReplaceReviewer(s, c, "Unwell."))
            .Do(Manager, (s, c) => CaseCommands.RecordReviewTeam(s, c, [new ReviewTeamMember("Staffordshire Police", "DCI Jo Bloggs")], true))
            .Do(Manager, (s, c) => CaseCommands.RecordCaseTeam(s, c, ["Jo Key, social worker"], ["Parent C, mother"]));

        var stored = story.Facts.Select(f => CaseJson.DeserializeFact(CaseJson.Serialize(f))).ToList();
        var snapshot = CaseJson.DeserializeState(CaseJson.Serialize(story.State));

        Assert.Equal(CaseJson.Serialize(story.State), CaseJson.Serialize(CaseState.Fold(stored)));
        Assert.Equal(CaseJson.Serialize(story.State), CaseJson.Serialize(snapshot));
        Assert.Equal("Unwell.", snapshot.ReviewerRounds.Single().Replaced!.Reason);
    }
}
