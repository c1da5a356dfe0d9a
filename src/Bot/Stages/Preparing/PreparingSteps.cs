using ScrBot.Bot.Conversations;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Stages.Preparing;

/// <summary>
/// Stage 4, preparing the Scoping Panel (toolkit, "Coordinating a Scoping Panel"): the Board Manager chooses the
/// agencies, sets the date for record checks (D3) and sends the child's details to the partners; each partner's
/// representative secures its records and returns its records check; discrepancies go to the Board Manager, who
/// corrects the details and sends them again; the Education Safeguarding Officer checks and informs the schools; the
/// Board Manager sends the invitations; each invited agency sends its chronology (D4).
/// </summary>
public sealed class PreparingSteps : IStageSteps
{
    public const string Agencies = "agencies";
    public const string Details = "details";
    public const string SecurePrefix = "secure/";
    public const string CheckPrefix = "check/";
    public const string Correct = "correct";
    public const string Schools = "schools";
    public const string Invite = "invite";
    public const string ChronologyPrefix = "chronology/";
    public const string AlertPrefix = "discrepancies/";
    public const string Disclosure = "disclosure";

    public IEnumerable<CaseStep> Steps(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var state = view.State;
        var preparing = state.Stage == Stage.PreparingScopingPanel;
        var managers = view.WithRole(Role.BoardManager);
        var sent = state.ChildDetailsSentAt is not null;

        yield return new CaseStep(Agencies, "Choose the agencies to involve", managers, null,
            Open: preparing && state.ChosenAgencies.Count == 0, view.Last<AgenciesChosen>(), ChooseAgenciesCard.Build);

        yield return new CaseStep(Details, "Send the child's details to the partners", managers, null,
            Open: preparing && state.ChosenAgencies.Count > 0 && !sent, view.Last<ChildDetailsSentToPartners>(), SendDetailsCard.Build);

        foreach (var agency in state.PartnersSentChildDetails)
        {
            var representatives = view.OnCase(Role.AgencyRepresentative, agency);
            var steppedBack = state.InvitationsSentAt is not null && !state.Invitations.Any(i => i.Agency == agency)
                              && state.RecordCheckOf(agency)?.Result == RecordCheckResult.NotKnown;
            yield return new CaseStep(SecurePrefix + agency.Value, $"Secure {view.AgencyName(agency)}'s records", representatives, state.RecordsSecuredDueBy ?? state.RecordChecksDueBy,
                Open: preparing && !steppedBack && !state.RecordsSecuredBy.Contains(agency), view.Last<RecordsSecured>(f => f.Agency == agency), SecureRecordsCard.Build);

            yield return new CaseStep(CheckPrefix + agency.Value, $"Check {view.AgencyName(agency)}'s records", representatives,
                view.DueOf($"D3/{agency.Value}") ?? state.RecordChecksDueBy,
                Open: preparing && !CaseCommands.CheckIsIn(state, agency), view.Last<RecordCheckReturned>(f => f.Agency == agency), RecordCheckCard.Build);

            // Every other partner with a representative on the case is alerted to the discrepancies a partner reports,
            // including those that already returned their check.
            if (representatives.Count > 0 && view.Facts.OfType<RecordCheckReturned>().Any(f => f.Agency != agency && f.Discrepancies.Count > 0))
            {
                var open = preparing && !steppedBack && CaseCommands.DiscrepancyAlertOpen(state, agency);
                yield return new CaseStep(AlertPrefix + agency.Value, $"See the discrepancies other partners reported, against {view.AgencyName(agency)}'s records",
                    representatives, state.RecordChecksDueBy, open, open ? null : AlertDone(view, agency), DiscrepancyAlertCard.Build);
            }
        }

        var corrected = state.DetailsCorrectedAt ?? DateTimeOffset.MinValue;
        var discrepancies = state.RecordChecks.Any(c => c.Discrepancies.Count > 0 && c.At > corrected);
        yield return new CaseStep(Correct, "Correct the case's details from the discrepancies", managers, null,
            Open: preparing && discrepancies, view.Last<CaseDetailsCorrected>(), CorrectDetailsCard.Build);

        if (sent)
        {
            yield return new CaseStep(Schools, "Check the child's schools and inform them", view.OnCase(Role.EducationSafeguardingOfficer), state.RecordChecksDueBy,
                Open: preparing && state.SchoolsChecked is null, view.Last<SchoolsChecked>(), SchoolsCard.Build);

            yield return new CaseStep(Invite, "Send the invitations to the Scoping Panel", managers, null,
                Open: preparing && state.InvitationsSentAt is null, view.Last<InvitationsSent>(), InvitationsCard.Build);
        }

        if (CaseCommands.SeniorInvestigatingOfficerOf(state) is { } sio)
        {
            // The SIO decides whether a Disclosure Officer attends; for an SIO outside the board's directory, whom ScrBot
            // cannot reach in Teams, the Board Manager records what the SIO decided.
            var owners = CaseCommands.SeniorInvestigatingOfficerInDirectory(state, view.Directory) ? [sio.Member] : managers;
            yield return new CaseStep(Disclosure, "Decide whether a Disclosure Officer attends the Scoping Panel", owners,
                state.ScheduledPanel is { } panel ? Domain.Calendar.LondonTime.DateOf(panel.Start) : null,
                Open: preparing && state.PanelHeld is null && state.DisclosureOfficerDecision is null,
                state.DisclosureOfficerDecision is { } decision ? new StepDone(decision.By, decision.At, DisclosureOfficerCard.DecisionWords(decision)) : null,
                DisclosureOfficerCard.Build);
        }

        if (state.InvitationsSentAt is not null)
        {
            foreach (var agency in state.Invitations.Where(i => i.Agency is not null).Select(i => i.Agency!.Value).Distinct())
            {
                var invited = state.Invitations.Where(i => i.Agency == agency).Select(i => i.Member).ToList();
                yield return new CaseStep(ChronologyPrefix + agency.Value, $"Send {view.AgencyName(agency)}'s chronology", invited,
                    view.DueOf($"D4/{agency.Value}"),
                    Open: preparing && !state.ChronologiesReceived.Contains(agency), view.Last<ChronologyReceived>(f => f.Agency == agency), ChronologyCard.Build);
            }
        }
    }

