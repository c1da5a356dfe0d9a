using System.Text.Json.Serialization;

namespace ScrBot.Domain.Boards;

/// <summary>A Local Safeguarding Children Board, e.g. "staffordshire".</summary>
[JsonConverter(typeof(BoardIdJson))]
public readonly record struct BoardId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>A partner agency of a board (children's social care, police, a health trust, a school, probation, YOS, ...).</summary>
[JsonConverter(typeof(AgencyIdJson))]
public readonly record struct AgencyId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>A person, identified by their Microsoft Entra object id.</summary>
[JsonConverter(typeof(PersonIdJson))]
public readonly record struct PersonId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>Who did something: the person and the name they were known by at the time.</summary>
public sealed record Actor(PersonId Id, string Name);

/// <summary>The kinds of partner agency the toolkit names.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AgencyKind>))]
public enum AgencyKind
{
    ChildrensSocialCare,
    Police,
    Health,
    Education,
    Probation,
    YouthOffendingService,
    VoluntarySector,
    Other,
}

/// <summary>The roles of the review process (process.md, "Roles").</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Role>))]
public enum Role
{
    Referrer,
    BoardManager,
    SubgroupChair,
    SubgroupViceChair,
    IndependentChair,
    AgencyRepresentative,
    PanelMember,
    MinuteTaker,

    /// <summary>
    /// The reviewer who leads a review, given on the case once appointed. In the board's directory: a reviewer the board
    /// may commission who has an account in the organisation's Teams, offered when a reviewer is recommended; they hold
    /// no role on any case until appointed to it.
    /// </summary>
    IndependentReviewer,
    EducationSafeguardingOfficer,

    /// <summary>
    /// An officer of children's social care the board names to notify Ofsted and the board of notifiable incidents
    /// (the toolkit names different officers for each board). Holds a role on the board's notifiable incidents.
    /// </summary>
    NotifyingOfficer,

    /// <summary>The Board Manager of a board that cooperates on a case another board leads: sees the case and is told of it.</summary>
    CooperatingBoardManager,

    /// <summary>
    /// An agency's SCR representative lead (toolkit, "Learning Review Action Plan &amp; Escalation Process"): named per
    /// agency in the board's directory; asked for timescales when the agency's action is escalated to the Executive Group.
    /// </summary>
    AgencyScrLead,

    /// <summary>An agency's lead board member: named per agency in the board's directory; asked for timescales with the SCR lead.</summary>
    AgencyLeadBoardMember,

    /// <summary>
    /// A police Senior Investigating Officer the board's directory names, so that the Board Manager can invite them to
    /// the Scoping Panel when a criminal investigation runs and they get their task in Teams (the SIO decides whether a
    /// Disclosure Officer attends). Holds no role on any case until invited.
    /// </summary>
    SeniorInvestigatingOfficer,

    /// <summary>
    /// The local authority's Director of Children's Services (the flow chart's Director CAH): decides, with the
    /// Independent Chair, the appointment of the reviewer the sub-group recommends. Holds a role on the board's cases on
    /// which a reviewer has been recommended.
    /// </summary>
    DirectorOfChildrensServices,
}
