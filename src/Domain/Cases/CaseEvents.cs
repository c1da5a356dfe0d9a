using System.Text.Json.Serialization;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Referral;

namespace ScrBot.Domain.Cases;

/// <summary>
/// A fact about a review case. A case is the stream of its facts; its state is their fold; its obligations are
/// derived from them. Facts are never edited: a correction is a new fact.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$fact")]
[JsonDerivedType(typeof(CaseReferred), "referred")]
[JsonDerivedType(typeof(CaseRoleAssigned), "roleAssigned")]
[JsonDerivedType(typeof(CaseRoleRemoved), "roleRemoved")]
[JsonDerivedType(typeof(ChairsInformed), "chairsInformed")]
[JsonDerivedType(typeof(NotifiableIncidentReported), "notifiableIncidentReported")]
[JsonDerivedType(typeof(LeadBoardHandedOver), "leadBoardHandedOver")]
[JsonDerivedType(typeof(SubgroupMeetingArranged), "subgroupMeetingArranged")]
[JsonDerivedType(typeof(PossibleDuplicateResolved), "possibleDuplicateResolved")]
[JsonDerivedType(typeof(RoutesRecorded), "routesRecorded")]
[JsonDerivedType(typeof(DirectInvolvementDeclared), "directInvolvementDeclared")]
[JsonDerivedType(typeof(SubgroupDecided), "subgroupDecided")]
[JsonDerivedType(typeof(CaseDetailsCorrected), "caseDetailsCorrected")]
[JsonDerivedType(typeof(SchoolsChecked), "schoolsChecked")]
[JsonDerivedType(typeof(InvitationsSent), "invitationsSent")]
[JsonDerivedType(typeof(AgenciesChosen), "agenciesChosen")]
[JsonDerivedType(typeof(ChildDetailsSentToPartners), "childDetailsSent")]
[JsonDerivedType(typeof(RecordsSecured), "recordsSecured")]
[JsonDerivedType(typeof(RecordCheckReturned), "recordCheckReturned")]
[JsonDerivedType(typeof(ScopingPanelScheduled), "panelScheduled")]
[JsonDerivedType(typeof(PanelMemberInvited), "panelMemberInvited")]
[JsonDerivedType(typeof(AttendanceAnswered), "attendanceAnswered")]
[JsonDerivedType(typeof(ChronologyReceived), "chronologyReceived")]
[JsonDerivedType(typeof(DisclosureOfficerDecided), "disclosureOfficerDecided")]
[JsonDerivedType(typeof(OtherPartnersDiscrepanciesSeen), "otherPartnersDiscrepanciesSeen")]
[JsonDerivedType(typeof(PanelChairAssigned), "panelChairAssigned")]
[JsonDerivedType(typeof(MinuteTakerAppointed), "minuteTakerAppointed")]
[JsonDerivedType(typeof(ConfidentialityStatementSigned), "statementSigned")]
[JsonDerivedType(typeof(ScopingPanelHeld), "panelHeld")]
[JsonDerivedType(typeof(MinutesConfirmed), "minutesConfirmed")]
[JsonDerivedType(typeof(InvitationAnswersRead), "invitationAnswersRead")]
[JsonDerivedType(typeof(SafeguardingStarted), "safeguardingStarted")]
[JsonDerivedType(typeof(ScopingPanelPostponed), "panelPostponed")]
[JsonDerivedType(typeof(PanelProceedsWithoutAgencies), "panelProceedsWithoutAgencies")]
[JsonDerivedType(typeof(ScopingPanelReconvened), "panelReconvened")]
[JsonDerivedType(typeof(RiskOfSignificantHarmIdentified), "riskOfSignificantHarm")]
[JsonDerivedType(typeof(MinutesCirculated), "minutesCirculated")]
[JsonDerivedType(typeof(RecommendationMade), "recommendationMade")]
[JsonDerivedType(typeof(ChairDecided), "chairDecided")]
[JsonDerivedType(typeof(ChairsDecisionDelegated), "chairsDecisionDelegated")]
[JsonDerivedType(typeof(SubgroupReconvenedWithChair), "subgroupReconvenedWithChair")]
[JsonDerivedType(typeof(NotificationSent), "notificationSent")]
[JsonDerivedType(typeof(ReviewerCommissioned), "reviewerCommissioned")]
[JsonDerivedType(typeof(ReviewInitiated), "reviewInitiated")]
[JsonDerivedType(typeof(ReviewerRecommended), "reviewerRecommended")]
[JsonDerivedType(typeof(ReviewerAppointmentAnswered), "reviewerAppointmentAnswered")]
[JsonDerivedType(typeof(ReviewerAppointed), "reviewerAppointed")]
[JsonDerivedType(typeof(ReviewerReplaced), "reviewerReplaced")]
[JsonDerivedType(typeof(ReviewTeamRecorded), "reviewTeamRecorded")]
[JsonDerivedType(typeof(CaseTeamRecorded), "caseTeamRecorded")]
[JsonDerivedType(typeof(TermsOfReferenceAgreed), "termsOfReferenceAgreed")]
[JsonDerivedType(typeof(ReviewDelayAgreed), "reviewDelayAgreed")]
[JsonDerivedType(typeof(ReviewCompleted), "reviewCompleted")]
[JsonDerivedType(typeof(ReportEndorsed), "reportEndorsed")]
[JsonDerivedType(typeof(PublicationPlanned), "publicationPlanned")]
[JsonDerivedType(typeof(ReportSentToNationalPanel), "reportSentToNationalPanel")]
[JsonDerivedType(typeof(ReportPublished), "reportPublished")]
[JsonDerivedType(typeof(DecidedNotToPublish), "decidedNotToPublish")]
[JsonDerivedType(typeof(ReportRemovedFromWebsite), "reportRemovedFromWebsite")]
[JsonDerivedType(typeof(ActionPlanRecommendationAdded), "actionAdded")]
[JsonDerivedType(typeof(SubgroupMeetingHeld), "subgroupMeetingHeld")]
[JsonDerivedType(typeof(ActionUpdateReported), "actionUpdateReported")]
[JsonDerivedType(typeof(ActionEscalated), "actionEscalated")]
[JsonDerivedType(typeof(ActionPlanEndorsed), "actionPlanEndorsed")]
[JsonDerivedType(typeof(FamilyCoordinatorAppointed), "familyCoordinatorAppointed")]
[JsonDerivedType(typeof(PeopleEngaged), "peopleEngaged")]
[JsonDerivedType(typeof(ReviewPanelMeetingHeld), "reviewPanelMeetingHeld")]
[JsonDerivedType(typeof(DisclosureRequested), "disclosureRequested")]
[JsonDerivedType(typeof(DisclosureDecided), "disclosureDecided")]
[JsonDerivedType(typeof(AgencyReportReceived), "agencyReportReceived")]
[JsonDerivedType(typeof(ReportSentToLibrary), "reportSentToLibrary")]
[JsonDerivedType(typeof(NationalPanelAdviceRecorded), "nationalPanelAdviceRecorded")]
[JsonDerivedType(typeof(ActionPlanEvidenceReviewed), "actionPlanEvidenceReviewed")]
[JsonDerivedType(typeof(EscalationRaised), "escalationRaised")]
[JsonDerivedType(typeof(CaseClosed), "caseClosed")]
[JsonDerivedType(typeof(AttemptRefused), "attemptRefused")]
[JsonDerivedType(typeof(ReviewDelayReferredToChair), "reviewDelayReferredToChair")]
[JsonDerivedType(typeof(ReviewDelayDecided), "reviewDelayDecided")]
[JsonDerivedType(typeof(AgencyReportDatesAgreed), "agencyReportDatesAgreed")]
[JsonDerivedType(typeof(TimescalesRequested), "timescalesRequested")]
[JsonDerivedType(typeof(TimescalesGiven), "timescalesGiven")]
public abstract record CaseEvent
{
    /// <summary>When it happened (an instant; deadlines are derived as Europe/London dates).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Who did it.</summary>
    public required Actor By { get; init; }
}

