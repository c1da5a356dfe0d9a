using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Referral;

namespace ScrBot.Domain.Tests.Cases;

/// <summary>Two boards with their agencies and people, a valid notification form, and the actors who use them.</summary>
internal static class Samples
{
    public static readonly BoardId Staffordshire = new("staffordshire");
    public static readonly BoardId Stoke = new("stoke");

    public static readonly AgencyId Csc = new("csc");
    public static readonly AgencyId Police = new("police");
    public static readonly AgencyId Health = new("health");
    public static readonly AgencyId Education = new("education");

    public static readonly Actor Referrer = new(new PersonId("aad-referrer"), "Pat Referrer");
    public static readonly Actor Manager = new(new PersonId("aad-manager"), "Morgan Manager");
    public static readonly Actor IndependentChair = new(new PersonId("aad-ichair"), "Indira Chair");
    public static readonly Actor SubgroupChair = new(new PersonId("aad-sgchair"), "Sam Subgroup");
    public static readonly Actor ViceChair = new(new PersonId("aad-vice"), "Val Vice");
    public static readonly Actor PoliceRep = new(new PersonId("aad-police"), "Pete Police");
    public static readonly Actor HealthRep = new(new PersonId("aad-health"), "Hana Health");
    public static readonly Actor CscRep = new(new PersonId("aad-csc"), "Cass Social");
    public static readonly Actor Expert = new(new PersonId("aad-expert"), "Dr Exa Expert");
    public static readonly Actor Sio = new(new PersonId("aad-sio"), "DI Sian Officer");
    public static readonly Actor MinuteTaker = new(new PersonId("aad-minutes"), "Min Taker");
    public static readonly Actor EducationOfficer = new(new PersonId("aad-eso"), "Esme Education");
    public static readonly Actor Stranger = new(new PersonId("aad-stranger"), "Stan Stranger");
    public static readonly Actor StokeManager = new(new PersonId("aad-stoke-manager"), "Stella Stoke");
    public static readonly Actor PoliceScrLead = new(new PersonId("aad-police-scr-lead"), "Lena Lead");
    public static readonly Actor PoliceLeadBoardMember = new(new PersonId("aad-police-board"), "Bernard Board");
    public static readonly Actor Director = new(new PersonId("aad-director"), "Dana Director");
    public static readonly Actor Reviewer = new(new PersonId("aad-reviewer"), "Rita Reviewer");

    public static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 30, 0, TimeSpan.Zero);

    public static readonly DateOnly Today = new(2026, 3, 10);

    public static readonly CaseReference Reference = new(2026, 7);

    public static BoardDirectory TwoBoards { get; } = new(
    [
        new Board(
            Staffordshire,
            "Staffordshire Safeguarding Children Board",
            [
                new Agency(Csc, "Children's Social Care", AgencyKind.ChildrensSocialCare),
                new Agency(Police, "Staffordshire Police", AgencyKind.Police),
                new Agency(Health, "Midlands Partnership NHS Trust", AgencyKind.Health),
                new Agency(Education, "Education Safeguarding", AgencyKind.Education),
            ],
            [
                Member(Manager, Role.BoardManager, null),
                Member(IndependentChair, Role.IndependentChair, null),
                Member(SubgroupChair, Role.SubgroupChair, Health),
                Member(SubgroupChair, Role.AgencyRepresentative, Health),
                Member(ViceChair, Role.SubgroupViceChair, Police),
                Member(PoliceRep, Role.AgencyRepresentative, Police),
                Member(HealthRep, Role.AgencyRepresentative, Health),
                Member(CscRep, Role.AgencyRepresentative, Csc),
                Member(EducationOfficer, Role.EducationSafeguardingOfficer, Education),
                Member(PoliceScrLead, Role.AgencyScrLead, Police),
                Member(PoliceLeadBoardMember, Role.AgencyLeadBoardMember, Police),
                Member(Director, Role.DirectorOfChildrensServices, null),
                Member(Reviewer, Role.IndependentReviewer, null),
            ],
            "19:channel@thread.tacv2"),
        new Board(
            Stoke,
            "Stoke-on-Trent Safeguarding Children Board",
            [new Agency(Csc, "Stoke Children's Social Care", AgencyKind.ChildrensSocialCare)],
            [Member(StokeManager, Role.BoardManager, null)],
            null),
    ]);

    public static CommandContext As(Actor actor, DateTimeOffset? at = null) => new(actor, at ?? Now, TwoBoards);

    public static NotificationForm Form() => new(
        new ReferrerDetails("Pat Referrer", "Head of Service", Csc, null, "pat@example.org", true, Staffordshire),
        new ChildDetails("Child A", ["Alias B"], new DateOnly(2015, 3, 4), null, Gender.Female, "1 High Street, Stafford", null,
            false, null, ChildProtectionPlan.Current, false, CustodyStatus.None),
        new IncidentDetails(IncidentKind.Died, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2), AbuseOrNeglect.Suspected,
            "Child A was found unresponsive at home.", InterAgencyConcern.Concerns, "Referrals were not shared between agencies."),
        [new SignificantOther("Parent C", "Mother", new DateOnly(1990, 6, 1))],
        [new AgencyInvolvement(Police, null, "Attended two domestic incidents.")],
        [Stoke],
        new ParallelProcesses(true, "DI Sian Officer, 01785 000000", false, true, false, true, false, false, null));

    public static NotificationForm With(this NotificationForm form, Func<ChildDetails, ChildDetails> child) => form with { Child = child(form.Child) };

    public static NotificationForm With(this NotificationForm form, Func<IncidentDetails, IncidentDetails> incident) =>
        form with { Incident = incident(form.Incident) };

    public static NotificationForm With(this NotificationForm form, Func<ReferrerDetails, ReferrerDetails> referrer) =>
        form with { Referrer = referrer(form.Referrer) };

    private static BoardMember Member(Actor actor, Role role, AgencyId? agency) =>
        new(actor.Id, actor.Name, role, agency, actor.Name.Replace(' ', '.').ToLowerInvariant() + "@example.org");
}
