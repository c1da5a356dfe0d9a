using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Criteria;
using ScrBot.Domain.Referral;

namespace ScrBot.Bot.Stages.Decision;

/// <summary>
/// The brief anonymised details of a case the National Panel asks for (Appendix B 5): the nature of the incident, the
/// child's age, their relationship with the people named, the agencies involved with the family and any criminal
/// investigation. No names, addresses or dates of birth: only the case reference identifies it.
/// </summary>
public static class AnonymisedSummary
{
    public static IReadOnlyList<string> Lines(CaseState state, Func<AgencyId, string> agencyName)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(agencyName);
        var form = state.Form!;
        var age = CriteriaAssessment.AgeAtIncident(form);
        var lines = new List<string>
        {
            $"Case {state.Reference}: {Nature(form.Incident)} in {form.Incident.Date:MMMM yyyy}; abuse or neglect {Abuse(form.Incident.AbuseOrNeglect)}.",
            age is { } years ? $"The child was {years} year{(years == 1 ? "" : "s")} old{(form.Child.LookedAfter ? " and looked after" : "")}." : "The child's age is not known.",
        };
        if (form.SignificantOthers.Count > 0)
        {
            lines.Add("Significant others: " + string.Join(", ", form.SignificantOthers.Select(o => o.Relationship.ToLowerInvariant()).Distinct()) + ".");
        }

        var agencies = form.AgenciesInvolved.Select(a => a.Agency is { } id ? agencyName(id) : a.OtherAgencyName).OfType<string>().Distinct().ToList();
        lines.Add(agencies.Count > 0 ? "Agencies involved with the family: " + string.Join(", ", agencies) + "." : "No agency involvement was recorded.");
        lines.Add(form.ParallelProcesses.CriminalInvestigation ? "A criminal investigation is running." : "There is no criminal investigation.");
        return lines;
    }

    private static string Nature(IncidentDetails incident) => incident.Kind switch
    {
        IncidentKind.Died => "a child died",
        IncidentKind.SuspectedSuicide => "a child died (suspected suicide)",
        IncidentKind.SeriouslyHarmed => "a child was seriously harmed",
        _ => "a serious incident concerning a child",
    };

    private static string Abuse(AbuseOrNeglect value) => value switch
    {
        AbuseOrNeglect.Known => "known",
        AbuseOrNeglect.Suspected => "suspected",
        _ => "not suspected",
    };
}