// ── Stage 1 and 2: referral and triage ─────────────────────────────────────────────────────────────────────

/// <summary>The notification form was received: the case exists from here.</summary>
public sealed record CaseReferred(
    CaseReference Reference,
    BoardId LeadBoard,
    IReadOnlyList<BoardId> CooperatingBoards,
    NotificationForm Form) : CaseEvent;

/// <summary>A person was given a role on this case (board-wide roles come from the board directory).</summary>
public sealed record CaseRoleAssigned(Actor Person, Role Role, AgencyId? Agency) : CaseEvent;

public sealed record CaseRoleRemoved(PersonId Person, Role Role) : CaseEvent;

/// <summary>The Board Manager told the Independent Chair and the Sub-group Chair of the notification (D2).</summary>
public sealed record ChairsInformed(IReadOnlyList<Actor> Informed) : CaseEvent;

/// <summary>
/// The lead board's Board Manager handed the case to another board, which leads from now on, with the reason; the
/// board handing it over cooperates.
/// </summary>
public sealed record LeadBoardHandedOver(BoardId From, BoardId To, string Reason) : CaseEvent;

/// <summary>Children's social care notified Ofsted and the board of a notifiable incident (D1).</summary>
public sealed record NotifiableIncidentReported(DateOnly ReportedOn) : CaseEvent;

/// <summary>The Board Manager decided when the sub-group meets about this case.</summary>
public sealed record SubgroupMeetingArranged(DateOnly MeetingDate, bool Extraordinary) : CaseEvent;

