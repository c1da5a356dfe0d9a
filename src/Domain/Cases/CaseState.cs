using System.Collections.Immutable;
using System.Text.Json.Serialization;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Referral;

namespace ScrBot.Domain.Cases;

/// <summary>A person's role on one case.</summary>
public sealed record CaseRole(Actor Person, Role Role, AgencyId? Agency);

/// <summary>An agency's answer to the records check: the latest one counts (a correction is a new answer).</summary>
public sealed record RecordCheck(AgencyId Agency, RecordCheckResult Result, ImmutableList<Discrepancy> Discrepancies, DateTimeOffset At, Actor By)
{
    /// <summary>One row per person checked.</summary>
    public ImmutableList<PersonCheck> People { get; init; } = [];
}

/// <summary>A possible duplicate the Board Manager settled: the same child or not, who and when.</summary>
public sealed record DuplicateResolution(CaseReference Other, bool SameChild, DateTimeOffset At, Actor By);

/// <summary>The routes recorded with the case (see <see cref="RoutesRecorded"/>).</summary>
public sealed record CaseRoutes(
    bool FromChildDeathOverviewPanel,
    bool DomesticHomicideReview,
    bool YouthJusticeBoardReview,
    bool ProbationOmbudsmanInvestigation,
    string? Leads,
    DateTimeOffset At,
    Actor By);

/// <summary>When the Scoping Panel meets (the meeting a confidentiality statement is signed for).</summary>
public sealed record PanelMeeting(DateTimeOffset Start, DateTimeOffset End, string? MeetingId, string? JoinUrl = null);

/// <summary>An invitation to the Scoping Panel and the member's answer (null until they answer).</summary>
public sealed record PanelInvitation(Actor Member, PanelCapacity Capacity, AgencyId? Agency, string? Email, DateTimeOffset InvitedAt, bool? Attending, string? Deputy = null);

/// <summary>The Senior Investigating Officer's decision whether a Disclosure Officer attends the Scoping Panel (null: none attends).</summary>
public sealed record DisclosureOfficerDecision(Actor SeniorInvestigatingOfficer, Actor? DisclosureOfficer, DateTimeOffset At, Actor By);

/// <summary>When a partner last saw the discrepancies the other partners reported, and who saw them.</summary>
public sealed record DiscrepancyAlertSeen(AgencyId Agency, DateTimeOffset At, Actor By);

/// <summary>A signed Scoping Panel Confidentiality Statement: who, when, which text, for which meeting.</summary>
public sealed record StatementSignature(PersonId Member, string StatementVersion, string StatementSha256, DateTimeOffset MeetingStart, DateTimeOffset SignedAt);

/// <summary>The Scoping Panel meeting as held.</summary>
public sealed record PanelMeetingHeld(DateOnly HeldOn, ImmutableList<PersonId> Attended, ImmutableList<AgencyId> AgenciesWithoutInformation, DateTimeOffset RecordedAt);

/// <summary>A concern that a child is at risk of significant harm: safeguarding procedures start at once.</summary>
public sealed record SignificantHarmConcern(string Details, DateTimeOffset At, Actor By, string? ActedOn = null);

/// <summary>The Scoping Panel's written recommendation to the Independent Chair.</summary>
public sealed record PanelRecommendation(
    RecommendationOption Option,
    ReviewMethodology? Methodology,
    bool MultiAgencyReviewCommissioned,
    ImmutableList<string> AreasOfFocus,
    string Rationale,
    DateTimeOffset At,
    Actor By,
    FamilyInvolvement? Family = null);

/// <summary>The Independent Chair's written decision.</summary>
public sealed record ChairDecision(
    ChairDecisionKind Decision,
    RecommendationOption DecidedOption,
    string Reasons,
    ImmutableList<string> FurtherActions,
    DateTimeOffset At,
    Actor By);

/// <summary>A notification sent after the decision (or later, e.g. to the NSPCC repository).</summary>
public sealed record SentNotification(NotificationRecipient Recipient, DateOnly SentOn, string? Details, DateTimeOffset At, Actor By)
{
    /// <summary>The agency whose notice it is, on the checklist after a decision to hold a Serious Case Review.</summary>
    public AgencyId? Agency { get; init; }

    /// <summary>Recorded as not needed, with the reason in <see cref="Details"/>.</summary>
    public bool NotNeeded { get; init; }
}

/// <summary>The lead reviewer appointed for the review (and the second reviewer, when one was appointed with them).</summary>
public sealed record CommissionedReviewer(string Name, bool IndependenceConfirmed, bool FromNationalPanelList, PersonId? Person, DateTimeOffset At)
{
    public ProposedReviewer? Second { get; init; }
}

/// <summary>The Independent Chair's or the Director of Children's Services' answer to a recommended reviewer.</summary>
public sealed record AppointmentAnswer(bool Agreed, string? Reasons, DateTimeOffset At, Actor By);

/// <summary>An appointed reviewer replaced: why, when and by whom.</summary>
public sealed record ReviewerReplacement(string Reason, DateTimeOffset At, Actor By);