    /// <summary>
    /// Who answered the alert, and how: seen, or the agency's records check returned after the discrepancies; or the
    /// Board Manager's correction of the details, which answers them for everyone.
    /// </summary>
    private static StepDone? AlertDone(CaseView view, AgencyId agency)
    {
        var reported = view.Facts.OfType<RecordCheckReturned>().Where(f => f.Agency != agency && f.Discrepancies.Count > 0).Select(f => f.At).DefaultIfEmpty().Max();
        var answer = view.Facts.LastOrDefault(f => f.At >= reported && f switch
        {
            OtherPartnersDiscrepanciesSeen seen => seen.Agency == agency,
            RecordCheckReturned check => check.Agency == agency,
            CaseDetailsCorrected => true,
            _ => false,
        });
        var name = view.AgencyName(agency);
        return answer switch
        {
            OtherPartnersDiscrepanciesSeen => new StepDone(answer.By, answer.At,
                $"The other partners' discrepancies were seen for {name} by {answer.By.Name} on {Cards.Words.DateAndTime(answer.At)}."),
            RecordCheckReturned => new StepDone(answer.By, answer.At,
                $"The other partners' discrepancies were answered with {name}'s records check, returned by {answer.By.Name} on {Cards.Words.DateAndTime(answer.At)}."),
            CaseDetailsCorrected => new StepDone(answer.By, answer.At,
                $"{answer.By.Name} corrected the case's details from the discrepancies on {Cards.Words.DateAndTime(answer.At)}: {name}'s records check is asked for again against them."),
            _ => null,
        };
    }

    /// <summary>The agency a step is for (<c>check/staffs-police</c> → <c>staffs-police</c>).</summary>
    public static AgencyId AgencyOf(string stepKey) => new(stepKey[(stepKey.IndexOf('/', StringComparison.Ordinal) + 1)..]);
}
