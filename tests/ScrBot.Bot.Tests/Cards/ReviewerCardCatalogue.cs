using ScrBot.Bot.Cards;
using ScrBot.Bot.Conversations;
using ScrBot.Bot.Stages.Reviewer;
using ScrBot.Bot.Tests.Referral;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using static ScrBot.Bot.Tests.Cards.StageCardCatalogue;

namespace ScrBot.Bot.Tests.Cards;

/// <summary>
/// Every card of commissioning the reviewer: the sub-group's recommendation (and again after a decline, and for a
/// multi-agency learning review), the Independent Chair's and the Director of Children's Services' appointment cards
/// (and at their longest), every copy once decided, the National Panel told who was appointed as the follow-up of a
/// notice without names, the Review Team, the Case Team, the hub card while waiting and once appointed (with Replace
/// the reviewer), and the Independent Chair's view of the case with the same button.
/// </summary>
internal static class ReviewerCardCatalogue
{
    private static readonly Actor Manager = ReferralSamples.BoardManager;
    private static readonly Actor Chair = ReferralSamples.IndependentChair;
    private static readonly Actor SubgroupChair = ReferralSamples.SubgroupChair;
    private static readonly Actor Director = new(new PersonId("5c0b5a7e-0000-4000-8000-000000000030"), "Karen Berg");
    private static readonly Actor Reviewer = new(new PersonId("5c0b5a7e-0000-4000-8000-000000000032"), "Ben Walters");

    private static string Key(string prefix, int round) => prefix + round.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static IEnumerable<CatalogueCard> All()
    {
        var story = ReviewCardCatalogue.Decided();
        story.Do(Manager, (s, c) => CaseCommands.RecordNotification(s, c, NotificationRecipient.NationalPanel, story.Today, "The decision; the reviewer is not yet appointed."));
        yield return Task(story, Key(ReviewerSteps.RecommendPrefix, 1), SubgroupChair, "task-recommend-reviewer", picture: true);
        yield return Task(story, ReviewerSteps.ReviewTeam, Manager, "task-review-team", picture: true);
        yield return Task(story, ReviewerSteps.CaseTeam, Manager, "task-case-team", picture: true);

        story.Do(SubgroupChair, (s, c) => CaseCommands.RecommendReviewer(s, c, ReviewerNomination.InDirectory(Reviewer.Id), ReviewerNomination.Named("Dr Sam Second"),
            ReviewerSource.AnotherLocalAuthority, "Shropshire Council", ReviewCardCatalogue.Checked));
        yield return Task(story, Key(ReviewerSteps.ChairPrefix, 1), Chair, "task-appoint-reviewer-chair", picture: true);
        yield return new("hub-reviewer-recommended", Hub(story));

        var declined = story.Copy();
        declined.Do(Director, (s, c) => CaseCommands.AnswerReviewerAppointment(s, c, Role.DirectorOfChildrensServices, false, "Dr Second reviewed a case for us last year."));
        yield return new("task-appoint-reviewer-declined", TaskCard.Done(declined.View(), declined.Step(Key(ReviewerSteps.ChairPrefix, 1))));
        yield return Task(declined, Key(ReviewerSteps.RecommendPrefix, 2), SubgroupChair, "task-recommend-reviewer-again");

        story.Do(Chair, (s, c) => CaseCommands.AnswerReviewerAppointment(s, c, Role.IndependentChair, true, "Both are experienced SCR reviewers."));
        yield return Task(story, Key(ReviewerSteps.DirectorPrefix, 1), Director, "task-appoint-reviewer-director", picture: true);
        story.Do(Director, (s, c) => CaseCommands.AnswerReviewerAppointment(s, c, Role.DirectorOfChildrensServices, true, null));
        yield return new("task-reviewer-appointed", TaskCard.Done(story.View(), story.Step(Key(ReviewerSteps.DirectorPrefix, 1))), Picture: true);
        yield return Task(story, Key(ReviewerSteps.NationalPanelPrefix, 1), Manager, "task-tell-national-panel-reviewers", picture: true);
        story.Do(Manager, (s, c) => CaseCommands.RecordReviewTeam(s, c, [new ReviewTeamMember("Staffordshire Police", "DCI Jo Bloggs")], true));
        yield return new("hub-reviewer-appointed", Hub(story), Picture: true);

        var view = story.View();
        var status = CaseStatusCard.Build(view.State, story.Facts, [], CardCatalogue.Directory, view.Today, view.Calendar);
        yield return new("case-role-view-replace-reviewer", RoleView.Extend(status, view, story.Steps(), Chair, [.. new ReviewerHub().ActionsFor(view, Chair)]));

        var learning = ReviewCardCatalogue.Decided(RecommendationOption.MultiAgencyLearningReview);
        yield return Task(learning, Key(ReviewerSteps.RecommendPrefix, 1), SubgroupChair, "task-recommend-reviewer-learning-review");

        yield return Longest();
    }

    /// <summary>A recommendation with every answer at its longest: the Director's card still fits.</summary>
    private static CatalogueCard Longest()
    {
        var story = ReviewCardCatalogue.Decided();
        var name = string.Concat(Enumerable.Repeat("Zoë ‘Reviewer’ & <b>Co</b> ", 20))[..200];
        var details = string.Concat(Enumerable.Repeat("Ünïcödé Council — ‘recommended’ & <b>checked</b>. ", 20))[..320];
        var reasons = string.Concat(Enumerable.Repeat("Zoë's reasons — ‘review’ & <b>act</b>. ", 80))[..2000];
        story.Do(Manager, (s, c) => CaseCommands.RecommendReviewer(s, c, ReviewerNomination.Named(name), ReviewerNomination.Named(name[..199] + "2"),
            ReviewerSource.Other, details, ReviewCardCatalogue.Checked));
        story.Do(Chair, (s, c) => CaseCommands.AnswerReviewerAppointment(s, c, Role.IndependentChair, true, reasons));
        return Task(story, Key(ReviewerSteps.DirectorPrefix, 1), Director, "task-appoint-reviewer-longest");
    }
}
