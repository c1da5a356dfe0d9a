using ScrBot.Domain.Boards;
using ScrBot.Domain.Referral;

namespace ScrBot.Domain.Cases;

/// <summary>
/// One item of the notification checklist that follows a decision to hold a Serious Case Review: its key
/// (<c>ofsted</c>, <c>inspectorate/staffs-police</c>), what is recorded in words ("the notice to Ofsted"), the
/// recipients its record notifies, and who records it: the Board Manager, an agency's representatives on the case
/// (<see cref="Agency"/>), the Sub-group Chair or, after the Chair declared direct involvement, the Vice-Chair.
/// </summary>
/// <param name="What">"the notice to Ofsted": what the refusals and the cards call the record.</param>
public sealed record ChecklistItem(string Key, string What, IReadOnlyList<NotificationRecipient> Recipients, Role OwnerRole, AgencyId? Agency)
{
    /// <summary>The recipient the item's record is kept under (the first of <see cref="Recipients"/>).</summary>
    public NotificationRecipient Recipient => Recipients[0];

    /// <summary>The agency named by <see cref="Agency"/>, in words (null when the item names none).</summary>
    public string? AgencyName { get; init; }

    /// <summary>
    /// The notice is an agency's (the police's to the Coroner, the Clinical Commissioning Group's, an agency's own
    /// inspectorate), but no representative of it has a role on the case: the Board Manager passes it on and records it.
    /// </summary>
    public bool PassedOn { get; init; }

    /// <summary>Whether the item may be recorded as not needed, with the reason (legal advice "as required").</summary>
    public bool MayBeNotNeeded { get; init; }

    /// <summary>Whether what was sent must be recorded with it (the details the National Panel is given).</summary>
    public bool DetailsRequired { get; init; }

    /// <summary>For an agency's own inspectorate: which one ("HM Inspectorate of Constabulary").</summary>
    public string? Inspectorate { get; init; }
}

/// <summary>
/// The notification checklist after the Independent Chair decides to hold a Serious Case Review, in the toolkit's order
/// ("Role of the LSCB Independent Chair": "If the LSCB Independent Chair decides that a SCR should be undertaken the
/// following action needs to occur"): the Board Manager notifies all Board partners on behalf of the Chair and seeks any
/// legal advice as required; every other agency notifies its own inspectorate as required; the police advise the
/// Coroner of the review and the SCR Sub-group Chair writes the Coroner a formal letter; the Clinical Commissioning Group
/// informs the Care Quality Commission and notifies the local Area Team; the police and local authority communications
/// coordinate any media interest, the Chair being the named spokesperson; the Board Manager formally notifies the
/// National Panel and updates the nominated LSCBs, Ofsted and the DfE safeguarding lead.
/// <para>
/// Only a decision to hold a Serious Case Review has the checklist: the toolkit introduces it with that decision, and a
/// decision not to hold one owes the National Panel its own notice (D7). The Coroner's two items are there when the
/// child died or the referral records a Coroner's involvement: there is otherwise no Coroner to tell.
/// </para>
/// </summary>
public static class NotificationChecklist
{
    public const string BoardPartners = "board-partners";
    public const string LegalAdvice = "legal-advice";
    public const string InspectoratePrefix = "inspectorate/";
    public const string Coroner = "coroner";
    public const string CoronerLetter = "coroner-letter";
    public const string CareQualityCommissionAndAreaTeam = "cqc-area-team";
    public const string Media = "media";
    public const string NationalPanel = "national-panel";
    public const string NominatedBoards = "nominated-boards";
    public const string Ofsted = "ofsted";
    public const string DepartmentForEducation = "dfe";

    /// <summary>Whether the case has the checklist: the Independent Chair decided to hold a Serious Case Review.</summary>
    public static bool Applies(CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Decision is not null && state.DecidedOption == RecommendationOption.FormalSeriousCaseReview;
    }

    /// <summary>
    /// Whether a Coroner is told of the review: the child died (including a suspected suicide), or the referral records
    /// a Coroner's involvement among the parallel processes.
    /// </summary>
    public static bool CoronerInvolved(CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Form is { } form && (form.Incident.Kind is IncidentKind.Died or IncidentKind.SuspectedSuicide || form.ParallelProcesses.Coroner);
    }