/// <summary>
/// One recommendation of a reviewer and what became of it: the answers of the Independent Chair and the Director of
/// Children's Services, the appointment once both agreed, the National Panel told who was appointed, a replacement.
/// Every round is kept, in order.
/// </summary>
public sealed record ReviewerRound(
    int Round,
    ProposedReviewer Lead,
    ProposedReviewer? Second,
    ReviewerSource Source,
    string? SourceDetails,
    ReviewerChecks Checks,
    DateTimeOffset RecommendedAt,
    Actor RecommendedBy)
{
    public AppointmentAnswer? Chair { get; init; }

    public AppointmentAnswer? Director { get; init; }

    public DateTimeOffset? AppointedAt { get; init; }

    /// <summary>The National Panel told who was appointed (null until told).</summary>
    public SentNotification? NationalPanelTold { get; init; }

    public ReviewerReplacement? Replaced { get; init; }

    /// <summary>The Chair or the Director declined: the sub-group recommends again.</summary>
    [JsonIgnore]
    public bool Declined => Chair?.Agreed == false || Director?.Agreed == false;

    /// <summary>Waiting for the Chair's and the Director's answers.</summary>
    [JsonIgnore]
    public bool Awaiting => AppointedAt is null && !Declined;

    /// <summary>Appointed and not replaced.</summary>
    [JsonIgnore]
    public bool Appointed => AppointedAt is not null && Replaced is null;

    /// <summary>The answer given by the Independent Chair or the Director of Children's Services.</summary>
    public AppointmentAnswer? AnswerOf(Role role) => role == Role.IndependentChair ? Chair : role == Role.DirectorOfChildrensServices ? Director : null;

    /// <summary>The lead reviewer, then the second reviewer when there is one.</summary>
    [JsonIgnore]
    public IReadOnlyList<ProposedReviewer> Reviewers => Second is null ? [Lead] : [Lead, Second];
}

/// <summary>The Review Team as recorded: the organisations and their managers.</summary>
public sealed record ReviewTeam(ImmutableList<ReviewTeamMember> Members, bool SeniorityConfirmed, DateTimeOffset At, Actor By);

/// <summary>The Case Team as recorded: staff and managers directly involved, and family members (identifying).</summary>
public sealed record CaseTeam(ImmutableList<string> StaffAndManagers, ImmutableList<string> FamilyMembers, DateTimeOffset At, Actor By);

/// <summary>An agreed delay to the review, with the written request.</summary>
public sealed record AgreedDelay(string Reason, string WrittenRequest, DateOnly NewTargetDate, DateTimeOffset At, Actor By);

/// <summary>A progress update on an action-plan recommendation, by the owner agency.</summary>
public sealed record ActionUpdate(AgencyId Agency, string Progress, bool Completed, DateTimeOffset At, Actor By, int Sequence);

/// <summary>A SMART recommendation of the action plan, with its update history and escalation.</summary>
public sealed record ActionPlanItem(
    string ActionId,
    string Recommendation,
    AgencyId Owner,
    DateOnly Due,
    DateTimeOffset AddedAt,
    int AddedSequence,
    ImmutableList<ActionUpdate> Updates,
    EscalationLevel Escalation,
    string? Outcome = null,
    string? Evidence = null,
    ImmutableList<EscalationLevel>? EscalationHistory = null,
    ImmutableList<EscalationLevel>? RaisedLevels = null)
{
    /// <summary>The escalations raised at the Executive Group or the Board.</summary>
    [JsonIgnore]
    public IReadOnlyList<EscalationLevel> Raised => RaisedLevels ?? [];

    /// <summary>Every escalation this action has had, in order: a later update does not erase them.</summary>
    [JsonIgnore]
    public IReadOnlyList<EscalationLevel> Escalations => EscalationHistory ?? [];

    [JsonIgnore]
    public bool Completed => Updates.Any(u => u.Completed);
}

/// <summary>A request to view review material and, once decided, the Independent Chair's decision.</summary>
public sealed record DisclosureRequest(string RequestId, string RequestedBy, string Material, bool? Granted, string? Reasons);

/// <summary>A delay the reviewer, the SIO and the CPS could not agree, with the Independent Chair's decision once made.</summary>
public sealed record DelayRequest(
    string RequestId,
    string Reason,
    string WrittenRequest,
    DateOnly ProposedTargetDate,
    string? ScopeRestriction,
    DelayNotAgreedBy NotAgreedBy,
    string WhyNotAgreed,
    Actor RequestedBy,
    bool? Agreed = null,
    DateOnly? NewTargetDate = null,
    string? ChairReasons = null);

/// <summary>
/// Timescales asked of an agency's SCR lead and lead board member for an escalated action, and the answer once given.
/// <paramref name="Number"/> counts the requests for that action (1, 2, …).
/// </summary>
public sealed record TimescaleRequest(
    string ActionId,
    AgencyId Agency,
    int Number,
    IReadOnlyList<Actor> Asked,
    IReadOnlyList<Role> NotNamed,
    DateTimeOffset At,
    DateOnly? CompleteBy = null,
    string? Details = null,
    Actor? GivenBy = null,
    DateTimeOffset? GivenAt = null);

/// <summary>A sub-group meeting at which action-plan progress is reported.</summary>
public sealed record ActionPlanMeeting(DateOnly HeldOn, DateOnly? NextMeeting, DateTimeOffset At, int Sequence);

/// <summary>
/// The state of a review case: nothing but the fold of its facts. It is serialised as the case's snapshot, and a
/// snapshot is always equal to <see cref="Fold"/> of the stored facts. Holds a child's details (in <see cref="Form"/>):
/// it lives in the case partition only.
/// </summary>
public sealed record CaseState
{
    public static readonly CaseState Empty = new();

    public CaseReference? Reference { get; init; }

    public BoardId LeadBoard { get; init; }

    public ImmutableList<BoardId> CooperatingBoards { get; init; } = [];

    public Stage Stage { get; init; } = Stage.Referral;

    /// <summary>How many facts have been folded in (the case's version).</summary>
    public int Version { get; init; }