/// <summary>
/// The Board Manager settled a possible duplicate: the same child as <paramref name="Other"/> (the cases are linked,
/// and run on one clock: the board had notice from <paramref name="OtherReferredOn"/>, the other case's referral), or
/// not the same child.
/// </summary>
public sealed record PossibleDuplicateResolved(CaseReference Other, bool SameChild, DateOnly? OtherReferredOn = null) : CaseEvent;

/// <summary>
/// The routes the toolkit names, recorded with the case: a referral from the Child Death Overview Panel, a Domestic
/// Homicide Review (for a victim under 18 the SCR takes precedence), and parallel reviews whose leads must be engaged
/// from the scoping stage (a Youth Justice Board serious incident review, a prisons and probation ombudsman
/// investigation).
/// </summary>
public sealed record RoutesRecorded(
    bool FromChildDeathOverviewPanel,
    bool DomesticHomicideReview,
    bool YouthJusticeBoardReview,
    bool ProbationOmbudsmanInvestigation,
    string? Leads) : CaseEvent;

// ── Stage 3: sub-group decision ────────────────────────────────────────────────────────────────────────────

/// <summary>The Sub-group Chair has had direct involvement with the child: the Vice-Chair takes the decision and chairs.</summary>
public sealed record DirectInvolvementDeclared(string Details) : CaseEvent;

[JsonConverter(typeof(JsonStringEnumConverter<SubgroupOutcome>))]
public enum SubgroupOutcome
{
    ConveneScopingPanel,
    AnotherLearningReview,
    NoFurtherAction,
}

public sealed record SubgroupDecided(SubgroupOutcome Outcome, string Reasons) : CaseEvent;

// ── Stage 4: preparing the Scoping Panel ───────────────────────────────────────────────────────────────────

/// <summary>The Board Manager chose the agencies to involve (other local authorities too).</summary>
public sealed record AgenciesChosen(IReadOnlyList<AgencyId> Agencies) : CaseEvent;

/// <summary>The names of the child and significant others went to every Board partner, with the agreed time for checks (D3).</summary>
public sealed record ChildDetailsSentToPartners(IReadOnlyList<AgencyId> Partners, DateOnly ChecksDueBy) : CaseEvent
{
    /// <summary>The date the board set for the partners' records to be secured (toolkit, "Securing Agency Records").</summary>
    public DateOnly? RecordsSecuredDueBy { get; init; }
}

public sealed record RecordsSecured(AgencyId Agency) : CaseEvent;

[JsonConverter(typeof(JsonStringEnumConverter<RecordCheckResult>))]
public enum RecordCheckResult
{
    Known,
    NotKnown,
}

[JsonConverter(typeof(JsonStringEnumConverter<DiscrepancyKind>))]
public enum DiscrepancyKind
{
    DateOfBirth,
    SpellingOrAlias,
    Address,
    SignificantOtherNotIdentified,
    Other,
}

/// <summary>A difference between the agency's records and the details the board sent. Case partition only.</summary>
public sealed record Discrepancy(DiscrepancyKind Kind, string Details);

/// <summary>One row of a records check: a person named in the details sent (the child or a significant other), known or not.</summary>
public sealed record PersonCheck(string Person, RecordCheckResult Result);

/// <summary>
/// An agency's records check: one row per person (<paramref name="People"/>), the overall answer (known when anyone is
/// known), and any discrepancies. Case partition only.
/// </summary>
public sealed record RecordCheckReturned(AgencyId Agency, RecordCheckResult Result, IReadOnlyList<Discrepancy> Discrepancies, IReadOnlyList<PersonCheck>? People = null) : CaseEvent;

/// <summary>
/// The Board Manager corrected the child's details and the significant others from the partners' discrepancies; the
/// corrected details go to the partners again, whose checks are then due again. Case partition only.
/// </summary>
public sealed record CaseDetailsCorrected(ChildDetails Child, IReadOnlyList<SignificantOther> SignificantOthers) : CaseEvent;

/// <summary>The Education Safeguarding Officer checked the child's current and past schools and informed them of the scoping.</summary>
public sealed record SchoolsChecked(IReadOnlyList<string> Schools) : CaseEvent;

/// <summary>
/// The invitations to the Scoping Panel went out; <paramref name="ProceededBecause"/> is the Board Manager's recorded
/// reason when not every involved agency's information was in. The meeting's time is booked next.
/// </summary>
public sealed record InvitationsSent(string? ProceededBecause) : CaseEvent;

public sealed record ScopingPanelScheduled(DateTimeOffset Start, DateTimeOffset End, string? MeetingId) : CaseEvent
{
    /// <summary>The Teams meeting's join link; null when Teams gave none (the Board Manager is told).</summary>
    public string? JoinUrl { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<PanelCapacity>))]
public enum PanelCapacity
{
    AgencyRepresentative,
    SubgroupMember,
    Expert,
    SeniorInvestigatingOfficer,
    DisclosureOfficer,
    EducationSafeguardingOfficer,
}

