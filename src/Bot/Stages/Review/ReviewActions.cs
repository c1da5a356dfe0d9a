using ScrBot.Bot.Conversations;
using ScrBot.Bot.Routing;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using static ScrBot.Bot.Stages.Review.ReviewCards;

namespace ScrBot.Bot.Stages.Review;

/// <summary>
/// The buttons of stage 8 (<c>review.*</c>): each turns the card's inputs into one domain command and hands it to
/// <see cref="CaseConversations.ActAsync"/>; the Independent Chair's decision on a delay, and an agency's report
/// recorded sent from its representative's card, among them.
/// </summary>
public sealed class ReviewActions(CaseConversations conversations) : StageActions(conversations, "review.")
{
    protected override Task<CardActionResult> HandleAsync(CardPress press)
    {
        string V(string id) => press.Value(id);
        DateOnly? D(string id) => press.Date(id);
        bool On(string id) => press.On(id);

        // The reviewer's card records one of several things with one button: what to record names the verb.
        var verb = press.Verb == RecordVerb ? V(RecordInput) : press.Verb;
        if (press.Verb == RecordVerb && verb is not (PanelMeetingVerb or EngagementVerb or DisclosureRequestVerb or AgencyReportVerb or DelayVerb or AgencyDatesVerb))
        {
            return Task.FromResult(CardActionResult.Message("Choose what to record."));
        }

        return verb switch
        {
            StartVerb => press.ActOnDateAsync("start the review", DateInput, "date the review started", (s, c, on) => CaseCommands.InitiateReview(s, c, on)),
            TermsVerb => press.ActOnDateAsync("agree the terms of reference", DateInput, "date the terms of reference were agreed", (s, c, on) =>
                CaseCommands.AgreeTermsOfReference(s, c, on, On(SharedWithSioInput), V(MembersInput).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))),
            FamilyVerb => press.ActAsync("appoint the family coordinator", (s, c) => CaseCommands.AppointFamilyCoordinator(s, c, V(NameInput))),
            PanelMeetingVerb => press.ActOnDateAsync("record a Review Panel meeting", DateInput, "date of the Review Panel meeting", (s, c, on) =>
                CaseCommands.RecordReviewPanelMeeting(s, c, on, On(FamilyConsideredInput), V(ImmediateInput) switch { "true" => true, "false" => false, _ => null }, V(ImmediateActionInput))),
            EngagementVerb => press.ActAsync("record engagement in the review", (s, c) =>
                !Enum.TryParse<EngagementKind>(V(KindInput), ignoreCase: false, out var kind) || !Enum.IsDefined(kind) ? Outcome.Refused("Say what happened.", "What happened")
                : D("engagedOn") is { } on ? CaseCommands.RecordEngagement(s, c, kind, on, V(DetailsInput), On(ConsultedInput), On(DelegatesInput))
                : CardPress.NoDate("date")),
            DisclosureRequestVerb => press.ActAsync("record a disclosure request", (s, c) => CaseCommands.RequestDisclosure(s, c, V(RequestedByInput), V(MaterialInput))),
            AgencyReportVerb => press.ActOnDateAsync("record an agency report received", ReceivedInput, "date the report was received", (s, c, on) =>
                CaseCommands.ReceiveAgencyReport(s, c, new AgencyId(V(AgencyInput)), on)),
            AgencyDatesVerb => press.ActAsync("agree the dates for the agencies' reports", (s, c) => AgencyDates(s, c, press.Data)),
            DelayVerb => press.ActAsync(V(AgreedInput) == "false" ? "refer a delay to the Independent Chair" : "agree a delay to the review", (s, c) =>
                V(AgreedInput) is not ("true" or "false") ? Outcome.Refused("Say whether the Senior Investigating Officer and the Crown Prosecution Service agreed.")
                : D(TargetInput) is not { } target ? CardPress.NoDate(V(AgreedInput) == "true" ? "new target date" : "proposed target date")
                : V(AgreedInput) == "true" ? CaseCommands.AgreeReviewDelay(s, c, V(ReasonInput), V(WrittenRequestInput), target, V(ScopeInput))
                : Enum.TryParse<DelayNotAgreedBy>(V(NotAgreedByInput), ignoreCase: false, out var who) && Enum.IsDefined(who)
                    ? CaseCommands.ReferReviewDelayToChair(s, c, V(ReasonInput), V(WrittenRequestInput), target, V(ScopeInput), who, V(WhyNotAgreedInput))
                    : Outcome.Refused("Say who does not agree: the Senior Investigating Officer, the Crown Prosecution Service, or both.")),
            DelayDecisionVerb => press.ActAsync("decide a delay to the review", (s, c) =>
                V(DecisionKey) switch
                {
                    "agree" => V(TargetInput).Length > 0 && D(TargetInput) is null
                        ? Outcome.Refused("The new target date is not a date.")
                        : CaseCommands.DecideReviewDelay(s, c, V(RequestKey), true, D(TargetInput), V(ChairReasonsInput)),
                    "refuse" => CaseCommands.DecideReviewDelay(s, c, V(RequestKey), false, null, V(ChairReasonsInput)),
                    _ => Outcome.Refused("Agree or refuse the delay."),
                }),
            CompleteVerb => press.ActOnDateAsync("send the report to the Board", "completedOn", "date the review was completed", (s, c, on) => CaseCommands.CompleteReview(s, c, on, On(CheckedInput))),
            DisclosureVerb => press.ActAsync("decide a disclosure request", (s, c) =>
                V(GrantedInput) is not ("true" or "false")
                    ? Outcome.Refused("Grant or refuse the request.", "Decision")
                    : CaseCommands.DecideDisclosure(s, c, V("request"), On(GrantedInput), V(ReasonInput), On(ReviewerConsultedInput), On(PoliceConsultedInput), On(PanelConsultedInput))),
            _ => CardPress.Unknown(),
        };
    }

    /// <summary>
    /// The dates given on the reviewer's card, one per agency (<c>due-staffs-police</c>): only those that are new or moved
    /// are agreed; one that is not a date is refused.
    /// </summary>
    private static Outcome AgencyDates(CaseState state, CommandContext context, System.Text.Json.Nodes.JsonObject data)
    {
        var dates = new List<AgencyReportDate>();
        foreach (var (key, _) in data.Where(p => p.Key.StartsWith(DueDatePrefix, StringComparison.Ordinal)))
        {
            var agency = new AgencyId(key[DueDatePrefix.Length..]);
            var text = TaskCard.Value(data, key);
            if (text.Length == 0)
            {
                continue;
            }

            if (TaskCard.DateValue(data, key) is not { } due)
            {
                return Outcome.Refused($"The date for {agency.Value} is not a date.");
            }

            if (state.AgencyReportDates.Any(d => d.Agency == agency && d.DueOn == due))
            {
                continue;
            }

            dates.Add(new AgencyReportDate(agency, due));
        }

        return CaseCommands.AgreeAgencyReportDates(state, context, dates);
    }
}
