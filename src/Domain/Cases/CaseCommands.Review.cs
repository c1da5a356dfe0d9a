using ScrBot.Domain.Boards;
using ScrBot.Domain.Referral;

namespace ScrBot.Domain.Cases;

public static partial class CaseCommands
{
    private const string AfterDecision = "the Independent Chair has decided";

    // ── Stage 7: after the decision ───────────────────────────────────────────────────────────────────────

    /// <summary>
    /// Records a notification sent after the decision: to the referrer, the Board partners, the National Panel, Ofsted,
    /// the DfE, the Director of Children's Services, inspectorates, the Coroner, the CQC, NHS England, the NSPCC
    /// repository. Sent by the Board Manager, the Chairs, or an agency (police to the Coroner, the CCG to the CQC).
    /// </summary>
    public static Outcome RecordNotification(CaseState state, CommandContext context, NotificationRecipient recipient, DateOnly sentOn, string? details)
    {
        if (Check(state, context,
                "record a notification about this case",
                "A notification cannot be recorded",
                AfterDecision,
                [Who.BoardManager, Who.IndependentChair, Who.SubgroupChair, Who.SubgroupViceChair, Who.AnyAgencyRepresentative],
                Stage.AfterDecision, Stage.Review, Stage.ReportAndPublication, Stage.ActionPlan) is { } refused)
        {
            return refused;
        }

        if (!Enum.IsDefined(recipient))
        {
            return Refuse("Say who was notified.");
        }

        if (ChecklistOwnerRefusal(state, context, recipient) is { } notTheOwner)
        {
            return notTheOwner;
        }

        if (NotInFuture(sentOn, "The date the notification was sent", context) is { } future)
        {
            return Refuse(future);
        }

        var decidedOn = Calendar.LondonTime.DateOf(state.Decision!.At);
        if (sentOn < decidedOn)
        {
            return Refuse($"The notification date ({Refusals.DateWords(sentOn)}) is before the Independent Chair's decision ({Refusals.DateWords(decidedOn)}).");
        }

        if (OptionalTextProblem(details, "The notification's details") is { } tooLong)
        {
            return Refuse(tooLong);
        }

        return Accept(new NotificationSent(recipient, sentOn, string.IsNullOrWhiteSpace(details) ? null : details.Trim()) { At = context.Now, By = context.Actor });
    }

    /// <summary>The Board Manager records that the review commenced (D9 runs from here).</summary>
    public static Outcome InitiateReview(CaseState state, CommandContext context, DateOnly initiatedOn)
    {
        if (Check(state, context,
                "record that the review has started",
                "The review cannot be started",
                AfterDecision,
                [Who.BoardManager],
                Stage.AfterDecision) is { } refused)
        {
            return refused;
        }

        if (state.Reviewer is null)
        {
            return Refuse("The review cannot be started before an independent reviewer has been appointed by the Independent Chair and the Director of Children's Services.");
        }

        if (NotInFuture(initiatedOn, "The date the review started", context) is { } future)
        {
            return Refuse(future);
        }

        var decidedOn = Calendar.LondonTime.DateOf(state.Decision!.At);
        if (initiatedOn < decidedOn)
        {
            return Refuse($"The review cannot have started ({Refusals.DateWords(initiatedOn)}) before the Independent Chair's decision ({Refusals.DateWords(decidedOn)}).");
        }

        return Accept(new ReviewInitiated(initiatedOn) { At = context.Now, By = context.Actor });
    }

    // ── Stage 8: the review ───────────────────────────────────────────────────────────────────────────────

    private const string AfterInitiation = "the review has started";