    /// <summary>Every item of the case's checklist, in the toolkit's order; none unless <see cref="Applies"/>.</summary>
    public static IReadOnlyList<ChecklistItem> Items(CaseState state, BoardDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(directory);
        if (!Applies(state))
        {
            return [];
        }

        var agencies = AgenciesOnCase(state);
        string NameOf(AgencyId agency) => AgencyOf(state, directory, agency)?.Name ?? agency.Value;
        AgencyKind? KindOf(AgencyId agency) => AgencyOf(state, directory, agency)?.Kind;
        bool Represented(AgencyId agency) => state.Roles.Any(r => r.Role == Role.AgencyRepresentative && r.Agency == agency);

        // The Clinical Commissioning Group: a health agency on the case, one named as a CCG first, one with a representative first.
        var health = agencies.Where(a => KindOf(a) == AgencyKind.Health)
            .OrderByDescending(a => NameOf(a).Contains("Clinical Commissioning", StringComparison.OrdinalIgnoreCase))
            .ThenByDescending(Represented)
            .ToList();
        var ccg = health.FirstOrDefault();
        var ccgRepresented = ccg is { } c && Represented(c);
        var police = agencies.Where(a => KindOf(a) == AgencyKind.Police).OrderByDescending(Represented).Cast<AgencyId?>().FirstOrDefault();

        var items = new List<ChecklistItem>
        {
            new(BoardPartners, "the notice to the Board partners", [NotificationRecipient.BoardPartners], Role.BoardManager, null),
            new(LegalAdvice, "the legal advice", [NotificationRecipient.LegalAdvice], Role.BoardManager, null) { MayBeNotNeeded = true },
        };

        // The Clinical Commissioning Group's own inspectorate is the Care Quality Commission: its item below tells it.
        foreach (var agency in agencies.Where(a => a != ccg))
        {
            var represented = Represented(agency);
            items.Add(new ChecklistItem(InspectoratePrefix + agency.Value, $"the notice to {NameOf(agency)}'s inspectorate", [NotificationRecipient.Inspectorates],
                represented ? Role.AgencyRepresentative : Role.BoardManager, agency)
            {
                AgencyName = NameOf(agency),
                PassedOn = !represented,
                MayBeNotNeeded = true,
                Inspectorate = InspectorateOf(KindOf(agency) ?? AgencyKind.Other),
            });
        }

        if (CoronerInvolved(state))
        {
            var policeRepresented = police is { } p && Represented(p);
            items.Add(new ChecklistItem(Coroner, "the police's notice to the Coroner", [NotificationRecipient.Coroner],
                policeRepresented ? Role.AgencyRepresentative : Role.BoardManager, police)
            {
                AgencyName = police is { } named ? NameOf(named) : null,
                PassedOn = !policeRepresented,
            });
            items.Add(new ChecklistItem(CoronerLetter, "the formal letter to the Coroner", [NotificationRecipient.CoronerLetter],
                state.SubgroupChairInvolvement is null ? Role.SubgroupChair : Role.SubgroupViceChair, null));
        }

        items.Add(new ChecklistItem(CareQualityCommissionAndAreaTeam, "the notices to the Care Quality Commission and the local Area Team",
            [NotificationRecipient.CareQualityCommission, NotificationRecipient.AreaTeam], ccgRepresented ? Role.AgencyRepresentative : Role.BoardManager, ccg)
        {
            AgencyName = ccg is { } h ? NameOf(h) : null,
            PassedOn = !ccgRepresented,
        });
        items.Add(new ChecklistItem(Media, "the communications and media arrangement", [NotificationRecipient.Media], Role.BoardManager, null) { DetailsRequired = true });
        items.Add(new ChecklistItem(NationalPanel, "the notice to the National Panel", [NotificationRecipient.NationalPanel], Role.BoardManager, null) { DetailsRequired = true });
        items.Add(new ChecklistItem(NominatedBoards, "the update to the nominated boards", [NotificationRecipient.NominatedBoards], Role.BoardManager, null)
        {
            // With boards cooperating on the case, they are the nominated boards and are updated; otherwise the Board
            // Manager updates any boards nominated for it, or records that there are none.
            MayBeNotNeeded = state.CooperatingBoards.Count == 0,
        });
        items.Add(new ChecklistItem(Ofsted, "the notice to Ofsted", [NotificationRecipient.Ofsted], Role.BoardManager, null));
        items.Add(new ChecklistItem(DepartmentForEducation, "the notice to the DfE safeguarding lead", [NotificationRecipient.DepartmentForEducation], Role.BoardManager, null));
        return items;
    }

    /// <summary>The item with this key on the case's checklist, or null.</summary>
    public static ChecklistItem? Find(CaseState state, BoardDirectory directory, string key) =>
        Items(state, directory).FirstOrDefault(i => string.Equals(i.Key, key, StringComparison.Ordinal));

    /// <summary>The item's record, once made (an agency's inspectorate notice is that agency's own).</summary>
    public static SentNotification? Recorded(CaseState state, ChecklistItem item)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(item);
        var decided = state.Decision?.At;
        return state.Notifications.FirstOrDefault(n => n.Recipient == item.Recipient && n.At >= decided
                                                       && (item.Recipient != NotificationRecipient.Inspectorates || n.Agency == item.Agency));
    }

    /// <summary>An agency's own inspectorate, by the kind of agency (the toolkit's example: the police notify HM Inspectorate of Constabulary).</summary>
    public static string InspectorateOf(AgencyKind kind) => kind switch
    {
        AgencyKind.Police => "HM Inspectorate of Constabulary",
        AgencyKind.ChildrensSocialCare or AgencyKind.Education => "Ofsted",
        AgencyKind.Health => "the Care Quality Commission",
        AgencyKind.Probation or AgencyKind.YouthOffendingService => "HM Inspectorate of Probation",
        _ => "its inspectorate or regulator, if it has one",
    };

    /// <summary>The agencies involved in the case: those the Board Manager chose, and those with a representative on it.</summary>
    private static List<AgencyId> AgenciesOnCase(CaseState state) =>
        state.ChosenAgencies
            .Concat(state.Roles.Where(r => r.Role == Role.AgencyRepresentative && r.Agency is not null).Select(r => r.Agency!.Value))
            .Distinct()
            .ToList();

    private static Agency? AgencyOf(CaseState state, BoardDirectory directory, AgencyId agency) =>
        new[] { state.LeadBoard }.Concat(state.CooperatingBoards)
            .Select(board => directory.FindAgency(board, agency))
            .FirstOrDefault(a => a is not null);
}
