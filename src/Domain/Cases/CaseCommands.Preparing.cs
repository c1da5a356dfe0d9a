using ScrBot.Domain.Boards;
using ScrBot.Domain.Referral;

namespace ScrBot.Domain.Cases;

public static partial class CaseCommands
{
    // ── Stage 4: preparing the Scoping Panel ──────────────────────────────────────────────────────────────

    private const string AfterConvening = "the sub-group has decided to convene a Scoping Panel";

    /// <summary>
    /// The Board Manager chooses the agencies to involve (agencies of cooperating boards too). Their board agency
    /// representatives get the agency representative role on the case.
    /// </summary>
    public static Outcome ChooseAgencies(CaseState state, CommandContext context, IReadOnlyList<AgencyId> agencies)
    {
        ArgumentNullException.ThrowIfNull(agencies);
        if (Check(state, context,
                "choose the agencies to involve",
                "Agencies cannot be chosen",
                AfterConvening,
                [Who.BoardManager],
                Stage.PreparingScopingPanel) is { } refused)
        {
            return refused;
        }

        if (agencies.Count == 0)
        {
            return Refuse("Choose at least one agency to involve.");
        }

        var unknown = agencies.Where(a => AgencyOf(state, context.Directory, a) is null).Select(a => $"Agency '{a.Value}' is not one of the agencies of this case's boards.").ToList();
        if (unknown.Count > 0)
        {
            return Refuse(unknown.Select(u => new Refusal(u)).ToList());
        }

        var fresh = agencies.Distinct().Where(a => !state.ChosenAgencies.Contains(a)).ToList();
        if (fresh.Count == 0)
        {
            return Refuse("Those agencies have already been chosen.");
        }

        return Accept([new AgenciesChosen(fresh) { At = context.Now, By = context.Actor }, .. AssignRepresentatives(state, context, fresh)]);
    }

    /// <summary>
    /// The Board Manager sends every Board partner (and each chosen agency) the names of the child and significant
    /// others, with the date their records checks are due (D3). The partners' representatives get a role on the case,
    /// since they must see the child's details to check them.
    /// </summary>
    public static Outcome SendChildDetailsToPartners(CaseState state, CommandContext context, DateOnly checksDueBy)
    {
        if (Check(state, context,
                "send the child's details to the Board partners",
                "The child's details cannot be sent to the partners",
                AfterConvening,
                [Who.BoardManager],
                Stage.PreparingScopingPanel) is { } refused)
        {
            return refused;
        }

        if (state.ChosenAgencies.Count == 0)
        {
            return Refuse("The child's details cannot be sent to the partners before the agencies to involve have been chosen.");
        }

        if (checksDueBy <= context.Today)
        {
            return Refuse($"The date the records checks are due ({Refusals.DateWords(checksDueBy)}) must be after today.");
        }

        var partners = (context.Directory.Find(state.LeadBoard)?.Agencies.Select(a => a.Id) ?? [])
            .Concat(state.ChosenAgencies)
            .Distinct()
            .Where(a => !state.PartnersSentChildDetails.Contains(a))
            .ToList();
        if (partners.Count == 0)
        {
            return Refuse("The child's details have already been sent to every partner.");
        }

        return Accept([new ChildDetailsSentToPartners(partners, checksDueBy) { At = context.Now, By = context.Actor }, .. AssignRepresentatives(state, context, partners)]);
    }

    /// <summary>An agency secures its records on the case against loss or interference (recorded by its representative or the Board Manager).</summary>
    public static Outcome SecureRecords(CaseState state, CommandContext context, AgencyId agency)
    {
        var name = AgencyName(state, context, agency);
        if (Check(state, context,
                "record that an agency's records are secured",
                "Records cannot be recorded as secured",
                AfterConvening,
                [Who.RepresentativeOf(agency, name), Who.BoardManager],
                Stage.PreparingScopingPanel, Stage.ScopingPanel) is { } refused)
        {
            return refused;
        }

        if (!IsInvolved(state, agency))
        {
            return Refuse($"{name} is not involved in this case.");
        }

        if (state.RecordsSecuredBy.Contains(agency))
        {
            return Refuse($"{name} has already secured its records on this case.");
        }

        return Accept(new RecordsSecured(agency) { At = context.Now, By = context.Actor });
    }

