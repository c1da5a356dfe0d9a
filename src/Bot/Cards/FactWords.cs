using System.Text.RegularExpressions;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Cards;

/// <summary>A case's facts in a line of plain English each, for the status card.</summary>
public static partial class FactWords
{
    public static string Describe(CaseEvent fact, BoardDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(fact);
        ArgumentNullException.ThrowIfNull(directory);
        var by = fact.By.Name;
        return fact switch
        {
            CaseReferred r => $"Referred by {by} to {directory.Find(r.LeadBoard)?.Name ?? r.LeadBoard.Value}",
            CaseRoleAssigned a => $"{a.Person.Name} given the role of {RoleNames.Of(a.Role)}",
            CaseRoleRemoved r => $"{directory.Boards.SelectMany(b => b.Members).FirstOrDefault(m => m.Person == r.Person)?.Name ?? "Someone"} no longer has the role of {RoleNames.Of(r.Role)} ({by})",
            ChairsInformed c => $"The Independent Chair and the Sub-group Chair told of the referral ({string.Join(", ", c.Informed.Select(i => i.Name))})",
            LeadBoardHandedOver h => $"Handed by {by} to {directory.Find(h.To)?.Name ?? h.To.Value}, which leads from now on: {h.Reason}",
            NotifiableIncidentReported n => $"Ofsted and the board notified of a notifiable incident on {Words.Date(n.ReportedOn)}",
            SubgroupMeetingArranged m => $"Sub-group meeting arranged for {Words.Date(m.MeetingDate)}{(m.Extraordinary ? " (extraordinary)" : "")}",
            SubgroupDecided d => d.Outcome switch
            {
                SubgroupOutcome.ConveneScopingPanel => "The sub-group decided to convene a Scoping Panel",
                SubgroupOutcome.AnotherLearningReview => "The sub-group recommended to the Independent Chair not to convene a Scoping Panel: another learning review",
                _ => "The sub-group recommended to the Independent Chair not to convene a Scoping Panel: no further action",
            },
            PossibleDuplicateResolved p => p.SameChild ? $"Confirmed as the same child as {p.Other} ({by})" : $"Confirmed as not the same child as {p.Other} ({by})",
            DirectInvolvementDeclared => $"The Sub-group Chair declared direct involvement with the child; the Vice-Chair decides ({by})",
            CaseDetailsCorrected => $"The case's details corrected and sent to the partners again ({by})",
            ScopingPanelScheduled s => $"Scoping Panel scheduled for {Words.DateAndTime(s.Start)}",
            ScopingPanelHeld h => $"Scoping Panel held on {Words.Date(h.HeldOn)}",
            RecommendationMade => "The panel made its recommendation to the Independent Chair",
            ChairDecided d => d.Decision switch
            {
                ChairDecisionKind.Uphold => "The Independent Chair upheld the recommendation",
                ChairDecisionKind.UpholdWithFurtherActions => "The Independent Chair upheld the recommendation with further actions",
                _ => "The Independent Chair overruled the recommendation",
            },
            ReviewerRecommended r => $"{Names(r.Lead, r.Second)} recommended as reviewer to the Independent Chair and the Director of Children's Services ({by})",
            ReviewerAppointmentAnswered a => $"{(a.Agreed ? "Agreed to" : "Declined")} the recommended reviewer's appointment ({by}, {RoleNames.Of(a.As)})",
            ReviewerAppointed a => $"{Names(a.Lead, a.Second)} appointed as reviewer by the Independent Chair and the Director of Children's Services",
            ReviewerReplaced => $"The appointed reviewer replaced ({by})",
            ReviewTeamRecorded t => $"The Review Team recorded: {t.Members.Count} organisation{(t.Members.Count == 1 ? "" : "s")} ({by})",
            CaseTeamRecorded => $"The Case Team recorded ({by})",
            CaseClosed => "The case was closed",
            _ => $"{Sentence(fact.GetType().Name)} ({by})",
        };
    }

    private static string Names(ProposedReviewer lead, ProposedReviewer? second) => second is null ? lead.Name : $"{lead.Name} and {second.Name}";

    /// <summary>"ChildDetailsSentToPartners" → "Child details sent to partners".</summary>
    private static string Sentence(string typeName)
    {
        var words = Capitals().Replace(typeName, " $1").Trim().ToLowerInvariant();
        return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
    }

    [GeneratedRegex("(?<!^)([A-Z])", RegexOptions.CultureInvariant)]
    private static partial Regex Capitals();
}