/// <summary>Someone to invite who may be outside the board's directory (an expert, the SIO, a minute taker): a name and an email address.</summary>
public sealed record Invitee(string Name, string Email);

/// <summary>An invitation to the Scoping Panel, sent with the Pre-Scoping Information Request, Chronology Guidance and Template (D4 starts).</summary>
public sealed record PanelMemberInvited(Actor Member, PanelCapacity Capacity, AgencyId? Agency, string? Email) : CaseEvent;

public sealed record AttendanceAnswered(PersonId Member, bool Attending) : CaseEvent
{
    /// <summary>The deputy the member sends in their place (attending for their agency), when they send one.</summary>
    public string? Deputy { get; init; }
}

/// <summary>An invited agency sent its chronology copy before the panel (D4).</summary>
public sealed record ChronologyReceived(AgencyId Agency) : CaseEvent;

/// <summary>
/// The Senior Investigating Officer decided whether a police Disclosure Officer attends the Scoping Panel (toolkit:
/// "this decision will be made by the SIO"): <paramref name="DisclosureOfficer"/> is the officer who attends (invited
/// with this fact), or null when none does. Recorded by the SIO, or by the Board Manager for an SIO outside the
/// board's directory, who cannot be given the card in Teams.
/// </summary>
public sealed record DisclosureOfficerDecided(Actor SeniorInvestigatingOfficer, Actor? DisclosureOfficer) : CaseEvent;

/// <summary>
/// A partner's representative saw the discrepancies the other partners reported (the board alerts every partner to
/// them, including those who already returned their records check): the agency's records check stands as returned,
/// or is still to come.
/// </summary>
public sealed record OtherPartnersDiscrepanciesSeen(AgencyId Agency) : CaseEvent;

/// <summary>Who chairs the panel: the Sub-group Chair, or the Vice-Chair when the Chair had direct involvement with the child.</summary>
public sealed record PanelChairAssigned(Actor Chair, bool ViceChairOnConflictOfInterest, string? ConflictOfInterest) : CaseEvent;

/// <summary>A professional minute taker who has had no involvement with the child or family.</summary>
public sealed record MinuteTakerAppointed(Actor MinuteTaker, bool DeclaredNoInvolvement) : CaseEvent;

// ── Stage 5: the Scoping Panel meeting ─────────────────────────────────────────────────────────────────────

/// <summary>
/// The Scoping Panel Confidentiality Statement (Appendix C), signed: who, when (<see cref="CaseEvent.At"/>), which
/// statement text (version and SHA-256 hash), for which meeting.
/// </summary>
public sealed record ConfidentialityStatementSigned(PersonId Member, string StatementVersion, string StatementSha256, DateTimeOffset MeetingStart) : CaseEvent
{
    /// <summary>The full name the member typed to sign.</summary>
    public string? TypedName { get; init; }

    /// <summary>The agency the member signed for, when they represent one.</summary>
    public AgencyId? Agency { get; init; }
}

public sealed record ScopingPanelHeld(DateOnly HeldOn, IReadOnlyList<PersonId> Attended, IReadOnlyList<AgencyId> AgenciesWithoutInformation) : CaseEvent;

/// <summary>The chair reconvenes the panel, e.g. because required agencies did not bring their information.</summary>
public sealed record ScopingPanelReconvened(string Reason) : CaseEvent;

/// <summary>A child was found to be at risk of significant harm: safeguarding procedures start immediately.</summary>
public sealed record RiskOfSignificantHarmIdentified(string Details) : CaseEvent;

/// <summary>Minutes (recording any disagreements) went to every invited agency (D5).</summary>
public sealed record MinutesCirculated(DateOnly CirculatedOn, bool RecordsDisagreements) : CaseEvent
{
    /// <summary>The disagreements the minutes record, in the Board Manager's words.</summary>
    public string? Disagreements { get; init; }
}

/// <summary>Children's social care (or the Board Manager) has started safeguarding procedures on a risk of significant harm.</summary>
public sealed record SafeguardingStarted(int Concern, string Action) : CaseEvent;

/// <summary>
/// The Scoping Panel meeting booked for <paramref name="MeetingStart"/> will not go ahead (cancelled by the Board
/// Manager, or the panel chair reconvening it before it meets): it must be booked again, and attendees sign for the new one.
/// </summary>
public sealed record ScopingPanelPostponed(DateTimeOffset MeetingStart, string Reason) : CaseEvent;

/// <summary>One invitee's answer to the Outlook invitation (accepted, tentative, declined, not yet answered).</summary>
public sealed record OutlookAnswer(string Address, string Name, string Answer);

/// <summary>The invitees' answers to the Outlook invitation of the meeting booked, as read back from the calendar.</summary>
public sealed record InvitationAnswersRead(string MeetingId, IReadOnlyList<OutlookAnswer> Answers) : CaseEvent;