    public DateTimeOffset? ReferredAt { get; init; }

    public NotificationForm? Form { get; init; }

    public ImmutableList<CaseRole> Roles { get; init; } = [];

    // ── Triage ──

    /// <summary>Who the Board Manager informed of the notification (the Independent Chair and the Sub-group Chair).</summary>
    public ImmutableList<Actor> ChairsInformed { get; init; } = [];

    public DateTimeOffset? ChairsInformedAt { get; init; }

    /// <summary>The date children's social care notified Ofsted and the board of a notifiable incident.</summary>
    public DateOnly? NotifiableIncidentReportedOn { get; init; }

    public DateOnly? SubgroupMeetingDate { get; init; }

    public bool SubgroupMeetingExtraordinary { get; init; }

    /// <summary>Possible duplicates the Board Manager settled.</summary>
    public ImmutableList<DuplicateResolution> DuplicateResolutions { get; init; } = [];

    /// <summary>The other case about the same child, when a possible duplicate was confirmed (the cases are linked).</summary>
    public CaseReference? SameChildAs { get; init; }

    public CaseRoutes? Routes { get; init; }

    // ── Sub-group decision ──

    /// <summary>What the Sub-group Chair declared of their direct involvement with the child (the Vice-Chair then acts).</summary>
    public string? SubgroupChairInvolvement { get; init; }

    public SubgroupOutcome? SubgroupOutcome { get; init; }

    public string? SubgroupReasons { get; init; }

    public DateTimeOffset? SubgroupDecidedAt { get; init; }

    // ── Preparing the Scoping Panel ──

    public ImmutableList<AgencyId> ChosenAgencies { get; init; } = [];

    /// <summary>The Board partners sent the names of the child and significant others.</summary>
    public ImmutableList<AgencyId> PartnersSentChildDetails { get; init; } = [];

    public DateOnly? RecordChecksDueBy { get; init; }

    /// <summary>The date the board set for the partners' records to be secured (the record-check date when none was set).</summary>
    public DateOnly? RecordsSecuredDueBy { get; init; }

    public DateTimeOffset? ChildDetailsSentAt { get; init; }

    public ImmutableList<AgencyId> RecordsSecuredBy { get; init; } = [];

    /// <summary>When the Board Manager last corrected the case's details; a records check returned before it is due again.</summary>
    public DateTimeOffset? DetailsCorrectedAt { get; init; }

    /// <summary>The schools the Education Safeguarding Officer checked and informed (null until done).</summary>
    public ImmutableList<string>? SchoolsChecked { get; init; }

    public DateTimeOffset? InvitationsSentAt { get; init; }

    /// <summary>The Board Manager's reason for inviting before every involved agency's information was in.</summary>
    public string? InvitationsProceededBecause { get; init; }

    /// <summary>Each partner's latest answer to the records check.</summary>
    public ImmutableList<RecordCheck> RecordChecks { get; init; } = [];

    /// <summary>The Scoping Panel meeting as scheduled now (cleared when the panel reconvenes until it is rescheduled).</summary>
    public PanelMeeting? ScheduledPanel { get; init; }

    public ImmutableList<PanelInvitation> Invitations { get; init; } = [];

    public ImmutableList<AgencyId> ChronologiesReceived { get; init; } = [];

    public Actor? PanelChair { get; init; }

    public bool PanelChairIsViceChair { get; init; }

    public string? PanelChairConflictOfInterest { get; init; }

    public Actor? MinuteTaker { get; init; }

    /// <summary>The Senior Investigating Officer's decision whether a Disclosure Officer attends (null until decided).</summary>
    public DisclosureOfficerDecision? DisclosureOfficerDecision { get; init; }

    /// <summary>When each partner last saw the discrepancies the other partners reported.</summary>
    public ImmutableList<DiscrepancyAlertSeen> DiscrepancyAlertsSeen { get; init; } = [];

    // ── The Scoping Panel meeting ──

    /// <summary>Every confidentiality statement signed on this case, for every meeting.</summary>
    public ImmutableList<StatementSignature> Signatures { get; init; } = [];

    /// <summary>The current Scoping Panel meeting as held (cleared when the panel reconvenes).</summary>
    public PanelMeetingHeld? PanelHeld { get; init; }

    /// <summary>Every Scoping Panel meeting held on this case, in order (kept when the panel reconvenes).</summary>
    public ImmutableList<PanelMeetingHeld> PanelMeetingsHeld { get; init; } = [];

    public ImmutableList<string> ReconveneReasons { get; init; } = [];

    public ImmutableList<SignificantHarmConcern> SignificantHarmConcerns { get; init; } = [];

    public DateOnly? MinutesCirculatedOn { get; init; }

    public bool MinutesRecordDisagreements { get; init; }

    public string? MinutesDisagreements { get; init; }

    /// <summary>The invitees' answers to the Outlook invitation of the meeting booked, as last read from the calendar.</summary>
    public ImmutableList<OutlookAnswer> OutlookAnswers { get; init; } = [];

    /// <summary>The meetings (by start) the panel chair holds as planned although a required agency has nobody attending.</summary>
    public ImmutableList<DateTimeOffset> ProceedingWithout { get; init; } = [];

    /// <summary>Whether the panel chair decided to hold the meeting starting then although an agency has nobody attending.</summary>
    public bool AbsencesAccepted(DateTimeOffset meetingStart) => ProceedingWithout.Contains(meetingStart);