    /// <summary>The terms of reference are agreed; with a criminal investigation they must first be shared with the SIO.</summary>
    public static Outcome AgreeTermsOfReference(CaseState state, CommandContext context, DateOnly agreedOn, bool sharedWithSeniorInvestigatingOfficer, IReadOnlyList<string>? panelMembers = null)
    {
        if (Check(state, context,
                "record the terms of reference",
                "The terms of reference cannot be agreed",
                AfterInitiation,
                [Who.BoardManager, Who.IndependentReviewer, Who.IndependentChair],
                Stage.Review) is { } refused)
        {
            return refused;
        }

        if (state.CriminalInvestigation && !sharedWithSeniorInvestigatingOfficer)
        {
            return Refuse("The terms of reference must be shared with the Senior Investigating Officer before they are agreed, because a criminal investigation is running.");
        }

        if (NotInFuture(agreedOn, "The date the terms of reference were agreed", context) is { } future)
        {
            return Refuse(future);
        }

        if (state.TermsOfReferenceAgreedOn is { } already)
        {
            return Refuse($"The terms of reference were already agreed on {Refusals.DateWords(already)}.");
        }

        var members = (panelMembers ?? []).Select(m => m.Trim()).Where(m => m.Length > 0).ToList();
        if (panelMembers is not null && members.Count == 0)
        {
            return Refuse("Name the Review Panel's members.", "Review Panel members");
        }

        if (members.FirstOrDefault(m => m.Length > FormLimits.Name) is { } longName)
        {
            return Refuse($"A Review Panel member's name is longer than {FormLimits.Name} characters: {longName[..20]}….");
        }

        return Accept(new TermsOfReferenceAgreed(agreedOn, sharedWithSeniorInvestigatingOfficer, panelMembers is null ? null : members) { At = context.Now, By = context.Actor });
    }

    /// <summary>
    /// A delay to the review (e.g. for parallel criminal proceedings), or a restriction of its scope, with the written
    /// request and the new target date: the reviewer records it once agreed with the SIO and the CPS. Where they cannot
    /// agree, the reviewer refers it to the Independent Chair instead (<see cref="ReferReviewDelayToChair"/>).
    /// </summary>
    public static Outcome AgreeReviewDelay(
        CaseState state,
        CommandContext context,
        string reason,
        string writtenRequest,
        DateOnly newTargetDate,
        string? scopeRestriction = null,
        bool agreedWithSioAndCps = true)
    {
        if (Check(state, context,
                "agree a delay to the review",
                "A delay cannot be agreed",
                AfterInitiation,
                [Who.IndependentReviewer],
                Stage.Review) is { } refused)
        {
            return refused;
        }

        if (!agreedWithSioAndCps)
        {
            return Refuse("A delay or a restriction of scope is agreed by the reviewer with the Senior Investigating Officer and the Crown Prosecution Service; where they cannot agree, record who does not agree and why, and the Independent Chair decides.");
        }

        if (PendingDelay(state) is { } pending)
        {
            return Refuse($"Delay request {pending.RequestId} is with the Independent Chair: she decides it first.");
        }

        if (DelayProblems(reason, writtenRequest, newTargetDate, scopeRestriction, context, "new target date") is { Count: > 0 } problems)
        {
            return Refuse(problems);
        }

        return Accept(new ReviewDelayAgreed(reason.Trim(), writtenRequest.Trim(), newTargetDate,
            string.IsNullOrWhiteSpace(scopeRestriction) ? null : scopeRestriction.Trim()) { At = context.Now, By = context.Actor });
    }

    /// <summary>
    /// A delay or restriction of scope the reviewer, the SIO and the CPS cannot agree: the reviewer records the request,
    /// who does not agree and why, and the Independent Chair decides (toolkit, "Parallel Police Investigations or
    /// Judicial Proceedings"). The target (D9) does not move until she agrees.
    /// </summary>
    public static Outcome ReferReviewDelayToChair(
        CaseState state,
        CommandContext context,
        string reason,
        string writtenRequest,
        DateOnly proposedTargetDate,
        string? scopeRestriction,
        DelayNotAgreedBy notAgreedBy,
        string whyNotAgreed)
    {
        if (Check(state, context,
                "refer a delay to the Independent Chair",
                "A delay cannot be referred to the Independent Chair",
                AfterInitiation,
                [Who.IndependentReviewer],
                Stage.Review) is { } refused)
        {
            return refused;
        }

        if (PendingDelay(state) is { } pending)
        {
            return Refuse($"Delay request {pending.RequestId} is already with the Independent Chair: she decides it first.");
        }

        var problems = DelayProblems(reason, writtenRequest, proposedTargetDate, scopeRestriction, context, "proposed target date");
        if (!Enum.IsDefined(notAgreedBy))
        {
            problems.Add(new Refusal("Say who does not agree: the Senior Investigating Officer, the Crown Prosecution Service, or both."));
        }

        if (TextProblem(whyNotAgreed, "Why they do not agree") is { } why)
        {
            problems.Add(new Refusal(why));
        }

        if (problems.Count > 0)
        {
            return Refuse(problems);
        }

        var id = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Y{state.DelayRequests.Count + 1}");
        return Accept(new ReviewDelayReferredToChair(id, reason.Trim(), writtenRequest.Trim(), proposedTargetDate,
            string.IsNullOrWhiteSpace(scopeRestriction) ? null : scopeRestriction.Trim(), notAgreedBy, whyNotAgreed.Trim()) { At = context.Now, By = context.Actor });
    }