/// <summary>The panel chair holds the meeting as planned although nobody attends for these required agencies.</summary>
public sealed record PanelProceedsWithoutAgencies(DateTimeOffset MeetingStart, IReadOnlyList<AgencyId> Agencies) : CaseEvent;

/// <summary>An invited agency confirms that the circulated minutes are accurate.</summary>
public sealed record MinutesConfirmed(AgencyId Agency) : CaseEvent;

/// <summary>The six options the Scoping Panel may recommend to the Independent Chair.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RecommendationOption>))]
public enum RecommendationOption
{
    FormalSeriousCaseReview,
    MultiAgencyLearningReview,
    SingleAgencyLearningReview,
    OtherAuditActivity,
    ManagedThroughChildDeathOverviewPanel,
    NoFurtherAction,
}

[JsonConverter(typeof(JsonStringEnumConverter<ReviewMethodology>))]
public enum ReviewMethodology
{
    Scie,
    Silp,
    RootCauseAnalysis,
    ChildPracticeReview,
    OtherSystemsApproach,
}

/// <summary>The panel's written recommendation to the Independent Chair.</summary>
public sealed record RecommendationMade(
    RecommendationOption Option,
    ReviewMethodology? Methodology,
    bool MultiAgencyReviewCommissioned,
    IReadOnlyList<string> AreasOfFocus,
    string Rationale) : CaseEvent
{
    /// <summary>The family members the panel decided to involve, and the factors that affect their involvement.</summary>
    public FamilyInvolvement? Family { get; init; }
}

/// <summary>
/// The panel's discussion of the family's involvement (toolkit, "The Scoping Panel meeting"): which family members will be
/// involved, any factors that affect their involvement, and whether a genogram was prepared (never published).
/// </summary>
public sealed record FamilyInvolvement(string Members, string? Factors, bool GenogramPrepared);

// ── Stage 6: the Independent Chair's decision ──────────────────────────────────────────────────────────────

[JsonConverter(typeof(JsonStringEnumConverter<ChairDecisionKind>))]
public enum ChairDecisionKind
{
    Uphold,
    UpholdWithFurtherActions,
    Overrule,
}

/// <summary>
/// The Independent Chair's written decision to the Sub-group Chair. On overrule, <paramref name="DecidedOption"/> is
/// what the Chair decided instead, and the sub-group reconvenes with the Chair.
/// </summary>
public sealed record ChairDecided(
    ChairDecisionKind Decision,
    RecommendationOption DecidedOption,
    string Reasons,
    IReadOnlyList<string> FurtherActions) : CaseEvent
{
    /// <summary>
    /// Appendix B 4(b): a case that reached the Chair by another route than a notification to Ofsted, which in the
    /// Chair's view meets the criteria of 4(a)(i) or (ii): the National Panel is told of a decision not to hold an SCR.
    /// </summary>
    public bool MeetsNotificationCriteriaInChairsView { get; init; }
}

/// <summary>
/// The Independent Chair delegated the decision on the recommendation to a named person, who then decides instead
/// (and has the Independent Chair's role on this case for it).
/// </summary>
public sealed record ChairsDecisionDelegated(Actor Delegate, string Reason) : CaseEvent;

/// <summary>After the Independent Chair overruled the recommendation, the sub-group meets again with the Chair (flow chart).</summary>
public sealed record SubgroupReconvenedWithChair(DateOnly MeetingDate) : CaseEvent;

// ── Stage 7: after the decision ────────────────────────────────────────────────────────────────────────────

[JsonConverter(typeof(JsonStringEnumConverter<NotificationRecipient>))]
public enum NotificationRecipient
{
    Referrer,
    BoardPartners,
    NationalPanel,
    Ofsted,
    DepartmentForEducation,
    DirectorOfChildrensServices,
    Inspectorates,
    Coroner,
    CareQualityCommission,
    NhsEngland,
    NspccRepository,

    /// <summary>The LSCBs nominated for the case (the boards cooperating on it), given an update of the decision.</summary>
    NominatedBoards,

    /// <summary>The local Area Team, notified by the Clinical Commissioning Group; it informs the NHS Commissioning Board.</summary>
    AreaTeam,

    /// <summary>Legal advice sought from the local authority's principal solicitor or the board's adviser, where required.</summary>
    LegalAdvice,

    /// <summary>The communications and media handling coordinated by the police and the local authority, the Independent Chair as spokesperson.</summary>
    Media,

    /// <summary>The Sub-group Chair's formal letter to the Coroner that a learning review process has been instigated (the police's own notice is <see cref="Coroner"/>).</summary>
    CoronerLetter,
}

