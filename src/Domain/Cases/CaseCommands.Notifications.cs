using ScrBot.Domain.Boards;

namespace ScrBot.Domain.Cases;

public static partial class CaseCommands
{
    // ── Stage 7: the notification checklist after a decision to hold a Serious Case Review ──────────────────────

    private static readonly Stage[] NoticeStages = [Stage.AfterDecision, Stage.Review, Stage.ReportAndPublication, Stage.ActionPlan];

    /// <summary>Everyone who owns an item of some checklist: the answer to someone who owns none.</summary>
    private static readonly Who[] ChecklistOwners = [Who.BoardManager, Who.SubgroupChair, Who.SubgroupViceChair, Who.AnyAgencyRepresentative];

    /// <summary>
    /// Records one item of the notification checklist (see <see cref="NotificationChecklist"/>) by its owner: sent on
    /// <paramref name="sentOn"/> with what was sent (<paramref name="details"/>), or, for an item the toolkit asks for
    /// "as required", not needed, with the reason. Each item is recorded once; the Clinical Commissioning Group's item
    /// records the Care Quality Commission and the local Area Team together.
    /// </summary>
    public static Outcome RecordChecklistNotification(CaseState state, CommandContext context, string item, DateOnly sentOn, string? details, bool notNeeded = false)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(context);
        var found = state.Decision is null || item is null ? null : NotificationChecklist.Find(state, context.Directory, item);
        if (Check(state, context,
                found is null ? "record a notification about this case" : "record " + found.What,
                "A notification cannot be recorded",
                AfterDecision,
                found is null ? ChecklistOwners : [OwnerOf(state, context, found)],
                NoticeStages) is { } refused)
        {
            return refused;
        }

        if (state.DecidedOption != RecommendationOption.FormalSeriousCaseReview)
        {
            return Refuse($"The notification checklist follows a decision to hold a Serious Case Review; the Independent Chair decided on {Refusals.OptionWords(state.DecidedOption!.Value)}.");
        }

        if (found is null)
        {
            return Refuse("That notification is not on this case's checklist.");
        }

        if (NotificationChecklist.Recorded(state, found) is { } already)
        {
            return Refuse(already.NotNeeded
                ? $"{Capitalise(found.What)} was already recorded as not needed by {already.By.Name} on {Refusals.DateWords(Calendar.LondonTime.DateOf(already.At))}."
                : $"{Capitalise(found.What)} was already recorded by {already.By.Name}: sent on {Refusals.DateWords(already.SentOn)}.");
        }

        if (notNeeded && !found.MayBeNotNeeded)
        {
            return Refuse(found.Recipient == NotificationRecipient.NominatedBoards
                ? $"Boards cooperate on this case ({string.Join(", ", state.CooperatingBoards.Select(b => context.Directory.Find(b)?.Name ?? b.Value))}): they are updated, so the update cannot be recorded as not needed."
                : $"{Capitalise(found.What)} is always needed after a decision to hold a Serious Case Review: it cannot be recorded as not needed.");
        }

        if (notNeeded && string.IsNullOrWhiteSpace(details))
        {
            return Refuse("Say why it is not needed.", "Why it is not needed");
        }

        if (found.DetailsRequired && string.IsNullOrWhiteSpace(details))
        {
            return Refuse($"Give what was sent: {found.What} is recorded with it.", "What was sent");
        }

        var label = notNeeded ? "The date it was decided" : "The date it was sent";
        if (NotInFuture(sentOn, label, context) is { } future)
        {
            return Refuse(future);
        }

        var decidedOn = Calendar.LondonTime.DateOf(state.Decision!.At);
        if (sentOn < decidedOn)
        {
            return Refuse($"{label} ({Refusals.DateWords(sentOn)}) is before the Independent Chair's decision ({Refusals.DateWords(decidedOn)}).");
        }

        if (OptionalTextProblem(details, notNeeded ? "Why it is not needed" : "What was sent") is { } tooLong)
        {
            return Refuse(tooLong);
        }

        var text = string.IsNullOrWhiteSpace(details) ? null : details.Trim();
        return Accept(found.Recipients.Select(recipient => new NotificationSent(recipient, sentOn, text)
        {
            Agency = found.Agency,
            NotNeeded = notNeeded,
            At = context.Now,
            By = context.Actor,
        }));
    }

    /// <summary>
    /// On a case with the checklist, a notification recorded any other way is still recorded by the item's owner only
    /// (the Board Manager for Ofsted, the police for their notice to the Coroner): null when this person may.
    /// </summary>
    private static Outcome? ChecklistOwnerRefusal(CaseState state, CommandContext context, NotificationRecipient recipient)
    {
        if (!NotificationChecklist.Applies(state) || recipient == NotificationRecipient.Inspectorates)
        {
            return null;
        }

        var item = NotificationChecklist.Items(state, context.Directory).FirstOrDefault(i => i.Recipients.Contains(recipient));
        return item is null
            ? null
            : Check(state, context, "record " + item.What, "A notification cannot be recorded", AfterDecision, [OwnerOf(state, context, item)], NoticeStages);
    }

    /// <summary>Who records an item: the Board Manager, the agency's representative, the Sub-group Chair or Vice-Chair.</summary>
    private static Who OwnerOf(CaseState state, CommandContext context, ChecklistItem item) => item.OwnerRole switch
    {
        Role.AgencyRepresentative when item.Agency is { } agency => Who.RepresentativeOf(agency, AgencyName(state, context, agency)),
        Role.SubgroupChair => Who.SubgroupChair,
        Role.SubgroupViceChair => Who.SubgroupViceChair,
        _ => Who.BoardManager,
    };
}
