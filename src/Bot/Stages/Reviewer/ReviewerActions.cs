using ScrBot.Bot.Conversations;
using ScrBot.Bot.Routing;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using static ScrBot.Bot.Stages.Reviewer.ReviewerCards;

namespace ScrBot.Bot.Stages.Reviewer;

/// <summary>
/// The buttons of commissioning the reviewer (<c>reviewer.*</c>): each turns the card's inputs into one domain command
/// and hands it to <see cref="CaseConversations.ActAsync"/>, which checks the case, the step and the person.
/// </summary>
public sealed class ReviewerActions(CaseConversations conversations) : StageActions(conversations, "reviewer.")
{
    private const string Replaced =
        "The reviewer is replaced: their role on the case is withdrawn, and the sub-group is asked to recommend a new reviewer to the Independent Chair and the Director of Children's Services.";

    /// <summary>
    /// A press delivered again: the step as it is now, nothing done twice. Replace the reviewer is pressed on the hub card
    /// or on the case's status, which stay as they are: its answer is a message.
    /// </summary>
    public override async Task<CardActionResult?> AnswerAgainAsync(TurnContext context, CardAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var again = await base.AnswerAgainAsync(context, action).ConfigureAwait(false);
        return action.Verb == ReplaceVerb && again is not null and not MessageResult ? CardActionResult.Message(Replaced) : again;
    }

    protected override async Task<CardActionResult> HandleAsync(CardPress press)
    {
        ArgumentNullException.ThrowIfNull(press);
        var step = press.Value(TaskCard.StepKey);
        switch (press.Verb)
        {
            case RecommendVerb:
                return await press.ActAsync("recommend the reviewer", (s, c) =>
                    !Enum.TryParse<ReviewerSource>(press.Value(SourceInput), ignoreCase: false, out var source) || !Enum.IsDefined(source) || int.TryParse(press.Value(SourceInput), out _)
                        ? Outcome.Refused("Say where the reviewer comes from: the National Panel's list, another local authority's recommendation, or elsewhere.", "Source")
                        : CaseCommands.RecommendReviewer(s, c, Nomination(press.Value(LeadInput), press.Value(LeadNameInput)) ?? ReviewerNomination.Named(""),
                            Nomination(press.Value(SecondInput), press.Value(SecondNameInput)), source, press.Value(SourceDetailsInput),
                            new ReviewerChecks(press.On(TrainingInput), press.On(ExperienceInput), press.On(ReferencesInput), press.On(IndependenceInput)))).ConfigureAwait(false);
            case AgreeVerb or DeclineVerb:
                return await press.ActAsync("decide the reviewer's appointment", (s, c) =>
                    ReviewerSteps.AnsweringAs(step) is { } role
                        ? CaseCommands.AnswerReviewerAppointment(s, c, role, press.Verb == AgreeVerb, press.Value(ReasonsInput))
                        : Outcome.Refused("This card does not ask for the reviewer's appointment. Nothing was changed.")).ConfigureAwait(false);
            case NationalPanelVerb:
                return await press.ActOnDateAsync("record that the National Panel was told who was appointed", DateInput, "date the National Panel was told",
                    CaseCommands.TellNationalPanelOfReviewers).ConfigureAwait(false);
            case ReviewTeamVerb:
                return await press.ActAsync("record the Review Team", (s, c) =>
                    CaseCommands.RecordReviewTeam(s, c, Lines(press.Value(MembersInput)).Select(Member).ToList(), press.On(SeniorityInput))).ConfigureAwait(false);
            case CaseTeamVerb:
                return await press.ActAsync("record the Case Team", (s, c) =>
                    CaseCommands.RecordCaseTeam(s, c, Lines(press.Value(StaffInput)), Lines(press.Value(FamilyInput)))).ConfigureAwait(false);
            case ReplaceVerb:
                // Pressed on the hub card or on the case's status: the answer is a message, the card it was on stays.
                var replaced = await press.ActAsync("replace the reviewer", (s, c) => CaseCommands.ReplaceReviewer(s, c, press.Value(ReasonInput))).ConfigureAwait(false);
                return replaced is MessageResult ? replaced : CardActionResult.Message(Replaced);
            default:
                return await CardPress.Unknown().ConfigureAwait(false);
        }
    }

    /// <summary>A reviewer chosen from the board's directory, or named; null when neither was given.</summary>
    private static ReviewerNomination? Nomination(string chosen, string typed) =>
        chosen is { Length: > 0 } and not SomeoneElse ? ReviewerNomination.InDirectory(new PersonId(chosen))
        : typed.Length > 0 || chosen == SomeoneElse ? ReviewerNomination.Named(typed)
        : null;

    /// <summary>"Staffordshire Police, DCI Jo Bloggs" → the organisation and its manager.</summary>
    private static ReviewTeamMember Member(string line)
    {
        var comma = line.IndexOf(',', StringComparison.Ordinal);
        return comma < 0 ? new ReviewTeamMember(line.Trim(), "") : new ReviewTeamMember(line[..comma].Trim(), line[(comma + 1)..].Trim());
    }

    private static List<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
