using System.Globalization;
using System.Text.Json.Nodes;
using ScrBot.Bot.Cards;
using ScrBot.Bot.Conversations;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.Review;

/// <summary>The task cards of stage 8, the review.</summary>
public static class ReviewCards
{
    public const string StartVerb = "review.start";
    public const string TermsVerb = "review.terms";
    public const string FamilyVerb = "review.family";
    public const string PanelMeetingVerb = "review.panelmeeting";
    public const string EngagementVerb = "review.engagement";
    public const string DisclosureRequestVerb = "review.disclosurerequest";
    public const string AgencyReportVerb = "review.agencyreport";
    public const string DelayVerb = "review.delay";
    public const string CompleteVerb = "review.complete";
    public const string DisclosureVerb = "review.disclose";
    public const string RecordVerb = "review.record";
    public const string AgencyDatesVerb = "review.agencydates";
    public const string DelayDecisionVerb = "review.delaydecide";
    public const string RecordInput = "record";

    public const string DateInput = "date";
    public const string MembersInput = "members";
    public const string SharedWithSioInput = "sharedWithSio";
    public const string NameInput = "name";
    public const string FamilyConsideredInput = "familyConsidered";
    public const string ImmediateInput = "immediate";
    public const string ImmediateActionInput = "immediateAction";
    public const string KindInput = "kind";
    public const string DetailsInput = "details";
    public const string ConsultedInput = "consulted";
    public const string DelegatesInput = "delegates";
    public const string RequestedByInput = "requestedBy";
    public const string MaterialInput = "material";
    public const string AgencyInput = "agency";
    public const string ReasonInput = "reason";
    public const string WrittenRequestInput = "writtenRequest";
    public const string TargetInput = "target";
    public const string ScopeInput = "scope";
    public const string AgreedInput = "agreed";
    public const string CheckedInput = "checked";
    public const string GrantedInput = "granted";
    public const string ReviewerConsultedInput = "consultedReviewer";
    public const string PoliceConsultedInput = "consultedPolice";
    public const string PanelConsultedInput = "consultedPanel";
    public const string NotAgreedByInput = "notAgreedBy";
    public const string WhyNotAgreedInput = "whyNotAgreed";
    public const string ReceivedInput = "receivedOn";
    public const string DueDatePrefix = "due-";
    public const string RequestKey = "request";
    public const string DecisionKey = "decision";
    public const string ChairReasonsInput = "chairReasons";

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static (string, string) Clock(StepView view) =>
        ("Review clock (D9)", view.Case.DueOf("D9") is { } due ? HumanDates.FormatWithRelative(due, view.Case.Today, view.Case.Calendar) + ", from the decision to initiate it" : "");

    /// <summary>The Board Manager starts the review with the reviewer (the clock already runs from the decision).</summary>
    public static JsonObject Start(StepView view) => TaskCard.Build(
        view,
        [("Reviewer", view.Case.State.Reviewer is { } reviewer ? reviewer.Name + (reviewer.Second is { } second ? $", with {second.Name}" : "") : ""), Clock(view)],
        [
            Text($"Record the day {ReviewWords.Of(view.Case.State)} started with the reviewer. The review must be completed within six months of the decision to initiate it, whatever the start date.", subtle: true),
            DateInput(DateInput, "Date the review started", Iso(view.Case.Today), required: true, max: view.Case.Today),
        ],
        [Execute("Start the review", StartVerb, TaskCard.Data(view), style: "positive")],
        "ScrBot, after the Independent Chair's decision and the reviewer's appointment",
        confidential: false);

    /// <summary>The reviewer's terms of reference, with the Review Panel's members; shared with the SIO first where a criminal investigation runs.</summary>
    public static JsonObject Terms(StepView view)
    {
        var body = new List<JsonNode?>
        {
            Text("Agree the terms of reference: the period and the key lines of enquiry, the agencies asked for chronologies and reports and the dates agreed for them.", subtle: true),
            DateInput(DateInput, "Date the terms of reference were agreed", Iso(view.Case.Today), required: true, max: view.Case.Today),
            TextInput(MembersInput, "Review Panel members (one a line: name, agency)", "", 4000, required: true, multiline: true),
        };
        if (view.Case.State.CriminalInvestigation)
        {
            body.Add(Toggle(SharedWithSioInput, "Senior Investigating Officer", "A criminal investigation runs: the terms of reference were shared with the SIO before endorsement", "false", required: true));
        }

        return TaskCard.Build(view, [Clock(view)], body,
            [Execute("Agree the terms of reference", TermsVerb, TaskCard.Data(view), style: "positive")],
            "The Board Manager, on commissioning the review", confidential: false);
    }

