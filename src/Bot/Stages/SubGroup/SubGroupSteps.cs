using ScrBot.Bot.Conversations;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Stages.SubGroup;

/// <summary>
/// Stages 2–3 after the referral: the Board Manager arranges the sub-group meeting and records the routes (possible
/// duplicates are settled from the triage card); the Sub-group Chair (the Vice-Chair after the Chair declared direct
/// involvement with the child) records the sub-group's decision.
/// </summary>
public sealed class SubGroupSteps : IStageSteps
{
    public const string Arrange = "arrange";
    public const string Routes = "routes";
    public const string Decide = "decide";
    public const string DuplicatePrefix = "duplicate/";

    public IEnumerable<CaseStep> Steps(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var state = view.State;
        var managers = view.WithRole(Role.BoardManager);
        var early = state.Stage is Stage.Triage or Stage.SubgroupDecision;

        yield return new CaseStep(
            Arrange, "Arrange the sub-group meeting", managers, null,
            Open: state.Stage == Stage.Triage && state.SubgroupMeetingDate is null && state.ChairsInformed.Count > 0,
            view.Last<SubgroupMeetingArranged>(),
            ArrangeMeetingCard.Build);

        yield return new CaseStep(
            Routes, "Record the routes and parallel reviews", managers, null,
            Open: early && state.Routes is null,
            view.Last<RoutesRecorded>(),
            RoutesCard.Build);

        foreach (var resolution in state.DuplicateResolutions)
        {
            yield return new CaseStep(
                DuplicatePrefix + resolution.Other.Value,
                $"Same child as {resolution.Other}?",
                managers, null, Open: false,
                new StepDone(resolution.By, resolution.At),
                _ => []);
        }

        var deciders = state.SubgroupChairInvolvement is null
            ? view.WithRole(Role.SubgroupChair)
            : view.WithRole(Role.SubgroupViceChair);
        yield return new CaseStep(
            Decide, "Decide whether to convene a Scoping Panel", deciders, state.SubgroupMeetingDate,
            Open: state.Stage == Stage.SubgroupDecision,
            view.Last<SubgroupDecided>(),
            SubgroupDecisionCard.Build);
    }
}
