using System.Globalization;
using System.Text.Json.Nodes;
using ScrBot.Bot.Cards;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Obligations;

namespace ScrBot.Bot.Nudges;

/// <summary>
/// The cards the sweep sends, as Adaptive Card 1.5 JSON: a heading naming the case reference and the step, a FactSet,
/// text that wraps, no pixel widths. They carry the case reference and the obligation only — never a child's name,
/// date of birth, address or what happened — so that a reminder can never show a child's details to anyone.
/// </summary>
public static class NudgeCards
{
    public const string CaseStatusVerb = "case.show";

    /// <summary>The most obligations one channel reminder lists; the rest are counted.</summary>
    public const int MaxReminderLines = 40;

    /// <summary>The step as a heading says it: "Minutes to circulate".</summary>
    public static string Step(ObligationCode code) => code switch
    {
        ObligationCode.D1 => "Ofsted to be notified of the incident",
        ObligationCode.D2 => "The Chairs to be informed",
        ObligationCode.D3 => "Record checks to return",
        ObligationCode.D4 => "Chronology to send",
        ObligationCode.D5 => "Minutes to circulate",
        ObligationCode.D6 => "The Chair's written decision",
        ObligationCode.D7 => "The National Panel to be told of the decision",
        ObligationCode.D8 => "The decision to be notified",
        ObligationCode.D9 => "The review to be completed",
        ObligationCode.D10 => "The report to go to the National Panel",
        ObligationCode.D11 => "The report to stay on the website",
        ObligationCode.D12 => "Action-plan update to give",
        _ => "Deadline",
    };

    /// <summary>The step as a heading says it, for one obligation: an agency's report for the review is D9's, in its own words.</summary>
    public static string Step(Obligation obligation)
    {
        ArgumentNullException.ThrowIfNull(obligation);
        return obligation.Code == ObligationCode.D9 && obligation.Key.StartsWith("D9/report/", StringComparison.Ordinal)
            ? "Agency report for the review to send"
            : Step(obligation.Code);
    }

    /// <summary>
    /// The personal nudge: "SCR-2026-0007 · Minutes to circulate by Friday 13 March 2026 (in 2 working days)", the
    /// obligation in the toolkit's words, the due date, to whom it is owed, who owes it, the rule, and a "Case status"
    /// button (the status card is shown only to people with a role on the case).
    /// </summary>
    public static JsonObject Nudge(CaseReference reference, Obligation obligation, DateOnly today, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(obligation);
        var due = HumanDates.FormatWithRelative(obligation.DueOn, today, calendar);
        var overdue = obligation.Status == ObligationStatus.Overdue;
        var status = overdue
            ? due.Contains("overdue", StringComparison.Ordinal) ? "Overdue" : $"Overdue: it was due {HumanDates.Format(obligation.DueOn)}"
            : "Not done yet";
        return AdaptiveCard.Card(
            [
                AdaptiveCard.Heading(obligation.Code == ObligationCode.D11
                    ? $"{reference} · The report came off the website before its 12 months were up"
                    : $"{reference} · {Step(obligation)} by {due}"),
                AdaptiveCard.Facts(
                [
                    ("Obligation", $"{obligation.Code} · {obligation.Title}"),
                    ("Due", due),
                    ("Status", status),
                    ("Owed to", Capitalised(obligation.OwedTo)),
                    ("Owed by", obligation.Owner),
                    ("Rule", Capitalised(obligation.Rule)),
                ]),
                Text(overdue
                    ? "This is overdue. If it has been done, record it so the case shows it; if not, please do it today."
                    : "A reminder of a deadline in this case. If it has been done, record it so the case shows it.",
                    subtle: false),
                Text("Only the case reference is shown here. Open the case to see its details.", subtle: true),
            ],
            obligation.Code == ObligationCode.D1
                ? [ScrBot.Bot.Referral.NotifiableIncidentCards.RecordNotifiedAction(reference, today), CaseStatus(reference, primary: false)]
                : StepFor(obligation) is { } step
                ? [CaseStatus(reference), AdaptiveCard.Execute("Record it done", Conversations.HubCard.OpenVerb,
                    new JsonObject { [Conversations.TaskCard.CaseKey] = reference.ToString(), [Conversations.TaskCard.StepKey] = step }, sendInputs: false)]
                : [CaseStatus(reference)]);
    }

