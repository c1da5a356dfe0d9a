using System.Text.Json.Serialization;
using ScrBot.Domain.Boards;

namespace ScrBot.Domain.Referral;

/// <summary>
/// The Joint LSCB Notification Form (toolkit Appendix C no. 1): a case which may meet the criteria for a
/// Serious Case Review, as a senior manager in a partner agency refers it to the board.
/// </summary>
public sealed record NotificationForm(
    ReferrerDetails Referrer,
    ChildDetails Child,
    IncidentDetails Incident,
    IReadOnlyList<SignificantOther> SignificantOthers,
    IReadOnlyList<AgencyInvolvement> AgenciesInvolved,
    IReadOnlyList<BoardId> OtherBoardsInvolved,
    ParallelProcesses ParallelProcesses)
{
    /// <summary>
    /// Youth Offending Service serious incidents are sent to the board "for information only" (toolkit Appendix D):
    /// recorded and seen by the Board Manager, without the deadlines of a referral (the YOS Management Board and the
    /// YJB keep the governance of the YOS learning review).
    /// </summary>
    public bool ForInformationOnly => Referrer.Source == ReferralSource.YouthOffendingSeriousIncident;

    /// <summary>
    /// The board that leads: "the LSCB for the area in which the child is or was normally resident", and for a
    /// looked-after child the board of the responsible local authority; the referrer's board when the form names
    /// neither as a board of this deployment.
    /// </summary>
    public BoardId LeadBoard =>
        Child.LookedAfter && Child.ResponsibleAuthorityBoard is { } authority ? authority : Child.HomeBoard ?? Referrer.Board;

    /// <summary>The boards that cooperate: the referrer's board when another leads, and every other board named.</summary>
    public IReadOnlyList<BoardId> CooperatingBoards =>
        [.. new[] { Referrer.Board }.Concat(OtherBoardsInvolved).Where(b => b != LeadBoard && !string.IsNullOrEmpty(b.Value)).Distinct()];
}

/// <summary>Where the referral comes from (toolkit stage 1): an agency, or one of the routes that feed the board.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReferralSource>))]
public enum ReferralSource
{
    Agency,
    ChildDeathOverviewPanel,
    DomesticHomicideReview,
    YouthOffendingSeriousIncident,
}

public sealed record ReferrerDetails(
    string Name,
    string Role,
    AgencyId? Agency,
    string? OtherAgencyName,
    string Contact,
    bool SeniorLeadsAware,
    BoardId Board,
    ReferralSource Source = ReferralSource.Agency);

[JsonConverter(typeof(JsonStringEnumConverter<Gender>))]
public enum Gender
{
    Female,
    Male,
    Other,
    NotKnown,
}

/// <summary>
/// The child's identifying details. These stay in the case partition and are shown only to people with a role
/// on the case.
/// </summary>
public sealed record ChildDetails(
    string Name,
    IReadOnlyList<string> OtherNames,
    DateOnly? DateOfBirth,
    int? ApproximateAgeYears,
    Gender Gender,
    string Address,
    string? Ethnicity,
    bool LookedAfter,
    string? ResponsibleAuthority,
    ChildProtectionPlan ChildProtectionPlan,
    bool InRegulatedSetting,
    CustodyStatus Custody,
    BoardId? HomeBoard = null,
    BoardId? ResponsibleAuthorityBoard = null);

[JsonConverter(typeof(JsonStringEnumConverter<ChildProtectionPlan>))]
public enum ChildProtectionPlan
{
    Never,
    Current,
    Previous,
    NotKnown,
}

/// <summary>The circumstances in which the toolkit says an SCR should always be carried out when the child dies.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CustodyStatus>))]
public enum CustodyStatus
{
    None,
    InCustody,
    DetainedUnderMentalHealthAct,
    DeprivationOfLibertyOrderAged16Or17,
}

[JsonConverter(typeof(JsonStringEnumConverter<IncidentKind>))]
public enum IncidentKind
{
    Died,
    SuspectedSuicide,
    SeriouslyHarmed,
    Other,
}

[JsonConverter(typeof(JsonStringEnumConverter<AbuseOrNeglect>))]
public enum AbuseOrNeglect
{
    Known,
    Suspected,
    NotSuspected,
}

/// <summary>What the referrer says about how the agencies worked together.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InterAgencyConcern>))]
public enum InterAgencyConcern
{
    /// <summary>There is cause for concern about how the agencies worked together.</summary>
    Concerns,

    /// <summary>Not known yet: under Regulation 5(2) an SCR must be commissioned unless there is definitive evidence of no concerns.</summary>
    NotKnown,

    /// <summary>There is definitive evidence that there are no concerns about inter-agency working.</summary>
    DefinitiveEvidenceOfNoConcerns,
}

public sealed record IncidentDetails(
    IncidentKind Kind,
    DateOnly Date,
    DateOnly DateAgencyBecameAware,
    AbuseOrNeglect AbuseOrNeglect,
    string Description,
    InterAgencyConcern InterAgencyConcern,
    string? InterAgencyConcernDetails,
    DateOnly? DateChildrensSocialCareAware = null)
{
    /// <summary>
    /// The day children's social care became aware of the incident, from which it has five working days to notify
    /// Ofsted and the board of a notifiable incident (D1): the date the form gives (its own awareness date when the
    /// referrer is from children's social care), else the day the referral reached the board, the latest it can have
    /// become aware.
    /// </summary>
    public DateOnly ChildrensSocialCareAwareOn(DateOnly referralReceivedOn) => DateChildrensSocialCareAware ?? referralReceivedOn;
}

public sealed record SignificantOther(string Name, string Relationship, DateOnly? DateOfBirth);

public sealed record AgencyInvolvement(AgencyId? Agency, string? OtherAgencyName, string? Involvement);

/// <summary>Processes running beside the review (toolkit "Parallel processes").</summary>
public sealed record ParallelProcesses(
    bool CriminalInvestigation,
    string? SeniorInvestigatingOfficerContact,
    bool DomesticHomicideReview,
    bool ChildDeathReview,
    bool YouthOffendingSeriousIncident,
    bool Coroner,
    bool Disciplinary,
    bool FamilyCourt,
    string? Details);