    /// <summary>
    /// The Independent Chair's final decision on a delay the reviewer, the SIO and the CPS could not agree: agreed, with
    /// the new target date (D9 moves to it) and her reasons, or refused with her reasons (D9 stays).
    /// </summary>
    public static Outcome DecideReviewDelay(CaseState state, CommandContext context, string requestId, bool agree, DateOnly? newTargetDate, string reasons)
    {
        if (Check(state, context,
                "decide a delay to the review",
                "The delay cannot be decided",
                AfterInitiation,
                [Who.IndependentChair],
                Stage.Review) is { } refused)
        {
            return refused;
        }

        if (state.DelayRequests.FirstOrDefault(r => r.RequestId == requestId) is not { } request)
        {
            return Refuse($"There is no delay request {requestId} on this case.");
        }

        if (request.Agreed is { } decided)
        {
            return Refuse($"Delay request {requestId} was already {(decided ? "agreed" : "refused")}.");
        }

        var problems = new List<Refusal>();
        if (agree && newTargetDate is null)
        {
            problems.Add(new Refusal("Give the new target date."));
        }

        if (agree && newTargetDate is { } target && target <= context.Today)
        {
            problems.Add(new Refusal($"The new target date ({Refusals.DateWords(target)}) must be after today."));
        }

        if (TextProblem(reasons, "The Independent Chair's reasons") is { } noReasons)
        {
            problems.Add(new Refusal(noReasons));
        }

        if (problems.Count > 0)
        {
            return Refuse(problems);
        }

        var decision = new ReviewDelayDecided(requestId, agree, agree ? newTargetDate : null, reasons.Trim()) { At = context.Now, By = context.Actor };
        return agree
            ? Accept(decision, new ReviewDelayAgreed(request.Reason, request.WrittenRequest, newTargetDate!.Value, request.ScopeRestriction, DecidedByChair: true) { At = context.Now, By = context.Actor })
            : Accept(decision);
    }

    /// <summary>The delay request still with the Independent Chair, if any.</summary>
    private static DelayRequest? PendingDelay(CaseState state) => state.DelayRequests.FirstOrDefault(r => r.Agreed is null);

    private static List<Refusal> DelayProblems(string reason, string writtenRequest, DateOnly target, string? scopeRestriction, CommandContext context, string targetWords)
    {
        var problems = new List<Refusal>();
        if (TextProblem(reason, "The reason for the delay") is { } missingReason)
        {
            problems.Add(new Refusal(missingReason));
        }

        if (TextProblem(writtenRequest, "The written request for the delay") is { } missingRequest)
        {
            problems.Add(new Refusal(missingRequest));
        }

        if (OptionalTextProblem(scopeRestriction, "The restriction of scope") is { } longScope)
        {
            problems.Add(new Refusal(longScope));
        }

        if (target <= context.Today)
        {
            problems.Add(new Refusal($"The {targetWords} ({Refusals.DateWords(target)}) must be after today."));
        }

        return problems;
    }

