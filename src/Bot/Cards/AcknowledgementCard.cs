using System.Text.Json.Nodes;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Criteria;
using ScrBot.Domain.Referral;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Cards;

/// <summary>What the referrer sees once the referral is sent: the reference, the criteria advice, and what happens next.</summary>
public static class AcknowledgementCard
{
    public static JsonObject Build(
        CaseReference reference,
        NotificationForm form,
        CriteriaAdvice advice,
        DateTimeOffset sentAt,
        BoardDirectory directory,
        WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(advice);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(calendar);
        var board = directory.Find(form.LeadBoard);
        var manager = directory.WithRole(form.LeadBoard, Role.BoardManager).FirstOrDefault();
        var today = LondonTime.DateOf(sentAt);

        if (form.ForInformationOnly)
        {
            return Card(
            [
                ConfidentialLine(),
                Heading($"{reference} · Serious incident received, for information"),
                Text($"The Youth Offending Service serious incident was sent to {board?.Name ?? form.LeadBoard.Value} on {Words.DateAndTime(sentAt)}, for information only.", strong: true),
                Facts(
                [
                    ("Reference", reference.Value),
                    ("Child", form.Child.Name),
                    ("Incident", $"{Words.Of(form.Incident.Kind)}, {Words.Date(form.Incident.Date)}"),
                    ("Sent by", $"{form.Referrer.Name}, {form.Referrer.Role}"),
                ]),
                Subheading("What happens next"),
                Bullets(
                [
                    manager is null
                        ? "It goes to the Board Manager for the board's awareness. You are told here the moment the Board Manager has it."
                        : $"It goes to {manager.Name}, the Board Manager, for the board's awareness. You are told here the moment {manager.Name} has it.",
                    "No Serious Case Review deadline runs: the YOS Management Board and the Youth Justice Board keep the governance of the YOS learning review (toolkit Appendix D).",
                    "If the learning review finds multi-agency learning, tell the board formally: the sub-group supports acting on it.",
                ]),
                Text($"Quote {reference} in any message about this incident. Type **case {reference}** to see it.", subtle: true),
            ]);
        }

        var next = new List<string>
        {
            manager is null
                ? "It goes to the Board Manager, who tells the Independent Chair and the Sub-group Chair. You are told here the moment the Board Manager has it."
                : $"It goes to {manager.Name}, the Board Manager, who tells the Independent Chair and the Sub-group Chair. You are told here the moment {manager.Name} has it.",
            "The SCR sub-group decides whether to convene a Scoping Panel; an extraordinary meeting is possible when the case needs it.",
            "If a Scoping Panel is convened, each agency secures its records and checks them for the child and the significant others.",
        };
        if (advice.NotifiableIncident)
        {
            var due = calendar.AddWorkingDays(form.Incident.ChildrensSocialCareAwareOn(today), 5);
            next.Add($"Children's social care must notify Ofsted and the board of a notifiable incident within five working days of becoming aware: by {HumanDates.FormatWithRelative(due, today, calendar)}.");
        }

        next.Add("You will be told the outcome.");

        return Card(
        [
            ConfidentialLine(),
            Heading($"{reference} · Referral received"),
            Text($"Your referral was sent to {board?.Name ?? form.LeadBoard.Value} on {Words.DateAndTime(sentAt)}.", strong: true),
            form.LeadBoard != form.Referrer.Board
                ? Text($"{board?.Name ?? form.LeadBoard.Value} leads, as the board of {(form.Child.LookedAfter && form.Child.ResponsibleAuthorityBoard is not null ? "the local authority responsible for the child" : "the child's home area")}; {directory.Find(form.Referrer.Board)?.Name ?? form.Referrer.Board.Value} cooperates.")
                : null,
            Facts(
            [
                ("Reference", reference.Value),
                ("Child", form.Child.Name),
                ("Incident", $"{Words.Of(form.Incident.Kind)}, {Words.Date(form.Incident.Date)}"),
                ("Sent by", $"{form.Referrer.Name}, {form.Referrer.Role}"),
            ]),
            CriteriaAdvicePart.Build(advice),
            Subheading("What happens next"),
            Bullets(next),
            Text($"Quote {reference} in any message about this case. Type **case {reference}** to see where it stands.", subtle: true),
        ]);
    }
}
