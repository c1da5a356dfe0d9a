using ScrBot.Bot.Cards;
using ScrBot.Bot.Conversations;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Stages.Decision;

/// <summary>
/// What ScrBot drafts for the checklist's owners to check, change and send: the formal notice to the National Panel
/// (the details of the case, the decision of the Chair and the names of the appointed reviewers), the Sub-group Chair's
/// letter to the Coroner, and the communications and media arrangement. None of them names the child, a significant
/// other, an address or a date of birth: only the case reference identifies the case.
/// </summary>
public static class ChecklistDrafts
{
    /// <summary>The notice to the National Panel, anonymised (Appendix B 5; the toolkit's "details of the case, the decision of the chair and the name of the appointed Independent Reviewer(s)").</summary>
    public static string NationalPanel(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var state = view.State;
        var decision = state.Decision!;
        var lines = new List<string>
        {
            $"Notification of a decision to initiate a Serious Case Review: {BoardName(view)}, case {view.Reference}.",
            "",
            "The case (anonymised):",
        };
        lines.AddRange(AnonymisedSummary.Lines(state, view.AgencyName));
        lines.Add("");
        lines.Add($"The decision: on {Words.Date(decision.At)} the Independent Chair {DecisionWords(state)}.");
        var reviewers = Reviewers(state);
        lines.Add(reviewers.Count > 0
            ? $"The appointed independent reviewer{(reviewers.Count == 1 ? "" : "s")}: {string.Join(", ", reviewers)}."
            : "The independent reviewer has not yet been appointed: the Panel will be given the reviewer's name once appointed.");
        return string.Join("\n", lines);
    }

    /// <summary>The Sub-group Chair's formal letter advising the Coroner that a learning review process has been instigated.</summary>
    public static string CoronerLetter(CaseView view, Actor writer)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(writer);
        var state = view.State;
        var died = state.Form?.Incident is { } incident ? $" following the death of a child in {incident.Date:MMMM yyyy}" : "";
        var role = state.SubgroupChairInvolvement is null ? "Chair" : "Vice-Chair";
        return string.Join("\n",
            "Dear Coroner,",
            "",
            $"I write as {role} of the Serious Case Review Sub-group of {BoardName(view)} to advise you that a learning review process, a Serious Case Review (our reference {view.Reference}), has been instigated{died}.",
            "The police safeguarding lead will liaise with you and keep you updated as appropriate.",
            "",
            "Yours faithfully,",
            writer.Name,
            $"{role}, Serious Case Review Sub-group");
    }

    /// <summary>The arrangement the toolkit sets for communications and media interest, with the board's Independent Chair as spokesperson.</summary>
    public static string MediaArrangement(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var chair = view.WithRole(Role.IndependentChair).Select(c => c.Name).FirstOrDefault();
        return string.Join("\n",
            "The communications departments of the police and the local authority liaise to coordinate and manage any communications or media interest.",
            $"Where the media wish to interview a representative of the board, the Independent Chair{(chair is null ? "" : $", {chair},")} is the named spokesperson on behalf of the partnership.",
            "The police may need to issue statements independently of this.");
    }

    /// <summary>The names of the reviewers appointed for the review (none before the appointment).</summary>
    public static IReadOnlyList<string> Reviewers(CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Reviewer is { } reviewer ? [reviewer.Name, .. reviewer.Second is { } second ? new[] { second.Name } : []] : [];
    }

    private static string DecisionWords(CaseState state)
    {
        var decision = state.Decision!;
        var method = state.Recommendation?.Methodology is { } m && decision.Decision != ChairDecisionKind.Overrule ? $", by {StepWords.Methodology(m)}" : "";
        return decision.Decision switch
        {
            ChairDecisionKind.Uphold => $"upheld the recommendation to hold a Serious Case Review{method}",
            ChairDecisionKind.UpholdWithFurtherActions => $"upheld the recommendation to hold a Serious Case Review{method}, with further actions",
            _ => $"decided to hold a Serious Case Review, overruling the recommendation of {Refusals.OptionWords(state.RecommendedOption ?? decision.DecidedOption)}",
        };
    }

    private static string BoardName(CaseView view) => view.Directory.Find(view.Board)?.Name ?? view.Board.Value;
}