/// <summary>
/// A notification recorded after the Independent Chair's decision. On the checklist that follows a decision to hold a
/// Serious Case Review, <see cref="Agency"/> names the agency whose notice it is (its inspectorate, the police's to the
/// Coroner, the Clinical Commissioning Group's), and <see cref="NotNeeded"/> records an item that was not needed, with
/// the reason in <paramref name="Details"/> (legal advice not required, an agency with no inspectorate to tell).
/// </summary>
public sealed record NotificationSent(NotificationRecipient Recipient, DateOnly SentOn, string? Details) : CaseEvent
{
    public AgencyId? Agency { get; init; }

    public bool NotNeeded { get; init; }
}

/// <summary>
/// A reviewer commissioned by the Board Manager alone, as cases recorded it before the appointment by the Independent
/// Chair and the Director of Children's Services (<see cref="ReviewerAppointed"/>); read from stored cases.
/// </summary>
public sealed record ReviewerCommissioned(string ReviewerName, bool IndependenceConfirmed, bool FromNationalPanelList, PersonId? Reviewer) : CaseEvent;

/// <summary>The SCR commenced (D9: completion is due six months from here, per the board's profile).</summary>
public sealed record ReviewInitiated(DateOnly InitiatedOn) : CaseEvent;

/// <summary>Where a recommended reviewer comes from (flow chart, "Consider selection of lead reviewers").</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReviewerSource>))]
public enum ReviewerSource
{
    /// <summary>The list of accredited reviewers held by the National Panel of independent experts.</summary>
    NationalPanelList,

    /// <summary>A recommendation from another local authority.</summary>
    AnotherLocalAuthority,

    Other,
}

/// <summary>A reviewer proposed for the review: their name, and who they are in ScrBot when they use it (null otherwise).</summary>
public sealed record ProposedReviewer(string Name, PersonId? Person);

/// <summary>
/// The checks made before a reviewer is recommended (flow chart): relevant training and experience, references or
/// previous work reviewed, and the independence from the case of the lead reviewer (at least one reviewer).
/// </summary>
public sealed record ReviewerChecks(bool Training, bool Experience, bool ReferencesOrPreviousWork, bool Independence);

/// <summary>
/// The sub-group's recommendation of a lead reviewer (and optionally a second reviewer) to the Independent Chair and
/// the Director of Children's Services, who decide the appointment. <paramref name="Round"/> counts the
/// recommendations on this case: a declined recommendation or a replacement starts the next.
/// </summary>
public sealed record ReviewerRecommended(
    int Round,
    ProposedReviewer Lead,
    ProposedReviewer? Second,
    ReviewerSource Source,
    string? SourceDetails,
    ReviewerChecks Checks) : CaseEvent;

/// <summary>
/// The Independent Chair's or the Director of Children's Services' answer to a recommendation (<paramref name="As"/>
/// says which): agreed, or declined with reasons (the sub-group then recommends again).
/// </summary>
public sealed record ReviewerAppointmentAnswered(int Round, Role As, bool Agreed, string? Reasons) : CaseEvent;

/// <summary>Both the Independent Chair and the Director of Children's Services agreed: the reviewer(s) are appointed.</summary>
public sealed record ReviewerAppointed(int Round, ProposedReviewer Lead, ProposedReviewer? Second) : CaseEvent;

/// <summary>The appointed reviewer(s) replaced, with the written reason: the sub-group recommends a new reviewer.</summary>
public sealed record ReviewerReplaced(int Round, string Reason) : CaseEvent;

/// <summary>One organisation of the Review Team and the manager who represents it.</summary>
public sealed record ReviewTeamMember(string Organisation, string Manager);

/// <summary>
/// The Review Team agreed (flow chart): the key organisations involved in the case, each represented by a manager of
/// sufficient seniority.
/// </summary>
public sealed record ReviewTeamRecorded(IReadOnlyList<ReviewTeamMember> Members, bool SeniorityConfirmed) : CaseEvent;

/// <summary>
/// The Case Team identified (flow chart): the staff and managers directly involved in the case, and family members.
/// Names identifying the child's family: case partition only.
/// </summary>
public sealed record CaseTeamRecorded(IReadOnlyList<string> StaffAndManagers, IReadOnlyList<string> FamilyMembers) : CaseEvent;

// ── Stage 8: the review ────────────────────────────────────────────────────────────────────────────────────

/// <summary>The terms of reference agreed, with the Review Panel's members (shared with the SIO first where a criminal investigation runs).</summary>
public sealed record TermsOfReferenceAgreed(DateOnly AgreedOn, bool SharedWithSeniorInvestigatingOfficer, IReadOnlyList<string>? PanelMembers = null) : CaseEvent;

/// <summary>
/// An agreed delay (e.g. parallel criminal proceedings), recorded with the written request; or a restriction of the
/// review's scope (<paramref name="ScopeRestriction"/>). Agreed by the reviewer with the SIO and the CPS; decided by the
/// Independent Chair where they cannot agree (<paramref name="DecidedByChair"/>).
/// </summary>
public sealed record ReviewDelayAgreed(string Reason, string WrittenRequest, DateOnly NewTargetDate, string? ScopeRestriction = null, bool DecidedByChair = false) : CaseEvent;