    /// <summary>
    /// The reviewer (or the Board Manager) agrees, per agency, the date its chronology and report are due ("within the
    /// agreed timescale provided by the Panel"). A later date for the same agency replaces the earlier one.
    /// </summary>
    public static Outcome AgreeAgencyReportDates(CaseState state, CommandContext context, IReadOnlyList<AgencyReportDate> dates)
    {
        if (Check(state, context,
                "agree the dates for the agencies' reports",
                "The dates for the agencies' reports cannot be agreed",
                AfterInitiation,
                [Who.BoardManager, Who.IndependentReviewer],
                Stage.Review) is { } refused)
        {
            return refused;
        }

        ArgumentNullException.ThrowIfNull(dates);
        if (dates.Count == 0)
        {
            return Refuse("Give the date agreed for at least one agency's report.");
        }

        var problems = new List<Refusal>();
        foreach (var date in dates)
        {
            var name = AgencyOf(state, context.Directory, date.Agency)?.Name;
            if (name is null)
            {
                problems.Add(new Refusal($"Agency '{date.Agency.Value}' is not one of the agencies of this case's boards."));
            }
            else if (state.AgencyReportsReceived.Contains(date.Agency))
            {
                problems.Add(new Refusal($"{name}'s report has already been received."));
            }
            else if (date.DueOn < context.Today)
            {
                problems.Add(new Refusal($"The date for {name}'s report ({Refusals.DateWords(date.DueOn)}) is in the past."));
            }
        }

        if (dates.Select(d => d.Agency).Distinct().Count() != dates.Count)
        {
            problems.Add(new Refusal("Give one date for each agency."));
        }

        if (problems.Count > 0)
        {
            return Refuse(problems);
        }

        return Accept(new AgencyReportDatesAgreed([.. dates]) { At = context.Now, By = context.Actor });
    }

    /// <summary>The Board Manager or the reviewer names the person who coordinates all contact with the family.</summary>
    public static Outcome AppointFamilyCoordinator(CaseState state, CommandContext context, string name)
    {
        if (Check(state, context,
                "appoint the family coordinator",
                "The family coordinator cannot be appointed",
                AfterInitiation,
                [Who.BoardManager, Who.IndependentReviewer],
                Stage.Review) is { } refused)
        {
            return refused;
        }

        if (TextProblem(name, "The family coordinator's name", FormLimits.Name) is { } problem)
        {
            return Refuse(problem, "Family coordinator");
        }

        return Accept(new FamilyCoordinatorAppointed(name.Trim()) { At = context.Now, By = context.Actor });
    }

    /// <summary>
    /// The family or practitioners engaged in the review. Where a criminal case runs: a family interview only after the
    /// police safeguarding lead and the SIO have been consulted, the report shared with the family only when they
    /// confirm proceedings allow it, and a practitioner learning event's list of delegates sent to the SIO.
    /// </summary>
    public static Outcome RecordEngagement(CaseState state, CommandContext context, EngagementKind kind, DateOnly on, string details, bool policeAndSioConsulted, bool delegatesSentToSio)
    {
        if (Check(state, context,
                "record engagement in the review",
                "The engagement cannot be recorded",
                AfterInitiation,
                [Who.BoardManager, Who.IndependentReviewer],
                Stage.Review, Stage.ReportAndPublication) is { } refused)
        {
            return refused;
        }

        if (!Enum.IsDefined(kind))
        {
            return Refuse("Say what kind of engagement this was.");
        }

        var family = kind is EngagementKind.FamilyContract or EngagementKind.FamilyUpdate or EngagementKind.FamilyInterview or EngagementKind.ReportSharedWithFamily;
        if (family && state.FamilyCoordinator is null)
        {
            return Refuse("Appoint the person who coordinates contact with the family first.");
        }

        if (kind == EngagementKind.ReportSharedWithFamily && state.ReviewCompletedOn is null)
        {
            return Refuse("The final report can be shared with the family once the review is complete.");
        }

        if (state.CriminalInvestigation && kind is EngagementKind.FamilyInterview && !policeAndSioConsulted)
        {
            return Refuse("A criminal case runs: the family is interviewed only after the police safeguarding lead and the Senior Investigating Officer have been consulted.");
        }

        if (state.CriminalInvestigation && kind is EngagementKind.ReportSharedWithFamily && !policeAndSioConsulted)
        {
            return Refuse("A criminal case runs: the report is shared with the family only when the police safeguarding lead and the Senior Investigating Officer confirm proceedings allow it.");
        }

        if (state.CriminalInvestigation && kind is EngagementKind.PractitionerLearningEvent or EngagementKind.KeyWitnessInterview && !delegatesSentToSio)
        {
            return Refuse("A criminal case runs: the list of delegates (or the witness interviewed) must be sent to the Senior Investigating Officer.");
        }

        if (NotInFuture(on, "The date", context) is { } future)
        {
            return Refuse(future);
        }

        if (TextProblem(details, "What happened") is { } problem)
        {
            return Refuse(problem);
        }

        return Accept(new PeopleEngaged(kind, on, details.Trim(), policeAndSioConsulted, delegatesSentToSio) { At = context.Now, By = context.Actor });
    }