    /// <summary>The Board Manager names the person who coordinates all contact with the family.</summary>
    public static JsonObject Family(StepView view) => TaskCard.Build(
        view,
        [],
        [
            Text("One person coordinates all contact with the child's family during the review: the family contract, updates, interviews and sharing the final report.", subtle: true),
            TextInput(NameInput, "Family coordinator", "", 200, required: true),
        ],
        [Execute("Appoint the family coordinator", FamilyVerb, TaskCard.Data(view), style: "positive")],
        "The toolkit, Engagement of children and family members",
        confidential: false);

    /// <summary>
    /// The reviewer's card while the review runs: each Review Panel meeting (the family's role a standing item; whether
    /// immediate action is needed), family and practitioner engagement, disclosure requests, agency reports, an agreed
    /// delay or restriction of scope, and the report sent to the Board once the draft is checked against the terms of reference.
    /// </summary>
    public static JsonObject Conduct(StepView view)
    {
        var state = view.Case.State;
        var today = Iso(view.Case.Today);
        var facts = new List<(string, string)>
        {
            Clock(view),
            ("Terms of reference", state.TermsOfReferenceAgreedOn is { } agreed ? Words.Date(agreed) : ""),
            ("Review Panel", string.Join(", ", state.ReviewPanelMembers)),
            ("Family coordinator", state.FamilyCoordinator ?? "Not yet appointed"),
            ("Panel meetings", state.ReviewPanelMeetings.Count.ToString(CultureInfo.InvariantCulture)),
        };
        if (state.Delays.LastOrDefault() is { } delay)
        {
            facts.Add(("Agreed delay", $"to {Words.Date(delay.NewTargetDate)}: {delay.Reason}"));
        }

        foreach (var request in state.DelayRequests)
        {
            facts.Add(($"Delay request {request.RequestId}", request.Agreed switch
            {
                null => $"not agreed by {ReviewWords.Of(request.NotAgreedBy)}: with the Independent Chair",
                true => $"agreed by the Independent Chair, to {Words.Date(request.NewTargetDate!.Value)}: {request.ChairReasons}",
                false => $"refused by the Independent Chair: {request.ChairReasons}",
            }));
        }

        if (state.AgencyReportDates.Count > 0)
        {
            facts.Add(("Agency reports", string.Join("; ", state.AgencyReportDates.Select(d => ReportLine(view.Case, d)))));
        }

        foreach (var request in state.DisclosureRequests)
        {
            facts.Add(($"Disclosure {request.RequestId}", $"{request.RequestedBy}: {(request.Granted is null ? "with the Independent Chair" : request.Granted == true ? "granted" : "refused")}"));
        }

        if (state.Engagements.Count > 0)
        {
            facts.Add(("Engagement", string.Join("; ", state.Engagements.TakeLast(4).Select(e => $"{ReviewWords.Of(e.Kind)} {Words.Date(e.On)}"))));
        }

        var agencies = state.ChosenAgencies.Concat(state.PartnersSentChildDetails).Distinct().Select(a => (view.Case.AgencyName(a), a.Value)).ToList();
        var what = new List<(string, string)>
        {
            ("A Review Panel meeting", PanelMeetingVerb),
            ("Family or practitioner engagement", EngagementVerb),
            ("A disclosure request (for the Independent Chair)", DisclosureRequestVerb),
            ("An agency report received", AgencyReportVerb),
            ("A delay or restriction of scope (agreed, or for the Independent Chair)", DelayVerb),
        };
        var awaited = agencies.Where(a => !state.AgencyReportsReceived.Contains(new Domain.Boards.AgencyId(a.Item2))).ToList();
        if (awaited.Count > 0)
        {
            what.Insert(3, ("Dates agreed for the agencies' reports", AgencyDatesVerb));
        }

        var body = new List<JsonNode?>
        {
            Text("Record each step of the review here as it happens: choose what, fill in its part, and press Record.", subtle: true),
            Choices(RecordInput, "What to record", what, "", expanded: false),
            Subheading("A Review Panel meeting", separator: true),
            DateInput(DateInput, "Date of the Review Panel meeting", today, max: view.Case.Today),
            Toggle(FamilyConsideredInput, "The family's role", "The family's role in the review was considered (a standing item)", "false"),
            Choices(ImmediateInput, "Is immediate single-agency or multi-agency action needed?", [("No", "false"), ("Yes", "true")], ""),
            TextInput(ImmediateActionInput, "The immediate action needed, and by whom", "", 2000, multiline: true),
            Subheading("Family or practitioner engagement", separator: true),
            Choices(KindInput, "What happened", Enum.GetValues<EngagementKind>().Select(k => (ReviewWords.Of(k), k.ToString())), "", expanded: false),
            DateInput("engagedOn", "Date", today, max: view.Case.Today),
            TextInput(DetailsInput, "Details", "", 2000, multiline: true),
            Toggle(ConsultedInput, "Police and SIO", "The police safeguarding lead and the SIO were consulted (required for a family interview or sharing the report while a criminal case runs)", "false"),
            Toggle(DelegatesInput, "Delegates", "The list of delegates was sent to the SIO", "false"),
            Subheading("A disclosure request", separator: true),
            Choices(RequestedByInput, "Requested by", CaseCommands.DisclosureRequesters.Select(r => (r, r)), "", expanded: false),
            TextInput(MaterialInput, "The review material asked for", "", 2000, multiline: true),
            Text("The Independent Chair decides, after consulting you, the police safeguarding lead and the panel.", subtle: true),
        };
        if (awaited.Count > 0)
        {
            body.Add(Subheading("Dates agreed for the agencies' reports", separator: true));
            body.Add(Text("The date each agency's chronology and report are due: its representative gets a card asking for it by then.", subtle: true));
            foreach (var (name, id) in awaited)
            {
                var set = state.AgencyReportDates.FirstOrDefault(d => d.Agency.Value == id);
                body.Add(DateInput(DueDatePrefix + id, $"{name}: report due", set is null ? "" : Iso(set.DueOn)));
            }
        }

        if (agencies.Count > 0)
        {
            body.Add(Subheading("An agency report received", separator: true));
            body.Add(Choices(AgencyInput, "Agency", agencies, "", expanded: false));
            body.Add(DateInput(ReceivedInput, "Date received", today, max: view.Case.Today));
        }

        body.AddRange(
        [
            Subheading("A delay or restriction of scope", separator: true),
            TextInput(ReasonInput, "Reason for the delay (e.g. parallel criminal proceedings)", "", 2000, multiline: true),
            TextInput(WrittenRequestInput, "The written request (from whom, when)", "", 2000, multiline: true),
            DateInput(TargetInput, "New target date (proposed, where not agreed)", ""),
            TextInput(ScopeInput, "Restriction of scope, if any", "", 2000, multiline: true),
            Choices(AgreedInput, "Agreed with the Senior Investigating Officer and the Crown Prosecution Service?",
                [("Agreed: the target date moves", "true"), ("Not agreed: the Independent Chair decides", "false")], ""),
            Choices(NotAgreedByInput, "Not agreed by", Enum.GetValues<DelayNotAgreedBy>().Select(n => (ReviewWords.Capitalised(ReviewWords.Of(n)), n.ToString())), "", expanded: false),
            TextInput(WhyNotAgreedInput, "Why they do not agree", "", 2000, multiline: true),
        ]);

        var actions = new List<JsonNode?>
        {
            Execute("Record", RecordVerb, TaskCard.Data(view)),
            ShowCard("Send the report to the Board",
            [
                DateInput("completedOn", "Date the review was completed", today, max: view.Case.Today),
                Toggle(CheckedInput, "Terms of reference", "The draft report was checked against the terms of reference", "false"),
            ], [Execute("Send the report to the Board", CompleteVerb, TaskCard.Data(view))]),
        };

        return TaskCard.Build(view, facts, body, actions, "The Board Manager, on commissioning the review", confidential: true);
    }

