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
public sealed class ReviewerActions(CaseConversations conversations) : ICardActionHandler
{
    public string VerbPrefix => "reviewer.";

    public async Task<CardActionResult> HandleAsync(TurnContext context, CardAction action)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        var data = action.Data;
        string V(string id) => TaskCard.Value(data, id);
        bool On(string id) => V(id) == "true";
        var step = V(TaskCard.StepKey);
        switch (action.Verb)
        {
            case RecommendVerb:
                return await conversations.ActAsync(context, action, "recommend the reviewer", (s, c) =>
                    !Enum.TryParse<ReviewerSource>(V(SourceInput), ignoreCase: false, out var source) || !Enum.IsDefined(source) || int.TryParse(V(SourceInput), out _)
                        ? Outcome.Refused("Say where the reviewer comes from: the National Panel's list, another local authority's recommendation, or elsewhere.", "Source")
                        : CaseCommands.RecommendReviewer(s, c, Nomination(V(LeadInput), V(LeadNameInput)) ?? ReviewerNomination.Named(""),
                            Nomination(V(SecondInput), V(SecondNameInput)), source, V(SourceDetailsInput),
                            new ReviewerChecks(On(TrainingInput), On(ExperienceInput), On(ReferencesInput), On(IndependenceInput)))).ConfigureAwait(false);
            case AgreeVerb or DeclineVerb:
                return await conversations.ActAsync(context, action, "decide the reviewer's appointment", (s, c) =>
                    ReviewerSteps.AnsweringAs(step) is { } role
                        ? CaseCommands.AnswerReviewerAppointment(s, c, role, action.Verb == AgreeVerb, V(ReasonsInput))
                        : Outcome.Refused("This card does not ask for the reviewer's appointment. Nothing was changed.")).ConfigureAwait(false);
            case NationalPanelVerb:
                return await conversations.ActAsync(context, action, "record that the National Panel was told who was appointed", (s, c) =>
                    TaskCard.DateValue(data, DateInput) is { } on
                        ? CaseCommands.TellNationalPanelOfReviewers(s, c, on)
                        : Outcome.Refused("Give the date the National Panel was told.", "Date the National Panel was told")).ConfigureAwait(false);
            case ReviewTeamVerb:
                return await conversations.ActAsync(context, action, "record the Review Team", (s, c) =>
                    CaseCommands.RecordReviewTeam(s, c, Lines(V(MembersInput)).Select(Member).ToList(), On(SeniorityInput))).ConfigureAwait(false);
            case CaseTeamVerb:
                return await conversations.ActAsync(context, action, "record the Case Team", (s, c) =>
                    CaseCommands.RecordCaseTeam(s, c, Lines(V(StaffInput)), Lines(V(FamilyInput)))).ConfigureAwait(false);
            case ReplaceVerb:
                // Pressed on the hub card or on the case's status: the answer is a message, the card it was on stays.
                var replaced = await conversations.ActAsync(context, action, "replace the reviewer", (s, c) => CaseCommands.ReplaceReviewer(s, c, V(ReasonInput))).ConfigureAwait(false);
                return replaced is MessageResult ? replaced : CardActionResult.Message(Replaced);
            default:
                return CardActionResult.Error(Replies.UnknownButton, 400, "UnknownAction");
        }
    }

    /// <summary>A press delivered again: the step as it is now, nothing done twice.</summary>
    public async Task<CardActionResult?> AnswerAgainAsync(TurnContext context, CardAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var again = await conversations.AnswerAgainAsync(context, action).ConfigureAwait(false);
        return action.Verb == ReplaceVerb && again is not null and not MessageResult ? CardActionResult.Message(Replaced) : again;
    }

    private const string Replaced =
        "The reviewer is replaced: their role on the case is withdrawn, and the sub-group is asked to recommend a new reviewer to the Independent Chair and the Director of Children's Services.";

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