    /// <summary>
    /// A partner's representative answers the records check: known or not known, with any discrepancies (dates of birth,
    /// spellings or aliases, addresses, significant others not yet identified). A later answer corrects an earlier one.
    /// </summary>
    public static Outcome ReturnRecordCheck(
        CaseState state,
        CommandContext context,
        AgencyId agency,
        RecordCheckResult result,
        IReadOnlyList<Discrepancy> discrepancies)
    {
        ArgumentNullException.ThrowIfNull(discrepancies);
        var name = AgencyName(state, context, agency);
        if (Check(state, context,
                "return this agency's records check",
                "A records check cannot be returned",
                AfterConvening,
                [Who.RepresentativeOf(agency, name)],
                Stage.PreparingScopingPanel) is { } refused)
        {
            return refused;
        }

        if (!state.PartnersSentChildDetails.Contains(agency))
        {
            return Refuse($"{name} has not been sent the child's details, so it has no records check to return.");
        }

        if (!Enum.IsDefined(result))
        {
            return Refuse("A records check is either known or not known.");
        }

        var problems = new List<Refusal>();
        for (var i = 0; i < discrepancies.Count; i++)
        {
            if (!Enum.IsDefined(discrepancies[i].Kind))
            {
                problems.Add(new Refusal($"Discrepancy {i + 1} has no kind."));
            }

            if (TextProblem(discrepancies[i].Details, $"A description of discrepancy {i + 1}") is { } problem)
            {
                problems.Add(new Refusal(problem));
            }
        }

        if (problems.Count > 0)
        {
            return Refuse(problems);
        }

        var trimmed = discrepancies.Select(d => d with { Details = d.Details.Trim() }).ToList();
        return Accept(new RecordCheckReturned(agency, result, trimmed) { At = context.Now, By = context.Actor });
    }

    /// <summary>The Board Manager schedules (or reschedules) the Scoping Panel meeting.</summary>
    public static Outcome ScheduleScopingPanel(CaseState state, CommandContext context, DateTimeOffset start, DateTimeOffset end, string? meetingId)
    {
        if (Check(state, context,
                "schedule the Scoping Panel",
                "The Scoping Panel cannot be scheduled",
                AfterConvening,
                [Who.BoardManager],
                Stage.PreparingScopingPanel) is { } refused)
        {
            return refused;
        }

        if (start <= context.Now)
        {
            return Refuse("The Scoping Panel must be scheduled for a time that has not yet passed.");
        }

        if (end <= start)
        {
            return Refuse("The Scoping Panel must end after it starts.");
        }

        if (state.ScheduledPanel is { } current && current.Start == start && current.End == end)
        {
            return Refuse("The Scoping Panel is already scheduled for that time.");
        }

        return Accept(new ScopingPanelScheduled(start, end, meetingId) { At = context.Now, By = context.Actor });
    }

    /// <summary>
    /// The Board Manager invites someone to the Scoping Panel, with the Pre-Scoping Information Request, Chronology
    /// Guidance and Template (D4 starts): agency representatives, sub-group members, experts, the Senior Investigating
    /// Officer, a Disclosure Officer, the Education Safeguarding Officer. The invited person gets the panel member role.
    /// </summary>
    public static Outcome InvitePanelMember(
        CaseState state,
        CommandContext context,
        Actor member,
        PanelCapacity capacity,
        AgencyId? agency,
        string? email)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (Check(state, context,
                "invite people to the Scoping Panel",
                "Invitations to the Scoping Panel cannot be sent",
                AfterConvening,
                [Who.BoardManager],
                Stage.PreparingScopingPanel) is { } refused)
        {
            return refused;
        }

        if (state.ScheduledPanel is null)
        {
            return Refuse("Invitations to the Scoping Panel cannot be sent before the panel has been scheduled.");
        }

        if (state.ChildDetailsSentAt is null)
        {
            return Refuse("Invitations to the Scoping Panel cannot be sent before the partners have been sent the child's details to check their records.");
        }

        if (!Enum.IsDefined(capacity))
        {
            return Refuse("Say in what capacity the person is invited.");
        }

        if (capacity == PanelCapacity.AgencyRepresentative && agency is null)
        {
            return Refuse("An agency representative's invitation must say which agency they represent.");
        }

        if (agency is { } id && AgencyOf(state, context.Directory, id) is null)
        {
            return Refuse($"Agency '{id.Value}' is not one of the agencies of this case's boards.");
        }

        if (string.IsNullOrWhiteSpace(member.Name))
        {
            return Refuse("The invited person's name is required.");
        }

        if (OptionalTextProblem(email, "The email address", FormLimits.Contact) is { } tooLong)
        {
            return Refuse(tooLong);
        }

        if (state.InvitationOf(member.Id) is not null)
        {
            return Refuse($"{member.Name} has already been invited to the Scoping Panel.");
        }

