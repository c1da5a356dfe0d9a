using System.Globalization;
using System.Text.Json.Nodes;
using ScrBot.Bot.Conversations;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.Decision;

/// <summary>
/// The task cards of the notification checklist: what the toolkit asks, the date it was sent (today unless changed),
/// what was sent (drafted by ScrBot for the National Panel, the letter to the Coroner and the media arrangement), and the
/// button that records it; an item needed only "as required" also has <em>Not needed…</em>, which asks why. Nothing on
/// these cards names the child.
/// </summary>
public static class ChecklistCards
{
    public const string SentVerb = "notice.sent";
    public const string NotNeededVerb = "notice.notNeeded";
    public const string DateInput = "sentOn";
    public const string DetailsInput = "details";
    public const string ReasonInput = "reason";

    private const string AskedBy = "The Independent Chair's decision to hold a Serious Case Review (toolkit)";

    public static JsonObject Build(StepView view, ChecklistEntry entry)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(entry);
        var item = entry.Item;
        var state = view.Case.State;
        var facts = new List<(string, string)> { ("Decision", DecisionSteps.Outcome(state)) };
        var body = new List<JsonNode?>();
        var details = "";
        var detailsLabel = "What was sent, to whom (optional)";
        var button = "Sent";
        var dateLabel = item.MayBeNotNeeded ? "Date sent (if not needed: the date decided)" : "Date sent";

        switch (item.Key)
        {
            case NotificationChecklist.LegalAdvice:
                body.Add(Intro("Seek any legal advice from the local authority principal solicitor or the board's adviser, as required. Record the advice sought, or that none is needed and why."));
                detailsLabel = "Advice sought from whom, and on what (optional)";
                dateLabel = "Date sought (if not needed: the date decided)";
                button = "Legal advice sought";
                break;
            case NotificationChecklist.Coroner:
                body.Add(Intro("The police liaise with the relevant Coroner (including a Coroner out of area, for a cross-border case) to advise them of the learning review process, and help keep the Coroner updated as appropriate."));
                detailsLabel = "Which Coroner, and how (optional)";
                button = "Coroner advised";
                break;
            case NotificationChecklist.CoronerLetter:
                body.Add(Intro(state.SubgroupChairInvolvement is null
                    ? "As Chair of the SCR Sub-group, write a formal letter to the relevant Coroner advising them that a learning review process has been instigated. ScrBot drafted it below: add the Coroner's details, send it, then record what was sent."
                    : "As the Sub-group's Vice-Chair (the Chair declared direct involvement with the child), write a formal letter to the relevant Coroner advising them that a learning review process has been instigated. ScrBot drafted it below: add the Coroner's details, send it, then record what was sent."));
                details = ChecklistDrafts.CoronerLetter(view.Case, view.Viewer);
                detailsLabel = "The letter (drafted by ScrBot: check it)";
                button = "Letter sent";
                break;
            case NotificationChecklist.CareQualityCommissionAndAreaTeam:
                body.Add(Intro("The Clinical Commissioning Group informs the Care Quality Commission and notifies the local Area Team, who inform the NHS Commissioning Board of every case that becomes the subject of a Serious Case Review."));
                button = "CQC and Area Team informed";
                break;
            case NotificationChecklist.Media:
                body.Add(Intro("Coordinate and manage any communications or media interest with the police and local authority communications departments. Record the arrangement agreed."));
                details = ChecklistDrafts.MediaArrangement(view.Case);
                detailsLabel = "The arrangement agreed (drafted by ScrBot: check it)";
                dateLabel = "Date agreed";
                button = "Arrangement recorded";
                break;
            case NotificationChecklist.NationalPanel:
                var reviewers = ChecklistDrafts.Reviewers(state);
                facts.Add(("Appointed reviewer", reviewers.Count > 0 ? string.Join(", ", reviewers) : "None appointed yet"));
                body.Add(Intro("Formally notify the National Panel, by secure email (Appendix B 7), with the details of the case, the Chair's decision and the names of the appointed reviewers. ScrBot drafted the anonymised notice below (no names, addresses or dates of birth): check it, change it as needed, send it, then record what was sent."));
                if (reviewers.Count == 0)
                {
                    body.Add(Attention("No reviewer has been appointed yet: the notice can be sent now, without names, and is recorded as sent without them. The National Panel is then given the reviewer's name once appointed (D8 stays open until it has it)."));
                }

                details = ChecklistDrafts.NationalPanel(view.Case);
                detailsLabel = "The notice sent to the National Panel (drafted by ScrBot: check it)";
                button = "Sent to the National Panel";
                break;
            case NotificationChecklist.NominatedBoards:
                var boards = state.CooperatingBoards.Select(b => view.Case.Directory.Find(b)?.Name ?? b.Value).ToList();
                if (boards.Count > 0)
                {
                    facts.Add(("Nominated boards", string.Join(", ", boards)));
                    body.Add(Intro("Give the nominated boards, the boards cooperating on this case, an update of the decision."));
                }
                else
                {
                    body.Add(Intro("No other board cooperates on this case. Give any board nominated for it an update of the decision, or record that there is none and why."));
                }

                button = "Nominated boards updated";
                break;
            case NotificationChecklist.Ofsted:
                body.Add(Intro("Notify Ofsted of the decision to hold a Serious Case Review (D8)."));
                button = "Ofsted notified";
                break;
            case NotificationChecklist.DepartmentForEducation:
                body.Add(Intro("Notify the DfE safeguarding lead of the decision to hold a Serious Case Review (D8)."));
                button = "DfE notified";
                break;
            default:
                facts.Add(("Agency", item.AgencyName ?? ""));
                facts.Add(("Inspectorate", item.Inspectorate ?? ""));
                body.Add(Intro("Every agency notifies its own inspectorate as required (for example the police notify HM Inspectorate of Constabulary). Notify yours of the decision to hold a Serious Case Review, or record that it is not needed and why."));
                button = "Inspectorate notified";
                break;
        }

        if (item.PassedOn)
        {
            body.Add(Attention(PassOn(item)));
        }

        body.Add(DateInput(ChecklistCards.DateInput, dateLabel, Iso(view.Case.Today), required: true, max: view.Case.Today));
        body.Add(TextInput(DetailsInput, detailsLabel, details, 4000, required: item.DetailsRequired, multiline: true));

        var actions = new List<JsonNode?> { Execute(button, SentVerb, TaskCard.Data(view), style: "positive") };
        if (item.MayBeNotNeeded)
        {
            actions.Add(ShowCard(
                item.Key == NotificationChecklist.NominatedBoards ? "None to update…" : "Not needed…",
                [TextInput(ReasonInput, "Why it is not needed", "", 2000, required: true, multiline: true)],
                [Execute("Record as not needed", NotNeededVerb, TaskCard.Data(view))]));
        }

        return TaskCard.Build(view, facts, body, actions, AskedBy, confidential: false);
    }

    /// <summary>An agency's notice with no representative of the agency on the case: the Board Manager passes it on.</summary>
    private static string PassOn(ChecklistItem item)
    {
        var who = item.Key switch
        {
            NotificationChecklist.Coroner => item.AgencyName ?? "the police",
            NotificationChecklist.CareQualityCommissionAndAreaTeam => item.AgencyName is { } ccg ? $"the Clinical Commissioning Group ({ccg})" : "the Clinical Commissioning Group",
            _ => item.AgencyName ?? "the agency",
        };
        return $"No representative of {who} has a role on this case in ScrBot: pass this on to {who}, then record it here once done.";
    }

    private static JsonObject Intro(string text) => Text(text, subtle: true);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
