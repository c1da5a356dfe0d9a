using System.Text.Json.Nodes;
using ScrBot.Bot.Cards;
using ScrBot.Bot.Conversations;
using ScrBot.Bot.Stages.Review;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.Reviewer;

/// <summary>
/// The reviewer on the Board Manager's hub card, once a review is decided: who is recommended and what the Independent
/// Chair and the Director of Children's Services answered, who is appointed and whether the National Panel was told,
/// earlier recommendations (declined, replaced), and whether the Review Team and the Case Team are recorded (counts
/// only); with Replace the reviewer while one is appointed.
/// </summary>
public sealed class ReviewerHub : IHubPart
{
    public IEnumerable<JsonNode?> Body(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var state = view.State;
        if (!state.ReviewDecided)
        {
            yield break;
        }

        yield return Subheading($"The reviewer of {ReviewWords.Of(state)}", separator: true);
        yield return Facts(Lines(state));
    }

    public IEnumerable<JsonNode?> Actions(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (ReplaceAction(view) is { } replace)
        {
            yield return replace;
        }
    }

    /// <summary>The Independent Chair (and the Board Manager) can replace the appointed reviewer from the case's status too.</summary>
    public IEnumerable<JsonNode?> ActionsFor(CaseView view, Actor person)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(person);
        var roles = CaseAccess.RolesOnCase(view.State, person.Id, view.Directory);
        if ((roles.Contains(Role.IndependentChair) || roles.Contains(Role.BoardManager)) && ReplaceAction(view) is { } replace)
        {
            yield return replace;
        }
    }

    /// <summary>The reviewer's state in lines of facts, as the hub shows them.</summary>
    public static List<(string, string)> Lines(CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var facts = new List<(string, string)>();
        switch (state.CurrentReviewerRound)
        {
            case null:
                facts.Add(("Reviewer", "Not yet recommended: the sub-group recommends one to the Independent Chair and the Director of Children's Services"));
                break;
            case { Awaiting: true } round:
                facts.Add(("Recommended", $"{Described(round)}, by {round.RecommendedBy.Name} on {Words.DateAndTime(round.RecommendedAt)}"));
                facts.Add(("Independent Chair", round.Chair is { } chair ? ReviewerSteps.AnswerWords(Role.IndependentChair, chair) : "Not yet answered"));
                facts.Add(("Director of Children's Services", round.Director is { } director ? ReviewerSteps.AnswerWords(Role.DirectorOfChildrensServices, director) : "Not yet answered"));
                break;
            case { Appointed: true } round:
                facts.Add(("Appointed", $"{Described(round)}, on {Words.Date(round.AppointedAt!.Value)}"));
                if (state.DecidedOption == RecommendationOption.FormalSeriousCaseReview)
                {
                    facts.Add(("National Panel told", round.NationalPanelTold is { } told ? Words.Date(told.SentOn) : "Not yet"));
                }

                break;
            case var round:
                facts.Add(("Reviewer", $"{ReviewerCards.RoundWords(round).TrimEnd('.')}. The sub-group recommends a new reviewer."));
                break;
        }

        var earlier = state.ReviewerRounds.Take(Math.Max(0, state.ReviewerRounds.Count - 1)).ToList();
        if (earlier.Count > 0)
        {
            facts.Add(("Earlier recommendations", string.Join("; ", earlier.TakeLast(3).Select(ReviewerCards.RoundWords))));
        }

        facts.Add(("Review Team", state.ReviewTeam is { } team
            ? $"{Words.Count(team.Members.Count, "organisation", "organisations")}, each represented by a manager of sufficient seniority"
            : "Not yet recorded"));
        facts.Add(("Case Team", state.CaseTeam is { } caseTeam
            ? $"{Words.Count(caseTeam.StaffAndManagers.Count, "member of staff or manager", "staff and managers")} and {Words.Count(caseTeam.FamilyMembers.Count, "family member", "family members")}"
            : "Not yet recorded"));
        return facts;
    }

    /// <summary>
    /// Replace the reviewer, behind its confirmation, with the written reason: for the Board Manager on the hub and for
    /// the Independent Chair on the case's status; null while no reviewer is appointed.
    /// </summary>
    public static JsonObject? ReplaceAction(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var state = view.State;
        if (state.CurrentReviewerRound is not { Appointed: true } round || state.Stage is not (Stage.AfterDecision or Stage.Review))
        {
            return null;
        }

        var data = new JsonObject
        {
            [TaskCard.CaseKey] = view.Reference.Value,
            [TaskCard.StepKey] = ReviewerSteps.ReplacePrefix + round.Round.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return ShowCard("Replace the reviewer…",
            [
                Text($"Replace {CaseCommands.ReviewerNames(round)}? Once recorded, the appointment cannot be recovered: their role on the case is withdrawn, and the sub-group recommends a new reviewer to the Independent Chair and the Director of Children's Services.", subtle: false),
                Reason(),
            ],
            [Execute("Replace the reviewer", ReviewerCards.ReplaceVerb, data, style: "destructive")]);
    }

    private static JsonObject Reason()
    {
        var input = TextInput(ReviewerCards.ReasonInput, "Why the reviewer is replaced (kept on the case)", "", 2000, required: true, multiline: true);
        input["errorMessage"] = "Why the reviewer is replaced is required.";
        return input;
    }

    private static string Described(ReviewerRound round) =>
        $"{CaseCommands.ReviewerNames(round)}, {round.Source switch
        {
            ReviewerSource.NationalPanelList => "from the National Panel's list",
            ReviewerSource.AnotherLocalAuthority => $"on the recommendation of {round.SourceDetails ?? "another local authority"}",
            _ => $"from {round.SourceDetails ?? "elsewhere"}",
        }}";
}