    /// <summary>
    /// A Review Panel meeting: the family's role is a standing item, and the panel says whether immediate single-agency
    /// or multi-agency action is needed.
    /// </summary>
    public static Outcome RecordReviewPanelMeeting(CaseState state, CommandContext context, DateOnly heldOn, bool familyRoleConsidered, bool? immediateActionNeeded, string? immediateAction)
    {
        if (Check(state, context,
                "record a Review Panel meeting",
                "The Review Panel meeting cannot be recorded",
                AfterInitiation,
                [Who.BoardManager, Who.IndependentReviewer],
                Stage.Review) is { } refused)
        {
            return refused;
        }

        var problems = new List<string>();
        if (!familyRoleConsidered)
        {
            problems.Add("The family's role in the review is a standing item of every Review Panel meeting: confirm it was considered.");
        }

        if (immediateActionNeeded is null)
        {
            problems.Add("Say whether immediate single-agency or multi-agency action is needed.");
        }
        else if (immediateActionNeeded == true && TextProblem(immediateAction, "The immediate action needed") is { } missing)
        {
            problems.Add(missing);
        }

        if (NotInFuture(heldOn, "The date of the Review Panel meeting", context) is { } future)
        {
            problems.Add(future);
        }

        if (problems.Count > 0)
        {
            return Refuse(problems.Select(p => new Refusal(p)).ToList());
        }

        return Accept(new ReviewPanelMeetingHeld(heldOn, true, immediateActionNeeded == true ? immediateAction!.Trim() : null) { At = context.Now, By = context.Actor });
    }

    /// <summary>Who may ask to view review material: the SIO or a Disclosure Officer.</summary>
    public static readonly IReadOnlyList<string> DisclosureRequesters = ["Senior Investigating Officer", "Disclosure Officer"];