    /// <summary>The invited agencies that confirmed the circulated minutes are accurate.</summary>
    public ImmutableList<AgencyId> MinutesConfirmedBy { get; init; } = [];

    public PanelRecommendation? Recommendation { get; init; }

    // ── The Independent Chair's decision and after ──

    public ChairDecision? Decision { get; init; }

    /// <summary>Who the Independent Chair delegated the decision to (they decide instead), and when.</summary>
    public Actor? DecisionDelegate { get; init; }

    public DateTimeOffset? DecisionDelegatedAt { get; init; }

    /// <summary>When the sub-group meets again with the Independent Chair after an overrule.</summary>
    public DateOnly? ReconvenedWithChairOn { get; init; }

    public ImmutableList<SentNotification> Notifications { get; init; } = [];

    /// <summary>The appointed lead reviewer (null before the appointment, and again once replaced until the next).</summary>
    public CommissionedReviewer? Reviewer { get; init; }

    /// <summary>Every recommendation of a reviewer on this case and what became of it, in order.</summary>
    public ImmutableList<ReviewerRound> ReviewerRounds { get; init; } = [];

    public ReviewTeam? ReviewTeam { get; init; }

    public CaseTeam? CaseTeam { get; init; }

    public DateOnly? ReviewInitiatedOn { get; init; }

    // ── The review ──

    public DateOnly? TermsOfReferenceAgreedOn { get; init; }

    public bool TermsOfReferenceSharedWithSeniorInvestigatingOfficer { get; init; }

    public ImmutableList<AgreedDelay> Delays { get; init; } = [];

    public ImmutableList<string> ReviewPanelMembers { get; init; } = [];

    public string? FamilyCoordinator { get; init; }

    public ImmutableList<PeopleEngaged> Engagements { get; init; } = [];

    public ImmutableList<ReviewPanelMeetingHeld> ReviewPanelMeetings { get; init; } = [];

    public ImmutableList<DisclosureRequest> DisclosureRequests { get; init; } = [];

    public ImmutableList<AgencyId> AgencyReportsReceived { get; init; } = [];

    /// <summary>The date agreed for each agency's chronology and report (the latest agreed for each).</summary>
    public ImmutableList<AgencyReportDate> AgencyReportDates { get; init; } = [];

    /// <summary>Delays referred to the Independent Chair because the reviewer, the SIO and the CPS could not agree.</summary>
    public ImmutableList<DelayRequest> DelayRequests { get; init; } = [];

    public bool DraftCheckedAgainstTermsOfReference { get; init; }

    public DateOnly? ReviewCompletedOn { get; init; }

    // ── Report and publication ──

    public DateOnly? ReportEndorsedOn { get; init; }

    public DateOnly? PlannedPublicationDate { get; init; }

    public DateOnly? ReportSentToNationalPanelOn { get; init; }

    public DateOnly? ReportPublishedOn { get; init; }

    public string? ReportAddress { get; init; }

    public string? NotPublishedReasons { get; init; }

    public DateOnly? ReportRemovedOn { get; init; }

    public DateOnly? PublicationPlanningMeetingOn { get; init; }

    public DateOnly? ReportSentToLibraryOn { get; init; }

    public string? NationalPanelAdvice { get; init; }

    // ── The action plan ──

    public ImmutableList<ActionPlanItem> Actions { get; init; } = [];

    /// <summary>Timescales asked of the agencies' SCR leads and lead board members for escalated actions.</summary>
    public ImmutableList<TimescaleRequest> TimescaleRequests { get; init; } = [];

    public ImmutableList<ActionPlanMeeting> ActionPlanMeetings { get; init; } = [];

    public DateOnly? ActionPlanEndorsedOn { get; init; }

    public DateOnly? ActionPlanEvidenceReviewedOn { get; init; }

    // ── Closing ──

