using ScrBot.Bot.Conversations;
using ScrBot.Bot.Routing;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using static ScrBot.Bot.Stages.Review.ReviewCards;

namespace ScrBot.Bot.Stages.Review;

/// <summary>
/// The buttons of stage 8 (<c>review.*</c>): each turns the card's inputs into one domain command and hands it to
/// <see cref="CaseConversations.ActAsync"/>.
/// </summary>
public sealed class ReviewActions(CaseConversations conversations) : ICardActionHandler
{
    /// <summary>A button delivered again: the step as it is now, never recorded a second time.</summary>
    public Task<CardActionResult?> AnswerAgainAsync(TurnContext context, CardAction action) => conversations.AnswerAgainAsync(context, action);

    public string VerbPrefix => "review.";

    public Task<CardActionResult> HandleAsync(TurnContext context, CardAction action)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        var data = action.Data;
        string V(string id) => TaskCard.Value(data, id);
        DateOnly? D(string id) => TaskCard.DateValue(data, id);
        bool On(string id) => V(id) == "true";
        Outcome NoDate(string label) => Outcome.Refused($"Give the {label}.", label);
        // The reviewer's card records one of several things with one button: what to record names the verb.
        var verb = action.Verb == RecordVerb ? V(RecordInput) : action.Verb;
        if (action.Verb == RecordVerb && verb is not (PanelMeetingVerb or EngagementVerb or DisclosureRequestVerb or AgencyReportVerb or DelayVerb))
        {
            return Task.FromResult(CardActionResult.Message("Choose what to record."));
        }

        return verb switch
        {
            StartVerb => conversations.ActAsync(context, action, "start the review", (s, c) =>
                D(DateInput) is { } on ? CaseCommands.InitiateReview(s, c, on) : NoDate("date the review started")),
            TermsVerb => conversations.ActAsync(context, action, "agree the terms of reference", (s, c) =>
                D(DateInput) is { } on
                    ? CaseCommands.AgreeTermsOfReference(s, c, on, On(SharedWithSioInput), V(MembersInput).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    : NoDate("date the terms of reference were agreed")),
            FamilyVerb => conversations.ActAsync(context, action, "appoint the family coordinator", (s, c) => CaseCommands.AppointFamilyCoordinator(s, c, V(NameInput))),
            PanelMeetingVerb => conversations.ActAsync(context, action, "record a Review Panel meeting", (s, c) =>
                D(DateInput) is { } on
                    ? CaseCommands.RecordReviewPanelMeeting(s, c, on, On(FamilyConsideredInput), V(ImmediateInput) switch { "true" => true, "false" => false, _ => null }, V(ImmediateActionInput))
                    : NoDate("date of the Review Panel meeting")),
            EngagementVerb => conversations.ActAsync(context, action, "record engagement in the review", (s, c) =>
                !Enum.TryParse<EngagementKind>(V(KindInput), ignoreCase: false, out var kind) || !Enum.IsDefined(kind) ? Outcome.Refused("Say what happened.", "What happened")
                : D("engagedOn") is { } on ? CaseCommands.RecordEngagement(s, c, kind, on, V(DetailsInput), On(ConsultedInput), On(DelegatesInput))
                : NoDate("date")),
            DisclosureRequestVerb => conversations.ActAsync(context, action, "record a disclosure request", (s, c) => CaseCommands.RequestDisclosure(s, c, V(RequestedByInput), V(MaterialInput))),
            AgencyReportVerb => conversations.ActAsync(context, action, "record an agency report received", (s, c) =>
                D("receivedOn") is { } on ? CaseCommands.ReceiveAgencyReport(s, c, new AgencyId(V(AgencyInput)), on) : NoDate("date the report was received")),
            DelayVerb => conversations.ActAsync(context, action, "agree a delay to the review", (s, c) =>
                D(TargetInput) is { } target
                    ? CaseCommands.AgreeReviewDelay(s, c, V(ReasonInput), V(WrittenRequestInput), target, V(ScopeInput), On(AgreedInput))
                    : NoDate("new target date")),
            CompleteVerb => conversations.ActAsync(context, action, "send the report to the Board", (s, c) =>
                D("completedOn") is { } on ? CaseCommands.CompleteReview(s, c, on, On(CheckedInput)) : NoDate("date the review was completed")),
            DisclosureVerb => conversations.ActAsync(context, action, "decide a disclosure request", (s, c) =>
                V(GrantedInput) is not ("true" or "false")
                    ? Outcome.Refused("Grant or refuse the request.", "Decision")
                    : CaseCommands.DecideDisclosure(s, c, V("request"), On(GrantedInput), V(ReasonInput), On(ReviewerConsultedInput), On(PoliceConsultedInput), On(PanelConsultedInput))),
            _ => Task.FromResult(CardActionResult.Error(Replies.UnknownButton, 400, "UnknownAction")),
        };
    }
}