/// <summary>The review is complete: the draft report was checked against the terms of reference and goes to the Board.</summary>
public sealed record ReviewCompleted(DateOnly CompletedOn, bool DraftCheckedAgainstTermsOfReference = true) : CaseEvent;

/// <summary>The person who coordinates all contact with the child's family during the review.</summary>
public sealed record FamilyCoordinatorAppointed(string Name) : CaseEvent;

[JsonConverter(typeof(JsonStringEnumConverter<EngagementKind>))]
public enum EngagementKind
{
    /// <summary>The family contract agreed with the family.</summary>
    FamilyContract,

    /// <summary>An update given to the family on the review's progress.</summary>
    FamilyUpdate,

    /// <summary>A family member interviewed (where a criminal case runs, only after the police safeguarding lead and the SIO are consulted).</summary>
    FamilyInterview,

    /// <summary>The final report shared with the family (when proceedings allow).</summary>
    ReportSharedWithFamily,

    /// <summary>A practitioner learning event; its list of delegates goes to the SIO.</summary>
    PractitionerLearningEvent,

    /// <summary>A one-to-one interview of a key witness.</summary>
    KeyWitnessInterview,
}

/// <summary>
/// Engagement of the family or of practitioners in the review (toolkit, "Engagement of children and family members",
/// "Practitioner engagement"), with what was checked first.
/// </summary>
public sealed record PeopleEngaged(EngagementKind Kind, DateOnly On, string Details, bool PoliceAndSioConsulted, bool DelegatesSentToSio) : CaseEvent;

/// <summary>
/// A Review Panel meeting: the family's role is a standing item; the panel considers whether immediate single-agency or
/// multi-agency action is needed (<paramref name="ImmediateAction"/>, null when none).
/// </summary>
public sealed record ReviewPanelMeetingHeld(DateOnly HeldOn, bool FamilyRoleConsidered, string? ImmediateAction) : CaseEvent;

/// <summary>A request by the SIO or a Disclosure Officer to view review material.</summary>
public sealed record DisclosureRequested(string RequestId, string RequestedBy, string Material) : CaseEvent;

/// <summary>The Independent Chair's decision on a disclosure request, after consulting the reviewer, the police safeguarding lead and the panel.</summary>
public sealed record DisclosureDecided(string RequestId, bool Granted, string Reasons) : CaseEvent;

/// <summary>An agency's report (or chronology) for the review received.</summary>
public sealed record AgencyReportReceived(AgencyId Agency, DateOnly ReceivedOn) : CaseEvent;

/// <summary>Who did not agree to a delay or restriction of scope the reviewer was asked for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DelayNotAgreedBy>))]
public enum DelayNotAgreedBy
{
    /// <summary>The Senior Investigating Officer.</summary>
    SeniorInvestigatingOfficer,

    /// <summary>The Crown Prosecution Service.</summary>
    CrownProsecutionService,

    /// <summary>Neither the Senior Investigating Officer nor the Crown Prosecution Service.</summary>
    Both,
}

/// <summary>
/// A delay or restriction of scope that the reviewer, the SIO and the CPS could not agree (toolkit, "Parallel Police
/// Investigations or Judicial Proceedings"): the request, who does not agree and why, for the Independent Chair to
/// decide. The review's target (D9) does not move until she agrees.
/// </summary>
public sealed record ReviewDelayReferredToChair(
    string RequestId,
    string Reason,
    string WrittenRequest,
    DateOnly ProposedTargetDate,
    string? ScopeRestriction,
    DelayNotAgreedBy NotAgreedBy,
    string WhyNotAgreed) : CaseEvent;

/// <summary>
/// The Independent Chair's final decision on a delay referred to her: agreed with the new target date (recorded with a
/// <see cref="ReviewDelayAgreed"/> decided by the Chair), or refused; with her reasons.
/// </summary>
public sealed record ReviewDelayDecided(string RequestId, bool Agreed, DateOnly? NewTargetDate, string Reasons) : CaseEvent;

/// <summary>The date one agency's chronology and report for the review is due.</summary>
public sealed record AgencyReportDate(AgencyId Agency, DateOnly DueOn);

/// <summary>
/// The dates agreed for the agencies' chronologies and reports ("within the agreed timescale provided by the Panel"):
/// a later date for the same agency replaces the earlier one.
/// </summary>
public sealed record AgencyReportDatesAgreed(IReadOnlyList<AgencyReportDate> Dates) : CaseEvent;

// ── Stage 9: report and publication ────────────────────────────────────────────────────────────────────────

public sealed record ReportEndorsed(DateOnly EndorsedOn) : CaseEvent;

