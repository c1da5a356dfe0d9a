using ScrBot.Domain.Boards;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Obligations;
using ScrBot.Domain.Referral;

namespace ScrBot.Domain.Tests.Obligations;

/// <summary>Facts of a worked case, dated in London, and the obligations they give.</summary>
internal static class CaseFacts
{
    public static readonly Actor Manager = new(new PersonId("aad-manager"), "Morgan Manager");
    public static readonly Actor Chair = new(new PersonId("aad-chair"), "Indira Chair");
    public static readonly Actor PoliceRep = new(new PersonId("aad-police"), "Pat Police");
    public static readonly Actor HealthRep = new(new PersonId("aad-health"), "Harper Health");
    public static readonly AgencyId Csc = new("csc");
    public static readonly AgencyId Police = new("police");
    public static readonly AgencyId Health = new("health");
    public static readonly AgencyId Education = new("education");
    public static readonly CaseReference Reference = new(2026, 7);
    public static readonly BoardId LeadBoard = new("staffordshire");

    public const string ChildName = "Amelia Confidential";
    public const string ChildAddress = "12 Hidden Lane, Stafford";
    public const string SignificantOtherName = "Jordan Secret";

    public static DateOnly D(int year, int month, int day) => new(year, month, day);

    /// <summary>Ten in the morning, London time, on that day.</summary>
    public static DateTimeOffset On(DateOnly day) => LondonTime.ToInstant(day, new TimeOnly(10, 0));

    public static DateTimeOffset On(int year, int month, int day) => On(D(year, month, day));

    public static CaseReferred Referred(
        DateOnly receivedOn,
        DateOnly agencyBecameAware,
        IncidentKind kind = IncidentKind.Died,
        AbuseOrNeglect abuse = AbuseOrNeglect.Suspected,
        bool lookedAfter = false) => Referred(On(receivedOn), agencyBecameAware, kind, abuse, lookedAfter);

    public static CaseReferred Referred(
        DateTimeOffset receivedAt,
        DateOnly agencyBecameAware,
        IncidentKind kind = IncidentKind.Died,
        AbuseOrNeglect abuse = AbuseOrNeglect.Suspected,
        bool lookedAfter = false) => new(
        Reference,
        LeadBoard,
        [],
        new NotificationForm(
            new ReferrerDetails("Sam Senior", "Head of Service", Csc, null, "sam@example.org", true, LeadBoard),
            new ChildDetails(ChildName, ["Millie"], D(2014, 5, 6), null, Gender.Female, ChildAddress, null, lookedAfter, null,
                ChildProtectionPlan.Current, false, CustodyStatus.None),
            // Children's social care refers: its awareness is the agency's.
            new IncidentDetails(kind, agencyBecameAware.AddDays(-1), agencyBecameAware, abuse, "What happened", InterAgencyConcern.Concerns, null, agencyBecameAware),
            [new SignificantOther(SignificantOtherName, "Mother's partner", D(1990, 1, 2))],
            [new AgencyInvolvement(Police, null, "Known to police")],
            [],
            new ParallelProcesses(false, null, false, true, false, true, false, false, null)))
    {
        At = receivedAt,
        By = Manager,
    };

    public static IReadOnlyList<Obligation> Derive(IEnumerable<CaseEvent> facts, DateOnly today, ProcessProfile? profile = null)
    {
        profile ??= ProcessProfile.Toolkit;
        return ObligationRules.Derive([.. facts], profile, profile.CreateCalendar(), today);
    }

    public static Obligation The(this IReadOnlyList<Obligation> obligations, string key) =>
        obligations.SingleOrDefault(o => o.Key == key)
        ?? throw new Xunit.Sdk.XunitException($"No obligation {key}; there are: {string.Join(", ", obligations.Select(o => o.Key))}.");

    public static IReadOnlyList<Obligation> Coded(this IReadOnlyList<Obligation> obligations, ObligationCode code) =>
        [.. obligations.Where(o => o.Code == code)];
}