    /// <summary>One agency's line: its report's date, and whether it is in or late.</summary>
    private static string ReportLine(CaseView view, AgencyReportDate date) =>
        $"{view.AgencyName(date.Agency)} by {Words.Date(date.DueOn)}: "
        + (view.State.AgencyReportsReceived.Contains(date.Agency) ? "received" : date.DueOn < view.Today ? "late" : "awaited");

    /// <summary>The agency representative's card: send the agency's chronology and report by the date agreed, and record it sent.</summary>
    public static JsonObject AgencyReport(StepView view)
    {
        var agency = new Domain.Boards.AgencyId(ReviewSteps.RequestOf(view.Step.Key));
        var state = view.Case.State;
        return TaskCard.Build(
            view,
            [("Agency", view.Case.AgencyName(agency)), ("To", state.Reviewer is { } reviewer ? $"{reviewer.Name}, the independent reviewer" : "the independent reviewer")],
            [
                Text($"Send your agency's chronology of significant events and its report for {ReviewWords.Of(state)} to the independent reviewer by the date agreed, quality assured and signed off by a senior officer. Then record it here.", subtle: true),
                DateInput(ReceivedInput, "Date sent", Iso(view.Case.Today), required: true, max: view.Case.Today),
            ],
            [Execute("Report sent to the reviewer", AgencyReportVerb, TaskCard.Data(view, new JsonObject { [AgencyInput] = agency.Value }), style: "positive")],
            "The independent reviewer, with the Review Panel",
            confidential: false);
    }