/// <summary>The publication planning meeting set the publication date.</summary>
public sealed record PublicationPlanned(DateOnly PlannedPublicationDate, DateOnly? PlanningMeetingOn = null) : CaseEvent;

public sealed record ReportSentToNationalPanel(DateOnly SentOn) : CaseEvent;

public sealed record ReportPublished(DateOnly PublishedOn, string? Address) : CaseEvent;

public sealed record DecidedNotToPublish(string Reasons) : CaseEvent;

/// <summary>After its 12 months online the report comes off the website and is available on request.</summary>
public sealed record ReportRemovedFromWebsite(DateOnly RemovedOn) : CaseEvent;

/// <summary>A copy of the report went to the NSPCC National SCR Library.</summary>
public sealed record ReportSentToLibrary(DateOnly SentOn) : CaseEvent;

/// <summary>The National Panel's advice on a decision not to publish, as received.</summary>
public sealed record NationalPanelAdviceRecorded(string Advice) : CaseEvent;

// ── Stage 10: the action plan ──────────────────────────────────────────────────────────────────────────────

/// <summary>A SMART recommendation with an owner agency and a due date.</summary>
public sealed record ActionPlanRecommendationAdded(string ActionId, string Recommendation, AgencyId Owner, DateOnly Due, string? Outcome = null, string? Evidence = null) : CaseEvent;

/// <summary>A sub-group meeting at which action-plan progress is reported (D12).</summary>
public sealed record SubgroupMeetingHeld(DateOnly HeldOn, DateOnly? NextMeeting) : CaseEvent;

public sealed record ActionUpdateReported(string ActionId, AgencyId Agency, string Progress, bool Completed, string? Evidence = null) : CaseEvent;

[JsonConverter(typeof(JsonStringEnumConverter<EscalationLevel>))]
public enum EscalationLevel
{
    None,
    ExecutiveGroup,
    ExceptionAtBoard,
}

/// <summary>
/// An action with no update at consecutive sub-group meetings was escalated. <paramref name="RaisedBy"/> is who raises it:
/// the Sub-group Chair, or the Vice-Chair when the owner agency's representative is the Sub-group Chair.
/// </summary>
public sealed record ActionEscalated(string ActionId, EscalationLevel Level, Actor? RaisedBy = null) : CaseEvent;

/// <summary>
/// An escalation raised where it goes: at the Executive Group (the agency's SCR lead and lead board member asked for
/// timescales), or as an exception at the Board.
/// </summary>
public sealed record EscalationRaised(string ActionId, EscalationLevel Level, DateOnly RaisedOn) : CaseEvent;

/// <summary>The Sub-group Chair reviewed the evidence of completion of every action.</summary>
public sealed record ActionPlanEvidenceReviewed(DateOnly ReviewedOn) : CaseEvent;

/// <summary>
/// With an escalation to the Executive Group, the owner agency's SCR lead and its lead board member are asked for
/// timescales for completion (<paramref name="Asked"/>); <paramref name="NotNamed"/> are the roles the board's directory
/// names nobody in for the agency, so that the Board Manager can ask by other means.
/// </summary>
public sealed record TimescalesRequested(string ActionId, AgencyId Agency, IReadOnlyList<Actor> Asked, IReadOnlyList<Role> NotNamed) : CaseEvent;

/// <summary>The agency's SCR lead or lead board member gave the timescales for completing an escalated action.</summary>
public sealed record TimescalesGiven(string ActionId, AgencyId Agency, DateOnly CompleteBy, string Details) : CaseEvent;

public sealed record ActionPlanEndorsed(DateOnly EndorsedOn) : CaseEvent;

// ── Closing, and the audit of refused attempts ────────────────────────────────────────────────────────────

public sealed record CaseClosed(string Reason) : CaseEvent;

/// <summary>
/// Someone tried to do something on this case and was refused: kept in the append-only audit trail. It changes
/// nothing else.
/// </summary>
public sealed record AttemptRefused(string Attempt, string Reason) : CaseEvent
{
    /// <summary>The longest reason kept: a form with many errors is cut short here, well inside what one row can hold.</summary>
    public const int MaxReasonLength = 8_000;

    /// <summary>
    /// The one way the audit fact for a refused attempt is made: who, when, what they tried, and the refusal's words
    /// only (never the command's arguments, so a child's details typed into a refused form stay out of the trail).
    /// </summary>
    public static AttemptRefused Of(string attempt, Outcome outcome, Actor by, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(attempt);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(by);
        if (!outcome.IsRefused)
        {
            throw new ArgumentException("Only a refused attempt is audited as one.", nameof(outcome));
        }

        var reason = outcome.Explanation;
        return new AttemptRefused(attempt, reason.Length > MaxReasonLength ? reason[..MaxReasonLength] : reason) { At = at, By = by };
    }
}
