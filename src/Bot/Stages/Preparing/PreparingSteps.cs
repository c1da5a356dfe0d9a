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

    /// <summary>The agency a step is for (<c>check/staffs-police</c> → <c>staffs-police</c>).</summary>
    public static AgencyId AgencyOf(string stepKey) => new(stepKey[(stepKey.IndexOf('/', StringComparison.Ordinal) + 1)..]);
}