        CaseEvent invited = new PanelMemberInvited(member, capacity, agency, email) { At = context.Now, By = context.Actor };
        return state.HasRole(member.Id, Role.PanelMember)
            ? Accept(invited)
            : Accept(invited, new CaseRoleAssigned(member, Role.PanelMember, agency) { At = context.Now, By = context.Actor });
    }

    /// <summary>An invited member says whether they will attend the Scoping Panel.</summary>
    public static Outcome AnswerAttendance(CaseState state, CommandContext context, bool attending)
    {
        if (Check(state, context,
                "answer an invitation to the Scoping Panel",
                "An invitation to the Scoping Panel cannot be answered",
                AfterConvening,
                [Who.Invited],
                Stage.PreparingScopingPanel) is { } refused)
        {
            return refused;
        }

        if (state.InvitationOf(context.Actor.Id)?.Attending == attending)
        {
            return Refuse(attending ? "You have already said you will attend the Scoping Panel." : "You have already said you cannot attend the Scoping Panel.");
        }

        return Accept(new AttendanceAnswered(context.Actor.Id, attending) { At = context.Now, By = context.Actor });
    }

    /// <summary>An invited agency sent its chronology copy before the panel (D4): recorded by its representative or the Board Manager.</summary>
    public static Outcome ReceiveChronology(CaseState state, CommandContext context, AgencyId agency)
    {
        var name = AgencyName(state, context, agency);
        if (Check(state, context,
                "record that this agency's chronology was received",
                "A chronology cannot be recorded as received",
                AfterConvening,
                [Who.RepresentativeOf(agency, name), Who.BoardManager],
                Stage.PreparingScopingPanel) is { } refused)
        {
            return refused;
        }

        if (!state.Invitations.Any(i => i.Agency == agency))
        {
            return Refuse($"{name} has not been invited to the Scoping Panel, so no chronology is expected from it.");
        }

        if (state.ChronologiesReceived.Contains(agency))
        {
            return Refuse($"{name}'s chronology has already been received.");
        }

        return Accept(new ChronologyReceived(agency) { At = context.Now, By = context.Actor });
    }

    /// <summary>
    /// Who chairs the Scoping Panel: the Sub-group Chair, or the Sub-group Vice-Chair when the Sub-group Chair has had
    /// direct involvement with the child (a conflict of interest, which must then be stated).
    /// </summary>
    /// <param name="subgroupChairConflictOfInterest">The Sub-group Chair's declared direct involvement with the child, if any.</param>
    public static Outcome AssignPanelChair(CaseState state, CommandContext context, Actor chair, string? subgroupChairConflictOfInterest)
    {
        ArgumentNullException.ThrowIfNull(chair);
        if (Check(state, context,
                "assign the chair of the Scoping Panel",
                "The chair of the Scoping Panel cannot be assigned",
                AfterConvening,
                [Who.BoardManager, Who.SubgroupChair],
                Stage.PreparingScopingPanel) is { } refused)
        {
            return refused;
        }

        var roles = context.Directory.RolesOf(chair.Id, state.LeadBoard);
        var conflict = string.IsNullOrWhiteSpace(subgroupChairConflictOfInterest) ? null : subgroupChairConflictOfInterest.Trim();
        if (OptionalTextProblem(conflict, "The conflict of interest") is { } tooLong)
        {
            return Refuse(tooLong);
        }

        if (roles.Contains(Role.SubgroupChair))
        {
            return conflict is null
                ? Accept(new PanelChairAssigned(chair, false, null) { At = context.Now, By = context.Actor })
                : Refuse("The Sub-group Chair cannot chair the Scoping Panel after declaring direct involvement with the child; the Sub-group Vice-Chair chairs instead.");
        }

        if (roles.Contains(Role.SubgroupViceChair))
        {
            return conflict is null
                ? Refuse("The Sub-group Vice-Chair chairs the Scoping Panel only when the Sub-group Chair has a conflict of interest; say what the conflict is.")
                : Accept(new PanelChairAssigned(chair, true, conflict) { At = context.Now, By = context.Actor });
        }

        return Refuse($"The Scoping Panel is chaired by the Sub-group Chair, or by the Sub-group Vice-Chair when the Chair has a conflict of interest; {chair.Name} is neither.");
    }

    /// <summary>The Board Manager appoints a professional minute taker who has had no involvement with the child or family.</summary>
    public static Outcome AppointMinuteTaker(CaseState state, CommandContext context, Actor minuteTaker, bool declaresNoInvolvement)
    {
        ArgumentNullException.ThrowIfNull(minuteTaker);
        if (Check(state, context,
                "appoint the minute taker",
                "The minute taker cannot be appointed",
                AfterConvening,
                [Who.BoardManager],
                Stage.PreparingScopingPanel) is { } refused)
        {
            return refused;
        }

        if (!declaresNoInvolvement)
        {
            return Refuse($"The minute taker must have had no involvement with the child or family; {minuteTaker.Name} has declared involvement, so appoint someone else.");
        }

        if (state.HasRole(minuteTaker.Id, Role.Referrer) || state.Roles.Any(r => r.Person.Id == minuteTaker.Id && r.Role == Role.AgencyRepresentative))
        {
            return Refuse($"The minute taker must have had no involvement with the child or family; {minuteTaker.Name} already takes part in this case.");
        }

        return Accept(new MinuteTakerAppointed(minuteTaker, true) { At = context.Now, By = context.Actor });
    }

    private static bool IsInvolved(CaseState state, AgencyId agency) =>
        state.ChosenAgencies.Contains(agency) || state.PartnersSentChildDetails.Contains(agency) || state.Invitations.Any(i => i.Agency == agency);
}