    public string? ClosedReason { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public bool Exists => Reference is not null;

    public bool HasRole(PersonId person) => Roles.Any(r => r.Person.Id == person);

    public bool HasRole(PersonId person, Role role) => Roles.Any(r => r.Person.Id == person && r.Role == role);

    /// <summary>Whether a criminal investigation runs in parallel (the SIO must then be invited to the Scoping Panel).</summary>
    [JsonIgnore]
    public bool CriminalInvestigation => Form?.ParallelProcesses.CriminalInvestigation ?? false;

    /// <summary>The decision's option: what the Independent Chair decided, when decided.</summary>
    [JsonIgnore]
    public RecommendationOption? DecidedOption => Decision?.DecidedOption;

    /// <summary>
    /// What the Independent Chair is asked to decide on: the Scoping Panel's recommendation, or (before any panel) the
    /// sub-group's recommendation not to convene one: another learning review (a multi-agency learning review, one of
    /// the toolkit's six options) or no further action. Null when nothing waits for the Chair's decision.
    /// </summary>
    [JsonIgnore]
    public RecommendationOption? RecommendedOption =>
        Recommendation?.Option ?? SubgroupOutcome switch
        {
            Cases.SubgroupOutcome.AnotherLearningReview => RecommendationOption.MultiAgencyLearningReview,
            Cases.SubgroupOutcome.NoFurtherAction => RecommendationOption.NoFurtherAction,
            _ => null,
        };

    public PanelInvitation? InvitationOf(PersonId person) => Invitations.FirstOrDefault(i => i.Member.Id == person);

    public RecordCheck? RecordCheckOf(AgencyId agency) => RecordChecks.FirstOrDefault(c => c.Agency == agency);

    public ActionPlanItem? Action(string actionId) => Actions.FirstOrDefault(a => a.ActionId == actionId);

    /// <summary>Whether this person signed the confidentiality statement for the Scoping Panel meeting now scheduled.</summary>
    public bool HasSignedForScheduledPanel(PersonId person) =>
        ScheduledPanel is { } panel && Signatures.Any(s => s.Member == person && s.MeetingStart == panel.Start);

    /// <summary>A notifiable serious child care incident (see <see cref="Criteria.CriteriaAssessment.IsNotifiableIncident"/>).</summary>
    public bool IsNotifiableIncident => Criteria.CriteriaAssessment.IsNotifiableIncident(Form, NotifiableIncidentReportedOn);

    public bool WasNotified(NotificationRecipient recipient) => Notifications.Any(n => n.Recipient == recipient);

    /// <summary>The latest recommendation of a reviewer, whatever became of it; null before any.</summary>
    [JsonIgnore]
    public ReviewerRound? CurrentReviewerRound => ReviewerRounds.LastOrDefault();

    /// <summary>Whether the Independent Chair decided to hold a review led by a reviewer: a Serious Case Review or a multi-agency learning review.</summary>
    [JsonIgnore]
    public bool ReviewDecided => DecidedOption is RecommendationOption.FormalSeriousCaseReview or RecommendationOption.MultiAgencyLearningReview;

    public static CaseState Fold(IEnumerable<CaseEvent> facts) => facts.Aggregate(Empty, (state, fact) => state.Apply(fact));

    public CaseState Apply(CaseEvent fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        var sequence = Version + 1;
        var next = fact switch
        {
            CaseReferred referred => this with
            {
                Reference = referred.Reference,
                LeadBoard = referred.LeadBoard,
                CooperatingBoards = [.. referred.CooperatingBoards],
                ReferredAt = referred.At,
                Form = referred.Form,
                Stage = Stage.Triage,
                Roles = Roles.Add(new CaseRole(referred.By, Role.Referrer, referred.Form.Referrer.Agency)),
            },
            CaseRoleAssigned assigned => Roles.Any(r => r.Person.Id == assigned.Person.Id && r.Role == assigned.Role && r.Agency == assigned.Agency)
                ? this
                : this with { Roles = Roles.Add(new CaseRole(assigned.Person, assigned.Role, assigned.Agency)) },
            CaseRoleRemoved removed => this with { Roles = Roles.RemoveAll(r => r.Person.Id == removed.Person && r.Role == removed.Role) },

            ChairsInformed informed => this with
            {
                ChairsInformed = ChairsInformed.AddRange(informed.Informed.Where(a => !ChairsInformed.Any(c => c.Id == a.Id))),
                ChairsInformedAt = ChairsInformedAt ?? informed.At,
            },
            NotifiableIncidentReported reported => this with { NotifiableIncidentReportedOn = reported.ReportedOn },
            LeadBoardHandedOver handed => this with
            {
                LeadBoard = handed.To,
                CooperatingBoards = [.. CooperatingBoards.Where(b => b != handed.To).Append(handed.From).Distinct()],
            },
            SubgroupMeetingArranged arranged => this with
            {
                SubgroupMeetingDate = arranged.MeetingDate,
                SubgroupMeetingExtraordinary = arranged.Extraordinary,
                Stage = Stage == Stage.Triage ? Stage.SubgroupDecision : Stage,
            },
            PossibleDuplicateResolved resolved => this with
            {
                DuplicateResolutions = DuplicateResolutions.RemoveAll(d => d.Other == resolved.Other)
                    .Add(new DuplicateResolution(resolved.Other, resolved.SameChild, resolved.At, resolved.By)),
                SameChildAs = resolved.SameChild ? resolved.Other : SameChildAs == resolved.Other ? null : SameChildAs,
            },
            RoutesRecorded routes => this with
            {
                Routes = new CaseRoutes(routes.FromChildDeathOverviewPanel, routes.DomesticHomicideReview, routes.YouthJusticeBoardReview,
                    routes.ProbationOmbudsmanInvestigation, routes.Leads, routes.At, routes.By),
            },
            DirectInvolvementDeclared involvement => this with { SubgroupChairInvolvement = involvement.Details },
            SubgroupDecided decided => this with
            {
                SubgroupOutcome = decided.Outcome,
                SubgroupReasons = decided.Reasons,
                SubgroupDecidedAt = decided.At,

                // Not convening is a recommendation to the Independent Chair, who makes the final decision: the case waits for the Chair.
                Stage = decided.Outcome == Cases.SubgroupOutcome.ConveneScopingPanel ? Stage.PreparingScopingPanel : Stage.IndependentChairDecision,
            },

            AgenciesChosen chosen => this with { ChosenAgencies = Union(ChosenAgencies, chosen.Agencies) },
            ChildDetailsSentToPartners sent => this with
            {
                PartnersSentChildDetails = Union(PartnersSentChildDetails, sent.Partners),
                RecordChecksDueBy = sent.ChecksDueBy,
                RecordsSecuredDueBy = sent.RecordsSecuredDueBy ?? RecordsSecuredDueBy ?? sent.ChecksDueBy,
                ChildDetailsSentAt = ChildDetailsSentAt ?? sent.At,
            },
            RecordsSecured secured => this with { RecordsSecuredBy = Union(RecordsSecuredBy, [secured.Agency]) },
            RecordCheckReturned check => this with
            {
                RecordChecks = RecordChecks
                    .RemoveAll(c => c.Agency == check.Agency)
                    .Add(new RecordCheck(check.Agency, check.Result, [.. check.Discrepancies], check.At, check.By) { People = [.. check.People ?? []] }),
            },
            CaseDetailsCorrected corrected => this with
            {
                Form = Form is null ? null : Form with { Child = corrected.Child, SignificantOthers = [.. corrected.SignificantOthers] },
                DetailsCorrectedAt = corrected.At,
            },
            SchoolsChecked schools => this with { SchoolsChecked = [.. schools.Schools] },
            InvitationsSent sent => this with { InvitationsSentAt = sent.At, InvitationsProceededBecause = sent.ProceededBecause },
            ScopingPanelScheduled scheduled => Scheduled(scheduled),
            PanelMemberInvited invited => this with
            {
                Invitations = Invitations
                    .RemoveAll(i => i.Member.Id == invited.Member.Id)
                    .Add(new PanelInvitation(invited.Member, invited.Capacity, invited.Agency, invited.Email, invited.At, null)),
            },
            AttendanceAnswered answered => this with
            {
                Invitations = Invitations.Select(i => i.Member.Id == answered.Member ? i with { Attending = answered.Attending, Deputy = answered.Attending ? answered.Deputy : null } : i).ToImmutableList(),
            },
            ChronologyReceived chronology => this with { ChronologiesReceived = Union(ChronologiesReceived, [chronology.Agency]) },
            DisclosureOfficerDecided decided => this with
            {
                DisclosureOfficerDecision = new DisclosureOfficerDecision(decided.SeniorInvestigatingOfficer, decided.DisclosureOfficer, decided.At, decided.By),
            },
            OtherPartnersDiscrepanciesSeen seen => this with
            {
                DiscrepancyAlertsSeen = DiscrepancyAlertsSeen.RemoveAll(a => a.Agency == seen.Agency).Add(new DiscrepancyAlertSeen(seen.Agency, seen.At, seen.By)),
            },
            PanelChairAssigned chair => this with
            {
                PanelChair = chair.Chair,
                PanelChairIsViceChair = chair.ViceChairOnConflictOfInterest,
                PanelChairConflictOfInterest = chair.ConflictOfInterest,
            },
            MinuteTakerAppointed minuteTaker => this with
            {
                MinuteTaker = minuteTaker.MinuteTaker,
                Roles = HasRole(minuteTaker.MinuteTaker.Id, Role.MinuteTaker)
                    ? Roles
                    : Roles.Add(new CaseRole(minuteTaker.MinuteTaker, Role.MinuteTaker, null)),
            },

            ConfidentialityStatementSigned signed => this with
            {
                Signatures = Signatures.Add(new StatementSignature(signed.Member, signed.StatementVersion, signed.StatementSha256, signed.MeetingStart, signed.At)),
            },
            ScopingPanelHeld held => HeldPanel(held),
            ScopingPanelReconvened reconvened => this with
            {
                ReconveneReasons = ReconveneReasons.Add(reconvened.Reason),
                PanelHeld = null,
                ScheduledPanel = null,
                MinutesCirculatedOn = null,
                MinutesRecordDisagreements = false,
                MinutesConfirmedBy = [],
                Invitations = Invitations.Select(i => i with { Attending = null }).ToImmutableList(),
                Stage = Stage.PreparingScopingPanel,
            },
            RiskOfSignificantHarmIdentified risk => this with
            {
                SignificantHarmConcerns = SignificantHarmConcerns.Add(new SignificantHarmConcern(risk.Details, risk.At, risk.By)),
            },
            MinutesCirculated minutes => this with
            {
                MinutesCirculatedOn = minutes.CirculatedOn,
                MinutesRecordDisagreements = minutes.RecordsDisagreements,
                MinutesDisagreements = minutes.Disagreements,
            },
            ScopingPanelPostponed => this with
            {
                ScheduledPanel = null,
                Invitations = Invitations.Select(i => i with { Attending = null, Deputy = null }).ToImmutableList(),
            },
            InvitationAnswersRead read => this with { OutlookAnswers = ScheduledPanel?.MeetingId == read.MeetingId ? [.. read.Answers] : OutlookAnswers },
            PanelProceedsWithoutAgencies proceeds => this with { ProceedingWithout = ProceedingWithout.Add(proceeds.MeetingStart) },
            SafeguardingStarted started => this with
            {
                SignificantHarmConcerns = SignificantHarmConcerns.Select((c, i) => i == started.Concern ? c with { ActedOn = started.Action } : c).ToImmutableList(),
            },
            MinutesConfirmed confirmed => this with { MinutesConfirmedBy = Union(MinutesConfirmedBy, [confirmed.Agency]) },
            RecommendationMade made => this with
            {
                Recommendation = new PanelRecommendation(made.Option, made.Methodology, made.MultiAgencyReviewCommissioned, [.. made.AreasOfFocus],
                    made.Rationale, made.At, made.By, made.Family),
                Stage = Stage.IndependentChairDecision,
            },

            ChairDecided decided => this with
            {
                Decision = new ChairDecision(decided.Decision, decided.DecidedOption, decided.Reasons, [.. decided.FurtherActions], decided.At, decided.By),
                Stage = Stage.AfterDecision,
            },
            ChairsDecisionDelegated delegated => this with
            {
                DecisionDelegate = delegated.Delegate,
                DecisionDelegatedAt = delegated.At,
                Roles = HasRole(delegated.Delegate.Id, Role.IndependentChair)
                    ? Roles
                    : Roles.Add(new CaseRole(delegated.Delegate, Role.IndependentChair, null)),
            },
            SubgroupReconvenedWithChair reconvened => this with { ReconvenedWithChairOn = reconvened.MeetingDate },
            NotificationSent sent => this with
            {
                Notifications = Notifications.Add(new SentNotification(sent.Recipient, sent.SentOn, sent.Details, sent.At, sent.By) { Agency = sent.Agency, NotNeeded = sent.NotNeeded }),
                ReviewerRounds = sent.Recipient == NotificationRecipient.NationalPanel && CurrentReviewerRound is { Appointed: true, NationalPanelTold: null } told
                    ? ReviewerRounds.Replace(told, told with { NationalPanelTold = new SentNotification(sent.Recipient, sent.SentOn, sent.Details, sent.At, sent.By) { Agency = sent.Agency, NotNeeded = sent.NotNeeded } })
                    : ReviewerRounds,
            },
            ReviewerCommissioned commissioned => this with
            {
                Reviewer = new CommissionedReviewer(commissioned.ReviewerName, commissioned.IndependenceConfirmed, commissioned.FromNationalPanelList,
                    commissioned.Reviewer, commissioned.At),
            },
            ReviewInitiated initiated => this with { ReviewInitiatedOn = initiated.InitiatedOn, Stage = Stage.Review },
            ReviewerRecommended recommended => this with
            {
                ReviewerRounds = ReviewerRounds.Add(new ReviewerRound(recommended.Round, recommended.Lead, recommended.Second, recommended.Source,
                    recommended.SourceDetails, recommended.Checks, recommended.At, recommended.By)),
            },
            ReviewerAppointmentAnswered answered => WithRound(answered.Round, round => answered.As == Role.IndependentChair
                ? round with { Chair = new AppointmentAnswer(answered.Agreed, answered.Reasons, answered.At, answered.By) }
                : round with { Director = new AppointmentAnswer(answered.Agreed, answered.Reasons, answered.At, answered.By) }),
            ReviewerAppointed appointed => WithRound(appointed.Round, round => round with { AppointedAt = appointed.At }) with
            {
                Reviewer = ReviewerRounds.FirstOrDefault(r => r.Round == appointed.Round) is { } round
                    ? new CommissionedReviewer(appointed.Lead.Name, round.Checks.Independence, round.Source == ReviewerSource.NationalPanelList, appointed.Lead.Person, appointed.At)
                    {
                        Second = appointed.Second,
                    }
                    : Reviewer,
            },
            ReviewerReplaced replaced => WithRound(replaced.Round, round => round with { Replaced = new ReviewerReplacement(replaced.Reason, replaced.At, replaced.By) }) with
            {
                Reviewer = null,
            },
            ReviewTeamRecorded team => this with { ReviewTeam = new ReviewTeam([.. team.Members], team.SeniorityConfirmed, team.At, team.By) },
            CaseTeamRecorded team => this with { CaseTeam = new CaseTeam([.. team.StaffAndManagers], [.. team.FamilyMembers], team.At, team.By) },

            TermsOfReferenceAgreed terms => this with
            {
                TermsOfReferenceAgreedOn = terms.AgreedOn,
                TermsOfReferenceSharedWithSeniorInvestigatingOfficer = terms.SharedWithSeniorInvestigatingOfficer,
                ReviewPanelMembers = [.. terms.PanelMembers ?? []],
            },
            FamilyCoordinatorAppointed coordinator => this with { FamilyCoordinator = coordinator.Name },
            PeopleEngaged engaged => this with { Engagements = Engagements.Add(engaged) },
            ReviewPanelMeetingHeld panelMeeting => this with { ReviewPanelMeetings = ReviewPanelMeetings.Add(panelMeeting) },
            DisclosureRequested request => this with
            {
                DisclosureRequests = DisclosureRequests.Add(new DisclosureRequest(request.RequestId, request.RequestedBy, request.Material, null, null)),
            },
            DisclosureDecided disclosure => this with
            {
                DisclosureRequests = DisclosureRequests.Select(r => r.RequestId == disclosure.RequestId ? r with { Granted = disclosure.Granted, Reasons = disclosure.Reasons } : r)
                    .ToImmutableList(),
            },
            AgencyReportReceived report => this with { AgencyReportsReceived = AgencyReportsReceived.Contains(report.Agency) ? AgencyReportsReceived : AgencyReportsReceived.Add(report.Agency) },
            ReviewDelayReferredToChair referred => this with
            {
                DelayRequests = DelayRequests.Add(new DelayRequest(referred.RequestId, referred.Reason, referred.WrittenRequest, referred.ProposedTargetDate,
                    referred.ScopeRestriction, referred.NotAgreedBy, referred.WhyNotAgreed, referred.By)),
            },
            ReviewDelayDecided decided => this with
            {
                DelayRequests = DelayRequests.Select(r => r.RequestId == decided.RequestId
                    ? r with { Agreed = decided.Agreed, NewTargetDate = decided.NewTargetDate, ChairReasons = decided.Reasons }
                    : r).ToImmutableList(),
            },
            AgencyReportDatesAgreed dates => this with
            {
                AgencyReportDates = AgencyReportDates.Where(d => dates.Dates.All(n => n.Agency != d.Agency)).Concat(dates.Dates).ToImmutableList(),
            },
            TimescalesRequested requested => this with
            {
                TimescaleRequests = TimescaleRequests.Add(new TimescaleRequest(requested.ActionId, requested.Agency,
                    TimescaleRequests.Count(r => r.ActionId == requested.ActionId) + 1, requested.Asked, requested.NotNamed, requested.At)),
            },
            TimescalesGiven given => this with
            {
                TimescaleRequests = TimescaleRequests.Select(r => r.ActionId == given.ActionId && r.GivenAt is null
                    ? r with { CompleteBy = given.CompleteBy, Details = given.Details, GivenBy = given.By, GivenAt = given.At }
                    : r).ToImmutableList(),
            },
            ReviewDelayAgreed delay => this with
            {
                Delays = Delays.Add(new AgreedDelay(delay.Reason, delay.WrittenRequest, delay.NewTargetDate, delay.At, delay.By)),
            },
            ReviewCompleted completed => this with
            {
                ReviewCompletedOn = completed.CompletedOn,
                DraftCheckedAgainstTermsOfReference = completed.DraftCheckedAgainstTermsOfReference,
                Stage = Stage.ReportAndPublication,
            },

            ReportEndorsed endorsed => this with { ReportEndorsedOn = endorsed.EndorsedOn },
            PublicationPlanned planned => this with { PlannedPublicationDate = planned.PlannedPublicationDate, PublicationPlanningMeetingOn = planned.PlanningMeetingOn },
            ReportSentToNationalPanel sent => this with { ReportSentToNationalPanelOn = sent.SentOn },
            ReportPublished published => this with
            {
                ReportPublishedOn = published.PublishedOn,
                ReportAddress = published.Address,
                Stage = Stage == Stage.ReportAndPublication ? Stage.ActionPlan : Stage,
            },
            DecidedNotToPublish notPublished => this with
            {
                NotPublishedReasons = notPublished.Reasons,
                Stage = Stage == Stage.ReportAndPublication ? Stage.ActionPlan : Stage,
            },
            ReportRemovedFromWebsite removed => this with { ReportRemovedOn = removed.RemovedOn },
            ReportSentToLibrary library => this with { ReportSentToLibraryOn = library.SentOn },
            NationalPanelAdviceRecorded advice => this with { NationalPanelAdvice = advice.Advice },

            ActionPlanRecommendationAdded added => this with
            {
                Actions = Actions.Add(new ActionPlanItem(added.ActionId, added.Recommendation, added.Owner, added.Due, added.At, sequence, [], EscalationLevel.None, added.Outcome, added.Evidence)),
            },
            SubgroupMeetingHeld meeting => this with
            {
                ActionPlanMeetings = ActionPlanMeetings.Add(new ActionPlanMeeting(meeting.HeldOn, meeting.NextMeeting, meeting.At, sequence)),
            },
            ActionUpdateReported update => this with
            {
                Actions = Actions.Select(a => a.ActionId == update.ActionId
                        ? a with
                        {
                            Updates = a.Updates.Add(new ActionUpdate(update.Agency, update.Progress, update.Completed, update.At, update.By, sequence)),
                            Escalation = EscalationLevel.None,
                        }
                        : a)
                    .ToImmutableList(),
            },
            ActionEscalated escalated => this with
            {
                Actions = Actions.Select(a => a.ActionId == escalated.ActionId
                        ? a with { Escalation = escalated.Level, EscalationHistory = (a.EscalationHistory ?? []).Add(escalated.Level) }
                        : a)
                    .ToImmutableList(),
            },
            ActionPlanEndorsed endorsed => this with { ActionPlanEndorsedOn = endorsed.EndorsedOn },
            EscalationRaised raised => this with
            {
                Actions = Actions.Select(a => a.ActionId == raised.ActionId ? a with { RaisedLevels = (a.RaisedLevels ?? []).Add(raised.Level) } : a).ToImmutableList(),
            },
            ActionPlanEvidenceReviewed reviewed => this with { ActionPlanEvidenceReviewedOn = reviewed.ReviewedOn },

            CaseClosed closed => this with { ClosedReason = closed.Reason, ClosedAt = closed.At, Stage = Stage.Closed },
            _ => this,
        };
        return next with { Version = sequence };
    }

    /// <summary>
    /// The Scoping Panel booked, or moved to another time. A move asks every invitee again, as Outlook does (Graph resets
    /// the attendees' responses when an event's time changes): the answers given for the old time no longer hold, in
    /// Outlook or in ScrBot.
    /// </summary>
    private CaseState Scheduled(ScopingPanelScheduled scheduled)
    {
        var moved = ScheduledPanel is { } current && (current.Start != scheduled.Start || current.End != scheduled.End);
        return this with
        {
            ScheduledPanel = new PanelMeeting(scheduled.Start, scheduled.End, scheduled.MeetingId, scheduled.JoinUrl),
            OutlookAnswers = ScheduledPanel?.MeetingId == scheduled.MeetingId && !moved ? OutlookAnswers : [],
            Invitations = moved ? Invitations.Select(i => i with { Attending = null, Deputy = null }).ToImmutableList() : Invitations,
        };
    }

    private CaseState WithRound(int number, Func<ReviewerRound, ReviewerRound> change) => this with
    {
        ReviewerRounds = ReviewerRounds.Select(r => r.Round == number ? change(r) : r).ToImmutableList(),
    };

    private CaseState HeldPanel(ScopingPanelHeld held)
    {
        var meeting = new PanelMeetingHeld(held.HeldOn, [.. held.Attended], [.. held.AgenciesWithoutInformation], held.At);
        return this with
        {
            PanelHeld = meeting,
            PanelMeetingsHeld = PanelMeetingsHeld.Add(meeting),
            Stage = Stage.ScopingPanel,
        };
    }

    private static ImmutableList<T> Union<T>(ImmutableList<T> existing, IEnumerable<T> more) =>
        existing.AddRange(more.Distinct().Where(m => !existing.Contains(m)));
}