    /// <summary>
    /// The Independent Chair's card for a delay the reviewer, the SIO and the CPS could not agree: the request, who does
    /// not agree and why; she agrees it (with the new target date) or refuses it, with her reasons.
    /// </summary>
    public static JsonObject DelayDecision(StepView view)
    {
        var id = ReviewSteps.RequestOf(view.Step.Key);
        var request = view.Case.State.DelayRequests.FirstOrDefault(r => r.RequestId == id);
        var facts = new List<(string, string)> { Clock(view) };
        if (request is not null)
        {
            facts.AddRange(
            [
                ("Requested by", $"{request.RequestedBy.Name}, the independent reviewer"),
                ("Reason", request.Reason),
                ("Written request", request.WrittenRequest),
                ("Proposed target date", Words.Date(request.ProposedTargetDate)),
                ("Restriction of scope", request.ScopeRestriction ?? "None"),
                ("Not agreed by", ReviewWords.Capitalised(ReviewWords.Of(request.NotAgreedBy))),
                ("Why not", request.WhyNotAgreed),
            ]);
        }

        return TaskCard.Build(
            view,
            facts,
            [
                Text("The reviewer, the Senior Investigating Officer and the Crown Prosecution Service could not agree. The final decision whether the review's timescales or scope change is yours; the review's target date moves only if you agree.", subtle: true),
                DateInput(TargetInput, "New target date (if you agree)", request is null ? "" : Iso(request.ProposedTargetDate)),
                TextInput(ChairReasonsInput, "Your reasons", "", 2000, required: true, multiline: true),
            ],
            [
                Execute("Agree the delay", DelayDecisionVerb, TaskCard.Data(view, new JsonObject { [RequestKey] = id, [DecisionKey] = "agree" }), style: "positive"),
                Execute("Refuse the delay", DelayDecisionVerb, TaskCard.Data(view, new JsonObject { [RequestKey] = id, [DecisionKey] = "refuse" })),
            ],
            "The independent reviewer, where the SIO and the CPS cannot agree",
            confidential: false);
    }

    /// <summary>The Independent Chair's decision on a request to view review material.</summary>
    public static JsonObject Disclosure(StepView view)
    {
        var id = ReviewSteps.RequestOf(view.Step.Key);
        var request = view.Case.State.DisclosureRequests.FirstOrDefault(r => r.RequestId == id);
        return TaskCard.Build(
            view,
            [("Requested by", request?.RequestedBy ?? ""), ("Material", request?.Material ?? "")],
            [
                Toggle(ReviewerConsultedInput, "Reviewer", "I consulted the reviewer", "false", required: true),
                Toggle(PoliceConsultedInput, "Police safeguarding lead", "I consulted the police safeguarding lead", "false", required: true),
                Toggle(PanelConsultedInput, "Review Panel", "I consulted the Review Panel", "false", required: true),
                Choices(GrantedInput, "Decision", [("Grant the request", "true"), ("Refuse the request", "false")], "", required: true),
                TextInput(ReasonInput, "Reasons", "", 2000, required: true, multiline: true),
            ],
            [Execute("Record the decision", DisclosureVerb, TaskCard.Data(view, new JsonObject { ["request"] = id }), style: "positive")],
            "The reviewer, for the Senior Investigating Officer or a Disclosure Officer",
            confidential: true);
    }
}
