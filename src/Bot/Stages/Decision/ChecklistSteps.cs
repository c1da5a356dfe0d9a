using ScrBot.Bot.Conversations;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Stages.Decision;

/// <summary>
/// One item of the notification checklist as the bot shows it: the domain's item, the step that asks for it (the Board
/// partners' item is the step that tells the board's members and the Director), the toolkit's words for it, the people
/// who owe it, D8's due date for the National Panel, Ofsted and the DfE, and its record once made.
/// </summary>
public sealed record ChecklistEntry(ChecklistItem Item, string StepKey, string Title, string Label, IReadOnlyList<Actor> Owners, DateOnly? Due, SentNotification? Recorded);

/// <summary>
/// The notification checklist after a decision to hold a Serious Case Review (<see cref="NotificationChecklist"/>), each
/// item a step for its owner with the task card that records it: sent (with the date and what was sent) or, where the
/// toolkit says "as required", not needed (with why). The steps stay open while the review runs, until recorded.
/// </summary>
public static class ChecklistSteps
{
    public const string Prefix = "notice/";

    private static readonly Stage[] Recordable = [Stage.AfterDecision, Stage.Review, Stage.ReportAndPublication, Stage.ActionPlan];

    /// <summary>Every item of the case's checklist (none unless the Independent Chair decided to hold a Serious Case Review).</summary>
    public static IReadOnlyList<ChecklistEntry> Entries(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return NotificationChecklist.Items(view.State, view.Directory).Select(item => new ChecklistEntry(
            item,
            item.Key == NotificationChecklist.BoardPartners ? DecisionSteps.TellBoard : Prefix + item.Key,
            Title(item),
            Label(item),
            Owners(view, item),
            item.Recipient is NotificationRecipient.NationalPanel or NotificationRecipient.Ofsted or NotificationRecipient.DepartmentForEducation
                ? view.DueOf($"D8/{item.Recipient}")
                : null,
            NotificationChecklist.Recorded(view.State, item))).ToList();
    }

    /// <summary>The checklist's steps (the Board partners' item is <see cref="DecisionSteps.TellBoard"/>, already a step).</summary>
    public static IEnumerable<CaseStep> Steps(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var recordable = Recordable.Contains(view.State.Stage);
        foreach (var entry in Entries(view).Where(e => e.StepKey != DecisionSteps.TellBoard))
        {
            yield return new CaseStep(
                entry.StepKey, entry.Title, entry.Owners, entry.Due,
                Open: recordable && entry.Recorded is null,
                entry.Recorded is { } recorded ? new StepDone(recorded.By, recorded.At) : null,
                step => ChecklistCards.Build(step, entry));
        }
    }

    /// <summary>The item a step key names (<c>notice/ofsted</c> → <c>ofsted</c>), or "" for a key that names none.</summary>
    public static string ItemOf(string stepKey) =>
        stepKey.StartsWith(Prefix, StringComparison.Ordinal) ? stepKey[Prefix.Length..] : "";

    /// <summary>The people who owe an item on this case.</summary>
    private static IReadOnlyList<Actor> Owners(CaseView view, ChecklistItem item) => item.OwnerRole switch
    {
        Role.AgencyRepresentative when item.Agency is { } agency => view.OnCase(Role.AgencyRepresentative, agency),
        Role.SubgroupChair => view.WithRole(Role.SubgroupChair),
        Role.SubgroupViceChair => view.WithRole(Role.SubgroupViceChair),
        _ => view.WithRole(Role.BoardManager),
    };

    /// <summary>The step in the toolkit's words.</summary>
    private static string Title(ChecklistItem item) => item.Key switch
    {
        NotificationChecklist.BoardPartners => "Tell the board's members and the Director of Children's Services",
        NotificationChecklist.LegalAdvice => "Seek legal advice as required",
        NotificationChecklist.Coroner => "Advise the Coroner of the review (police)",
        NotificationChecklist.CoronerLetter => "Write to the Coroner: a learning review has been instigated",
        NotificationChecklist.CareQualityCommissionAndAreaTeam => "Inform the CQC and notify the local Area Team",
        NotificationChecklist.Media => "Coordinate communications and media interest",
        NotificationChecklist.NationalPanel => "Notify the National Panel of the decision to hold an SCR",
        NotificationChecklist.NominatedBoards => "Update the nominated boards",
        NotificationChecklist.Ofsted => "Notify Ofsted of the decision to hold an SCR",
        NotificationChecklist.DepartmentForEducation => "Notify the DfE safeguarding lead of the decision",
        _ => InspectorateIsNamed(item) ? $"Notify {item.Inspectorate} ({item.AgencyName})" : $"Notify {item.AgencyName}'s inspectorate",
    };

    /// <summary>The item as the hub's checklist names it.</summary>
    private static string Label(ChecklistItem item) => item.Key switch
    {
        NotificationChecklist.BoardPartners => "Board partners and the Director",
        NotificationChecklist.LegalAdvice => "Legal advice",
        NotificationChecklist.Coroner => "The Coroner, by the police",
        NotificationChecklist.CoronerLetter => "The Coroner, by formal letter",
        NotificationChecklist.CareQualityCommissionAndAreaTeam => "The CQC and the local Area Team",
        NotificationChecklist.Media => "Communications and media",
        NotificationChecklist.NationalPanel => "The National Panel",
        NotificationChecklist.NominatedBoards => "The nominated boards",
        NotificationChecklist.Ofsted => "Ofsted",
        NotificationChecklist.DepartmentForEducation => "The DfE safeguarding lead",
        _ => $"{item.AgencyName}'s inspectorate" + (InspectorateIsNamed(item) ? $" ({item.Inspectorate})" : ""),
    };

    private static bool InspectorateIsNamed(ChecklistItem item) =>
        item.Inspectorate is { } named && !named.StartsWith("its ", StringComparison.Ordinal);
}