    /// <summary>
    /// The step whose task card records an obligation done, when a stage's card does (the nudge's "Record it done"
    /// opens that card in place of the nudge): D8 the checklist's notice to the National Panel, Ofsted or the DfE, D9 the
    /// reviewer's card (sending the report to the Board), or for an agency's report the representative's card that records
    /// it sent, D10 the report
    /// to the National Panel, D11 the report off the website, D12 the agency's update after that meeting.
    /// </summary>
    public static string? StepFor(Obligation obligation)
    {
        ArgumentNullException.ThrowIfNull(obligation);
        return obligation.Code switch
        {
            ObligationCode.D8 when obligation.Key.Split('/') is [_, var recipient, ..] && Enum.TryParse<Domain.Cases.NotificationRecipient>(recipient, out var to) => to switch
            {
                Domain.Cases.NotificationRecipient.NationalPanel => Stages.Decision.ChecklistSteps.Prefix + Domain.Cases.NotificationChecklist.NationalPanel,
                Domain.Cases.NotificationRecipient.Ofsted => Stages.Decision.ChecklistSteps.Prefix + Domain.Cases.NotificationChecklist.Ofsted,
                _ => Stages.Decision.ChecklistSteps.Prefix + Domain.Cases.NotificationChecklist.DepartmentForEducation,
            },
            ObligationCode.D9 when obligation.Key.Split('/') is ["D9", "report", var agency] => Stages.Review.ReviewSteps.AgencyReportPrefix + agency,
            ObligationCode.D9 => Stages.Review.ReviewSteps.Conduct,
            ObligationCode.D10 => Stages.Publication.PublicationSteps.Panel,
            ObligationCode.D11 => Stages.Publication.PublicationSteps.Online,
            ObligationCode.D12 when obligation.Key.Split('/') is [_, var action, var meeting] => Stages.ActionPlan.ActionPlanSteps.UpdatePrefix + action + "/" + meeting,
            _ => null,
        };
    }

    /// <summary>One line of a board's daily reminder: reference, code, title, due date and who owes it, nothing else.</summary>
    public sealed record ReminderLine(CaseReference Reference, ObligationCode Code, string Title, DateOnly DueOn, string Owner, bool Overdue);

    /// <summary>
    /// The board channel's daily reminder: the overdue obligations and those due soon, each by case reference, code,
    /// title, due date and owner role. Never a name of a child or of a family member, never a description.
    /// </summary>
    public static JsonObject BoardReminder(string boardName, IReadOnlyList<ReminderLine> lines, DateOnly today, WorkingDayCalendar calendar, int lookaheadWorkingDays)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var overdue = lines.Where(l => l.Overdue).ToList();
        var soon = lines.Where(l => !l.Overdue).ToList();
        var body = new List<JsonNode?>
        {
            AdaptiveCard.Heading($"Deadline reminder · {HumanDates.Format(today)}"),
            AdaptiveCard.Facts(
            [
                ("Board", boardName),
                ("Overdue", Count(overdue.Count)),
                ("Due soon", $"{Count(soon.Count)} (by {HumanDates.Format(calendar.AddWorkingDays(today, lookaheadWorkingDays))})"),
            ]),
        };

        var shown = 0;
        foreach (var (title, group) in new[] { ("Overdue", overdue), (DueSoonTitle(lookaheadWorkingDays), soon) })
        {
            if (group.Count == 0)
            {
                continue;
            }

            body.Add(AdaptiveCard.Subheading(title));
            foreach (var line in group)
            {
                if (shown == MaxReminderLines)
                {
                    break;
                }

                shown++;
                body.Add(Text($"{line.Reference} · {line.Code} · {line.Title}", subtle: false, strong: true, separator: true));
                body.Add(Text($"Due {HumanDates.FormatWithRelative(line.DueOn, today, calendar)} · {line.Owner}", subtle: true, spacing: "None"));
            }
        }

        if (lines.Count > shown)
        {
            body.Add(Text(string.Create(CultureInfo.InvariantCulture, $"And {lines.Count - shown} more. Type case and a reference in a chat with ScrBot to see a case."), subtle: false));
        }

        body.Add(Text("Case references only: each case's details are seen by the people with a role on it, in a chat with ScrBot.", subtle: true));
        return AdaptiveCard.Card(body, null);
    }

    private static string DueSoonTitle(int lookahead) => lookahead switch
    {
        0 => "Due today",
        1 => "Due today or by the next working day",
        _ => string.Create(CultureInfo.InvariantCulture, $"Due within {lookahead} working days"),
    };

    private static string Count(int n) => string.Create(CultureInfo.InvariantCulture, $"{n} obligation{(n == 1 ? "" : "s")}");

    private static string Capitalised(string text) =>
        text.Length == 0 ? text : char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..];

    // ── Adaptive Card 1.5 parts ─────────────────────────────────────────────────────────────────────────────

    private static JsonObject Text(string text, bool subtle, bool strong = false, bool separator = false, string? spacing = null)
    {
        var block = AdaptiveCard.Text(text, subtle, strong);
        if (separator)
        {
            block["separator"] = true;
        }

        if (spacing is not null)
        {
            block["spacing"] = spacing;
        }

        return block;
    }

    private static JsonObject CaseStatus(CaseReference reference, bool primary = true) =>
        AdaptiveCard.Execute("Case status", CaseStatusVerb, new JsonObject { ["reference"] = reference.ToString() }, style: primary ? "positive" : null);
}