    /// <summary>A request by the SIO or a Disclosure Officer to view review material, recorded for the Independent Chair to decide.</summary>
    public static Outcome RequestDisclosure(CaseState state, CommandContext context, string requestedBy, string material)
    {
        if (Check(state, context,
                "record a disclosure request",
                "The disclosure request cannot be recorded",
                AfterInitiation,
                [Who.BoardManager, Who.IndependentReviewer],
                Stage.Review, Stage.ReportAndPublication) is { } refused)
        {
            return refused;
        }

        if (!DisclosureRequesters.Contains(requestedBy))
        {
            return Refuse("A request to view review material comes from the Senior Investigating Officer or a Disclosure Officer.", "Requested by");
        }

        if (TextProblem(material, "The material asked for") is { } problem)
        {
            return Refuse(problem);
        }

        var id = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"R{state.DisclosureRequests.Count + 1}");
        return Accept(new DisclosureRequested(id, requestedBy, material.Trim()) { At = context.Now, By = context.Actor });
    }

    /// <summary>The Independent Chair decides a disclosure request after consulting the reviewer, the police safeguarding lead and the panel.</summary>
    public static Outcome DecideDisclosure(CaseState state, CommandContext context, string requestId, bool granted, string reasons, bool consultedReviewer, bool consultedPoliceLead, bool consultedPanel)
    {
        if (Check(state, context,
                "decide a disclosure request",
                "The disclosure request cannot be decided",
                AfterInitiation,
                [Who.IndependentChair],
                Stage.Review, Stage.ReportAndPublication) is { } refused)
        {
            return refused;
        }

        if (state.DisclosureRequests.FirstOrDefault(r => r.RequestId == requestId) is not { } request)
        {
            return Refuse($"There is no disclosure request {requestId} on this case.");
        }

        if (request.Granted is not null)
        {
            return Refuse($"Disclosure request {requestId} was already decided.");
        }

        var missing = new List<string>();
        if (!consultedReviewer)
        {
            missing.Add("the reviewer");
        }

        if (!consultedPoliceLead)
        {
            missing.Add("the police safeguarding lead");
        }

        if (!consultedPanel)
        {
            missing.Add("the Review Panel");
        }

        if (missing.Count > 0)
        {
            return Refuse($"Consult {Refusals.Both(missing)} before deciding a disclosure request.");
        }

        if (TextProblem(reasons, "The reasons for the decision") is { } problem)
        {
            return Refuse(problem);
        }

        return Accept(new DisclosureDecided(requestId, granted, reasons.Trim()) { At = context.Now, By = context.Actor });
    }

    /// <summary>
    /// An agency's chronology and report for the review received (by the date agreed for it): recorded by the reviewer or
    /// the Board Manager, or by the agency's representative from their card.
    /// </summary>
    public static Outcome ReceiveAgencyReport(CaseState state, CommandContext context, AgencyId agency, DateOnly receivedOn)
    {
        var name = AgencyOf(state, context.Directory, agency)?.Name;
        if (Check(state, context,
                "record an agency report received",
                "The agency report cannot be recorded",
                AfterInitiation,
                [Who.BoardManager, Who.IndependentReviewer, Who.RepresentativeOf(agency, name ?? agency.Value)],
                Stage.Review) is { } refused)
        {
            return refused;
        }

        if (name is null)
        {
            return Refuse($"Agency '{agency.Value}' is not one of the agencies of this case's boards.");
        }

        if (state.AgencyReportsReceived.Contains(agency))
        {
            return Refuse($"{name}'s report has already been recorded as received.");
        }

        if (NotInFuture(receivedOn, "The date the report was received", context) is { } future)
        {
            return Refuse(future);
        }

        if (state.ReviewInitiatedOn is { } started && receivedOn < started)
        {
            return Refuse($"The report cannot have been received ({Refusals.DateWords(receivedOn)}) before the review started ({Refusals.DateWords(started)}).");
        }

        return Accept(new AgencyReportReceived(agency, receivedOn) { At = context.Now, By = context.Actor });
    }

    /// <summary>The review is complete: the report goes to the Board for endorsement.</summary>
    public static Outcome CompleteReview(CaseState state, CommandContext context, DateOnly completedOn, bool draftCheckedAgainstTermsOfReference = true)
    {
        if (Check(state, context,
                "record that the review is complete",
                "The review cannot be completed",
                AfterInitiation,
                [Who.BoardManager, Who.IndependentReviewer],
                Stage.Review) is { } refused)
        {
            return refused;
        }

        if (state.TermsOfReferenceAgreedOn is null)
        {
            return Refuse("The review cannot be completed before its terms of reference have been agreed.");
        }

        if (!draftCheckedAgainstTermsOfReference)
        {
            return Refuse("Check the draft report against the terms of reference before it goes to the Board.");
        }

        if (NotInFuture(completedOn, "The date the review was completed", context) is { } future)
        {
            return Refuse(future);
        }

        if (state.ReviewInitiatedOn is { } started && completedOn < started)
        {
            return Refuse($"The review cannot have been completed ({Refusals.DateWords(completedOn)}) before it started ({Refusals.DateWords(started)}).");
        }

        return Accept(new ReviewCompleted(completedOn, true) { At = context.Now, By = context.Actor });
    }

    // ── Stage 9: report and publication ───────────────────────────────────────────────────────────────────

    private const string AfterCompletion = "the review has been completed";

    /// <summary>The Board endorses the final report.</summary>
    public static Outcome EndorseReport(CaseState state, CommandContext context, DateOnly endorsedOn)
    {
        if (Check(state, context,
                "record the Board's endorsement of the report",
                "The report cannot be endorsed",
                AfterCompletion,
                [Who.BoardManager, Who.IndependentChair],
                Stage.ReportAndPublication) is { } refused)
        {
            return refused;
        }

        if (state.ReportEndorsedOn is { } already)
        {
            return Refuse($"The report was already endorsed on {Refusals.DateWords(already)}.");
        }

        if (NotInFuture(endorsedOn, "The date the report was endorsed", context) is { } future)
        {
            return Refuse(future);
        }

        return Accept(new ReportEndorsed(endorsedOn) { At = context.Now, By = context.Actor });
    }

    /// <summary>The publication planning meeting sets the publication date (D10 counts back from it).</summary>
    public static Outcome PlanPublication(CaseState state, CommandContext context, DateOnly plannedPublicationDate, DateOnly? planningMeetingOn = null)
    {
        if (Check(state, context,
                "plan the report's publication",
                "Publication cannot be planned",
                AfterCompletion,
                [Who.BoardManager],
                Stage.ReportAndPublication) is { } refused)
        {
            return refused;
        }

        if (state.ReportEndorsedOn is null)
        {
            return Refuse("Publication cannot be planned before the Board has endorsed the report.");
        }

        if (plannedPublicationDate <= context.Today)
        {
            return Refuse($"The planned publication date ({Refusals.DateWords(plannedPublicationDate)}) must be after today.");
        }

        if (planningMeetingOn is { } meeting && NotInFuture(meeting, "The date of the publication planning meeting", context) is { } future)
        {
            return Refuse(future);
        }

        return Accept(new PublicationPlanned(plannedPublicationDate, planningMeetingOn) { At = context.Now, By = context.Actor });
    }

    /// <summary>The report goes to the National Panel, at least one week before publication.</summary>
    public static Outcome SendReportToNationalPanel(CaseState state, CommandContext context, DateOnly sentOn)
    {
        if (Check(state, context,
                "record that the report was sent to the National Panel",
                "The report cannot be recorded as sent to the National Panel",
                AfterCompletion,
                [Who.BoardManager],
                Stage.ReportAndPublication) is { } refused)
        {
            return refused;
        }

        if (state.ReportEndorsedOn is null)
        {
            return Refuse("The report cannot be sent to the National Panel before the Board has endorsed it.");
        }

        if (NotInFuture(sentOn, "The date the report was sent", context) is { } future)
        {
            return Refuse(future);
        }

        return Accept(new ReportSentToNationalPanel(sentOn) { At = context.Now, By = context.Actor });
    }

    /// <summary>The report is published on the board's website (at least one week after it went to the National Panel).</summary>
    public static Outcome PublishReport(CaseState state, CommandContext context, DateOnly publishedOn, string? address)
    {
        if (Check(state, context,
                "record the report's publication",
                "The report cannot be published",
                AfterCompletion,
                [Who.BoardManager],
                Stage.ReportAndPublication) is { } refused)
        {
            return refused;
        }

        if (state.PlannedPublicationDate is null)
        {
            return Refuse("The report cannot be published before publication has been planned.");
        }

        if (state.ReportSentToNationalPanelOn is not { } sent)
        {
            return Refuse("The report cannot be published before it has been sent to the National Panel, at least one week before publication.");
        }

        if (NotInFuture(publishedOn, "The publication date", context) is { } future)
        {
            return Refuse(future);
        }

        if (publishedOn < sent.AddDays(7))
        {
            return Refuse($"The report must go to the National Panel at least one week before publication: it was sent on {Refusals.DateWords(sent)}, so the earliest publication date is {Refusals.DateWords(sent.AddDays(7))}.");
        }

        if (OptionalTextProblem(address, "The web address", 2000) is { } tooLong)
        {
            return Refuse(tooLong);
        }

        return Accept(new ReportPublished(publishedOn, string.IsNullOrWhiteSpace(address) ? null : address.Trim()) { At = context.Now, By = context.Actor });
    }

    /// <summary>The Independent Chair decides not to publish the report, with reasons (the National Panel is told).</summary>
    public static Outcome DecideNotToPublish(CaseState state, CommandContext context, string reasons)
    {
        if (Check(state, context,
                "decide not to publish the report",
                "A decision not to publish cannot be recorded",
                AfterCompletion,
                [Who.IndependentChair],
                Stage.ReportAndPublication) is { } refused)
        {
            return refused;
        }

        if (TextProblem(reasons, "The reasons for not publishing") is { } problem)
        {
            return Refuse(problem);
        }

        return Accept(new DecidedNotToPublish(reasons.Trim()) { At = context.Now, By = context.Actor });
    }

    /// <summary>The report comes off the website: not before it has been there for 12 months (D11).</summary>
    public static Outcome RemoveReportFromWebsite(CaseState state, CommandContext context, DateOnly removedOn)
    {
        if (Check(state, context,
                "record that the report was removed from the website",
                "The report cannot be removed from the website",
                "it has been published",
                [Who.BoardManager],
                Stage.ActionPlan, Stage.Closed) is { } refused)
        {
            return refused;
        }

        if (state.ReportPublishedOn is not { } published)
        {
            return Refuse("The report cannot be removed from the website because it was not published.");
        }

        if (state.ReportRemovedOn is { } already)
        {
            return Refuse($"The report was already removed from the website on {Refusals.DateWords(already)}.");
        }

        if (NotInFuture(removedOn, "The date the report was removed", context) is { } future)
        {
            return Refuse(future);
        }

        var earliest = published.AddMonths(12);
        if (removedOn < earliest)
        {
            return Refuse($"The report must stay on the website for at least 12 months: it was published on {Refusals.DateWords(published)}, so it can be removed from {Refusals.DateWords(earliest)}.");
        }

        return Accept(new ReportRemovedFromWebsite(removedOn) { At = context.Now, By = context.Actor });
    }

    /// <summary>A copy of the published report goes to the NSPCC National SCR Library.</summary>
    public static Outcome SendReportToLibrary(CaseState state, CommandContext context, DateOnly sentOn)
    {
        if (Check(state, context,
                "record the copy sent to the NSPCC National SCR Library",
                "The copy to the library cannot be recorded",
                "it has been published",
                [Who.BoardManager],
                Stage.ActionPlan, Stage.Closed) is { } refused)
        {
            return refused;
        }

        if (state.ReportPublishedOn is not { } published)
        {
            return Refuse("A copy goes to the NSPCC National SCR Library once the report is published.");
        }

        if (state.ReportSentToLibraryOn is { } already)
        {
            return Refuse($"A copy was already sent to the library on {Refusals.DateWords(already)}.");
        }

        if (NotInFuture(sentOn, "The date the copy was sent", context) is { } future)
        {
            return Refuse(future);
        }

        if (sentOn < published)
        {
            return Refuse($"The copy ({Refusals.DateWords(sentOn)}) cannot have gone before publication ({Refusals.DateWords(published)}).");
        }

        return Accept(new ReportSentToLibrary(sentOn) { At = context.Now, By = context.Actor });
    }

    /// <summary>The National Panel's advice on a decision not to publish, as received (recorded by the Board Manager).</summary>
    public static Outcome RecordNationalPanelAdvice(CaseState state, CommandContext context, string advice)
    {
        if (Check(state, context,
                "record the National Panel's advice",
                "The National Panel's advice cannot be recorded",
                "a decision not to publish has been made",
                [Who.BoardManager],
                Stage.ActionPlan, Stage.Closed) is { } refused)
        {
            return refused;
        }

        if (state.NotPublishedReasons is null)
        {
            return Refuse("The National Panel's advice is asked for on a decision not to publish; the report was not decided against publication.");
        }

        if (state.NationalPanelAdvice is not null)
        {
            return Refuse("The National Panel's advice is already recorded.");
        }

        if (TextProblem(advice, "The National Panel's advice") is { } problem)
        {
            return Refuse(problem);
        }

        return Accept(new NationalPanelAdviceRecorded(advice.Trim()) { At = context.Now, By = context.Actor });
    }
}
