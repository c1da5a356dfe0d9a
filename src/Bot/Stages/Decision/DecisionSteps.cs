using ScrBot.Bot.Conversations;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Obligations;

namespace ScrBot.Bot.Stages.Decision;

/// <summary>
/// Stages 6–7 from the toolkit's "The decision" and the flow chart: the Independent Chair (or the person she delegated
/// to) decides on the recommendation waiting for her, and the Sub-group Chair has a copy of the card; after an
/// overrule the Board Manager arranges the sub-group's meeting with the Chair; the referrer is told the outcome in
/// plain words, the board's members and the Director of Children's Services are told, a decision not to hold an
/// SCR reaches the National Panel within 14 days where Appendix B section 4 asks for it (D7), and a decision to hold one
/// is followed by the notification checklist (<see cref="ChecklistSteps"/>), each item a step for its owner.
/// </summary>
public sealed class DecisionSteps : IStageSteps
{
    public const string Decide = "chair-decision";
    public const string Reconvene = "reconvene-with-chair";
    public const string TellReferrer = "tell/referrer";
    public const string TellBoard = "tell/board";
    public const string TellNationalPanel = "tell/national-panel";

    public IEnumerable<CaseStep> Steps(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var state = view.State;
        if (state.RecommendedOption is null)
        {
            yield break;
        }

        var chairs = state.DecisionDelegate is { } delegated ? [delegated] : view.WithRole(Role.IndependentChair);
        var subgroupChairs = state.SubgroupChairInvolvement is null ? view.WithRole(Role.SubgroupChair) : view.WithRole(Role.SubgroupViceChair);
        yield return new CaseStep(
            Decide, "Decide on the recommendation", chairs, D6(view),
            Open: state.Stage == Stage.IndependentChairDecision && state.Decision is null,
            state.Decision is { } decision ? new StepDone(decision.By, decision.At, Outcome(state)) : null,
            DecisionCard.Build)
        {
            CopiesTo = subgroupChairs.Where(s => chairs.All(c => c.Id != s.Id)).ToList(),
        };

        if (state.Decision is not { } decided)
        {
            yield break;
        }

        var managers = view.WithRole(Role.BoardManager);
        if (decided.Decision == ChairDecisionKind.Overrule)
        {
            yield return new CaseStep(
                Reconvene, "Arrange the sub-group's meeting with the Independent Chair", managers, null,
                Open: state.ReconvenedWithChairOn is null,
                view.Last<SubgroupReconvenedWithChair>(),
                ReconveneCard.Build);
        }

        var referrerTold = view.Last<NotificationSent>(n => n.Recipient == NotificationRecipient.Referrer);
        yield return new CaseStep(
            TellReferrer, "Tell the referrer the outcome", managers, null,
            Open: referrerTold is null,
            referrerTold is null ? null : referrerTold with { Words = ReferrerMessage.Words(view) },
            TellReferrerCard.Build)
        {
            CopiesTo = referrerTold is null ? [] : view.OnCase(Role.Referrer),
        };

        yield return new CaseStep(
            TellBoard, "Tell the board's members and the Director of Children's Services", managers, null,
            Open: !state.WasNotified(NotificationRecipient.BoardPartners) || !state.WasNotified(NotificationRecipient.DirectorOfChildrensServices),
            view.Last<NotificationSent>(n => n.Recipient == NotificationRecipient.DirectorOfChildrensServices),
            TellBoardCard.Build);

        if (view.Obligations.FirstOrDefault(o => o.Code == ObligationCode.D7) is { } d7)
        {
            yield return new CaseStep(
                TellNationalPanel, "Tell the National Panel of the decision not to hold an SCR", view.WithRole(Role.IndependentChair), d7.DueOn,
                Open: d7.MetOn is null,
                view.Last<NotificationSent>(n => n.Recipient == NotificationRecipient.NationalPanel),
                NationalPanelCard.Build);
        }

        foreach (var step in ChecklistSteps.Steps(view))
        {
            yield return step;
        }
    }

    /// <summary>"Upheld by Adele Vance, Independent Chair, Thursday 12 March 2027 10:14: a multi-agency learning review."</summary>
    public static string Outcome(CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var decision = state.Decision!;
        return $"{CaseCommands.DecisionWords(decision, state.DecisionDelegate)}: {Refusals.OptionWords(decision.DecidedOption)}.";
    }

    /// <summary>The Chair's written decision is due (D6): on the sub-group's recommendation, or on the Scoping Panel's.</summary>
    private static DateOnly? D6(CaseView view) =>
        view.Obligations.Where(o => o.Code == ObligationCode.D6 && o.MetOn is null).Select(o => (DateOnly?)o.DueOn).FirstOrDefault()
        ?? view.Obligations.Where(o => o.Code == ObligationCode.D6).Select(o => (DateOnly?)o.DueOn).LastOrDefault();
}
