using ScrBot.Domain.Boards;
using ScrBot.Domain.Referral;

namespace ScrBot.Domain.Cases;

public static partial class CaseCommands
{
    // ── Stage 4: preparing the Scoping Panel ──────────────────────────────────────────────────────────────

    private const string AfterConvening = "the sub-group has decided to convene a Scoping Panel";

    /// <summary>
    /// The Board Manager chooses the agencies to involve (agencies of cooperating boards too). Nobody gets a role from
    /// this: the partners' representatives get theirs when the child's details are sent to them.
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

        if (state.ChildDetailsSentAt is not null)
        {
            return Refuse("The agencies cannot be changed after the child's details have been sent to the partners.");
        }

        return Accept(new AgenciesChosen(fresh) { At = context.Now, By = context.Actor });
    }

    /// <summary>
    /// The Board Manager sends every Board partner (and each chosen agency) the names of the child and significant
    /// others, with the date their records checks are due (D3). The partners' representatives get a role on the case,
    /// since they must see the child's details to check them.
    /// </summary>
    public static Outcome SendChildDetailsToPartners(CaseState state, CommandContext context, DateOnly checksDueBy, DateOnly? recordsSecuredBy = null)
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

        if (recordsSecuredBy is { } secure && (secure < context.Today || secure > checksDueBy))
        {
            return Refuse($"The date the records must be secured by ({Refusals.DateWords(secure)}) must be between today and the date the records checks are due ({Refusals.DateWords(checksDueBy)}).");
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

        var officers = context.Directory.WithRole(state.LeadBoard, Role.EducationSafeguardingOfficer)
            .Where(m => !state.HasRole(m.Person, Role.EducationSafeguardingOfficer))
            .Select(m => new CaseRoleAssigned(ActorFor(m), Role.EducationSafeguardingOfficer, m.Agency) { At = context.Now, By = context.Actor });
        return Accept([
            new ChildDetailsSentToPartners(partners, checksDueBy) { RecordsSecuredDueBy = recordsSecuredBy ?? state.RecordsSecuredDueBy, At = context.Now, By = context.Actor },
            .. AssignRepresentatives(state, context, partners),
            .. officers,
        ]);
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
        IReadOnlyList<Discrepancy> discrepancies) =>
        ReturnRecordCheck(state, context, agency, result, discrepancies, null);

    /// <summary>
    /// The records check with one row per person named in the details sent (the child first, then each significant
    /// other): known or not known. The agency's answer is "known" when anyone is known to it.
    /// </summary>
    public static Outcome ReturnRecordCheck(
        CaseState state,
        CommandContext context,
        AgencyId agency,
        IReadOnlyList<PersonCheck> people,
        IReadOnlyList<Discrepancy> discrepancies)
    {
        ArgumentNullException.ThrowIfNull(people);
        var named = PeopleToCheck(state);
        if (state.Exists && (people.Count != named.Count || people.Where((p, i) => p.Person != named[i]).Any()))
        {
            return Refuse("The records check must have one row for each person in the details sent: the child and each significant other.");
        }

        if (people.Any(p => !Enum.IsDefined(p.Result)))
        {
            return Refuse("Each person in a records check is either known or not known.");
        }

        var result = people.Any(p => p.Result == RecordCheckResult.Known) ? RecordCheckResult.Known : RecordCheckResult.NotKnown;
        return ReturnRecordCheck(state, context, agency, result, discrepancies, people);
    }

    /// <summary>The people a records check is about: the child, then each significant other, by name.</summary>
    public static IReadOnlyList<string> PeopleToCheck(CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Form is { } form ? [form.Child.Name, .. form.SignificantOthers.Select(o => o.Name)] : [];
    }

    private static Outcome ReturnRecordCheck(
        CaseState state,
        CommandContext context,
        AgencyId agency,
        RecordCheckResult result,
        IReadOnlyList<Discrepancy> discrepancies,
        IReadOnlyList<PersonCheck>? people)
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
        if (state.RecordCheckOf(agency) is { } earlier && (state.DetailsCorrectedAt is not { } corrected || earlier.At >= corrected)
            && earlier.Result == result && earlier.Discrepancies.SequenceEqual(trimmed) && earlier.People.SequenceEqual(people ?? []))
        {
            return Refuse($"{name}'s records check was already returned with the same answers by {earlier.By.Name}.");
        }

        return Accept(new RecordCheckReturned(agency, result, trimmed, people) { At = context.Now, By = context.Actor });
    }

    /// <summary>The Board Manager schedules (or reschedules) the Scoping Panel meeting.</summary>
    public static Outcome ScheduleScopingPanel(CaseState state, CommandContext context, DateTimeOffset start, DateTimeOffset end, string? meetingId, string? joinUrl = null)
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

        return Accept(new ScopingPanelScheduled(start, end, meetingId) { JoinUrl = joinUrl, At = context.Now, By = context.Actor });
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

    /// <summary>
    /// An invited member says whether they will attend the Scoping Panel: attending, sending a named deputy in their place
    /// (their agency is then attending), or not attending.
    /// </summary>
    public static Outcome AnswerAttendance(CaseState state, CommandContext context, bool attending, string? deputy = null)
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

        var named = string.IsNullOrWhiteSpace(deputy) ? null : deputy.Trim();
        if (named is not null && !attending)
        {
            return Refuse("A deputy is sent to attend in your place: choose Sending a deputy, not Cannot attend.");
        }

        if (OptionalTextProblem(named, "The deputy's name", FormLimits.Contact) is { } tooLong)
        {
            return Refuse(tooLong);
        }

        if (state.PanelHeld is not null)
        {
            return Refuse("The Scoping Panel has already been held.");
        }

        if (state.InvitationOf(context.Actor.Id) is { } invitation && invitation.Attending == attending && invitation.Deputy == named)
        {
            return Refuse(!attending ? "You have already said you cannot attend the Scoping Panel."
                : named is null ? "You have already said you will attend the Scoping Panel."
                : $"You have already said {named} will attend the Scoping Panel in your place.");
        }

        return Accept(new AttendanceAnswered(context.Actor.Id, attending) { Deputy = named, At = context.Now, By = context.Actor });
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

    /// <summary>
    /// The Board Manager corrects the child's details and the significant others from the partners' discrepancies. The
    /// corrected details go to the partners again: a records check returned before the correction is due again.
    /// </summary>
    public static Outcome CorrectCaseDetails(CaseState state, CommandContext context, ChildDetails child, IReadOnlyList<SignificantOther> significantOthers)
    {
        ArgumentNullException.ThrowIfNull(child);
        ArgumentNullException.ThrowIfNull(significantOthers);
        if (Check(state, context,
                "correct the case's details",
                "The case's details cannot be corrected",
                AfterConvening,
                [Who.BoardManager],
                Stage.PreparingScopingPanel) is { } refused)
        {
            return refused;
        }

        if (state.ChildDetailsSentAt is null)
        {
            return Refuse("The case's details are corrected from the partners' records checks, and none has been sent the details yet.");
        }

        var problems = new List<Refusal>();
        if (TextProblem(child.Name, "The child's name", FormLimits.Name) is { } name)
        {
            problems.Add(new Refusal(name, "Child's name"));
        }

        if (OptionalTextProblem(child.Address, "The address", FormLimits.Address) is { } address)
        {
            problems.Add(new Refusal(address, "Address"));
        }

        if (child.DateOfBirth is { } born && born > context.Today)
        {
            problems.Add(new Refusal("Date of birth is in the future.", "Date of birth"));
        }

        for (var i = 0; i < significantOthers.Count; i++)
        {
            if (TextProblem(significantOthers[i].Name, $"The name of significant other {i + 1}", FormLimits.Name) is { } other)
            {
                problems.Add(new Refusal(other));
            }
        }

        if (problems.Count > 0)
        {
            return Refuse(problems);
        }

        var form = state.Form!;
        var trimmedOthers = significantOthers.Select(o => o with { Name = o.Name.Trim(), Relationship = o.Relationship.Trim() }).ToList();
        var trimmedChild = child with { Name = child.Name.Trim(), Address = child.Address.Trim() };
        if (trimmedChild == form.Child && trimmedOthers.SequenceEqual(form.SignificantOthers))
        {
            return Refuse("Those are the details the partners already have; nothing was corrected.");
        }

        return Accept(new CaseDetailsCorrected(trimmedChild, trimmedOthers) { At = context.Now, By = context.Actor });
    }

    /// <summary>
    /// The Education Safeguarding Officer records the child's current and past schools, checked and informed of the
    /// scoping process (schools are not represented on the board).
    /// </summary>
    public static Outcome RecordSchoolsChecked(CaseState state, CommandContext context, IReadOnlyList<string> schools)
    {
        ArgumentNullException.ThrowIfNull(schools);
        if (Check(state, context,
                "record the schools checked and informed",
                "The schools cannot be recorded as checked",
                AfterConvening,
                [Who.Holding(Role.EducationSafeguardingOfficer)],
                Stage.PreparingScopingPanel) is { } refused)
        {
            return refused;
        }

        if (state.SchoolsChecked is not null)
        {
            return Refuse("The child's schools have already been recorded as checked and informed.");
        }

        var named = schools.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).ToList();
        if (named.Count == 0)
        {
            return Refuse("Name at least one school the child attends or attended.", "Schools");
        }

        if (named.Any(s => s.Length > FormLimits.Contact))
        {
            return Refuse(Refusals.TooLong("A school's name", FormLimits.Contact), "Schools");
        }

        return Accept(new SchoolsChecked(named) { At = context.Now, By = context.Actor });
    }

    /// <summary>
    /// The Board Manager sends the invitations to the Scoping Panel, in the toolkit's order: the chosen agencies'
    /// representatives (senior enough to decide for their agency), experts, the Senior Investigating Officer when a
    /// criminal investigation runs (who decides whether a Disclosure Officer attends), the panel chair (the Sub-group
    /// Chair, or the Vice-Chair after the Chair declared direct involvement) and a minute taker who has had no
    /// involvement with the child or family. Refused until every involved agency's records check is in, unless the
    /// Board Manager records why they proceed. Partners not invited whose records do not know the child step back: their
    /// representatives' role on the case is withdrawn. The case is then ready for the meeting to be scheduled.
    /// </summary>
    public static Outcome SendInvitations(
        CaseState state,
        CommandContext context,
        IReadOnlyList<AgencyId> agencies,
        IReadOnlyList<Invitee> experts,
        Invitee? seniorInvestigatingOfficer,
        Invitee? minuteTaker,
        string? proceedBecause)
    {
        ArgumentNullException.ThrowIfNull(agencies);
        ArgumentNullException.ThrowIfNull(experts);
        if (Check(state, context,
                "send the invitations to the Scoping Panel",
                "Invitations to the Scoping Panel cannot be sent",
                AfterConvening,
                [Who.BoardManager],
                Stage.PreparingScopingPanel) is { } refused)
        {
            return refused;
        }

        if (state.InvitationsSentAt is { } sent)
        {
            return Refuse($"The invitations to the Scoping Panel were already sent on {Refusals.DateWords(Calendar.LondonTime.DateOf(sent))}.");
        }

        if (state.ChildDetailsSentAt is null)
        {
            return Refuse("Invitations to the Scoping Panel cannot be sent before the partners have been sent the child's details to check their records.");
        }

        var reason = string.IsNullOrWhiteSpace(proceedBecause) ? null : proceedBecause.Trim();
        var missing = state.ChosenAgencies.Where(a => !CheckIsIn(state, a)).Select(a => AgencyName(state, context, a)).ToList();
        var problems = new List<Refusal>();
        if (missing.Count > 0 && reason is null)
        {
            problems.Add(new Refusal($"Not every involved agency's information is in ({Refusals.Both(missing)}); wait for it, or record why you proceed."));
        }

        if (OptionalTextProblem(reason, "The reason to proceed") is { } longReason)
        {
            problems.Add(new Refusal(longReason));
        }

        if (agencies.Count == 0)
        {
            problems.Add(new Refusal("Choose at least one agency to invite.", "Agencies"));
        }

        var invited = new List<(Actor Person, PanelCapacity Capacity, AgencyId? Agency, string? Email)>();
        foreach (var agency in agencies.Distinct())
        {
            var agencyName = AgencyName(state, context, agency);
            if (!state.PartnersSentChildDetails.Contains(agency))
            {
                problems.Add(new Refusal($"{agencyName} was not sent the child's details, so it cannot be invited.", "Agencies"));
                continue;
            }

            var representatives = RepresentativesOf(state, context.Directory, agency).ToList();
            if (representatives.Count == 0)
            {
                problems.Add(new Refusal($"{agencyName} has no representative in the board's directory to invite.", "Agencies"));
            }

            invited.AddRange(representatives.Select(m => (ActorFor(m), PanelCapacity.AgencyRepresentative, (AgencyId?)agency, m.Email)));
        }

        foreach (var expert in experts)
        {
            if (InviteeProblem(expert, "An expert") is { } problem)
            {
                problems.Add(new Refusal(problem, "Experts"));
                continue;
            }

            invited.Add((InviteeActor(state, context, expert), PanelCapacity.Expert, null, expert.Email.Trim()));
        }

        if (seniorInvestigatingOfficer is { } sio)
        {
            if (InviteeProblem(sio, "The Senior Investigating Officer") is { } problem)
            {
                problems.Add(new Refusal(problem, "Senior Investigating Officer"));
            }
            else
            {
                invited.Add((InviteeActor(state, context, sio), PanelCapacity.SeniorInvestigatingOfficer, null, sio.Email.Trim()));
            }
        }
        else if (state.CriminalInvestigation)
        {
            problems.Add(new Refusal("A criminal investigation runs in parallel, so the Senior Investigating Officer must be invited.", "Senior Investigating Officer"));
        }

        var chairRole = state.SubgroupChairInvolvement is null ? Role.SubgroupChair : Role.SubgroupViceChair;
        var chair = context.Directory.WithRole(state.LeadBoard, chairRole).FirstOrDefault();
        if (chair is null)
        {
            problems.Add(new Refusal($"The board has no {RoleNames(chairRole)} in its directory to chair the Scoping Panel."));
        }

        Actor? taker = null;
        if (minuteTaker is null)
        {
            problems.Add(new Refusal("A professional minute taker who has had no involvement with the child or family is required.", "Minute taker"));
        }
        else if (InviteeProblem(minuteTaker, "The minute taker") is { } problem)
        {
            problems.Add(new Refusal(problem, "Minute taker"));
        }
        else
        {
            taker = InviteeActor(state, context, minuteTaker);
            var practitioner = state.Roles.Any(r => r.Person.Id == taker.Id && r.Role is Role.Referrer or Role.AgencyRepresentative)
                               || invited.Any(i => i.Person.Id == taker.Id);
            if (practitioner)
            {
                problems.Add(new Refusal(
                    $"The minute taker must have had no involvement with the child or family; {taker.Name} already takes part in this case, so choose someone else.",
                    "Minute taker"));
            }
        }

        if (problems.Count > 0)
        {
            return Refuse(problems);
        }

        var facts = new List<CaseEvent>();
        foreach (var (person, capacity, agency, email) in invited.DistinctBy(i => i.Person.Id))
        {
            facts.Add(new PanelMemberInvited(person, capacity, agency, email) { At = context.Now, By = context.Actor });
            if (!state.HasRole(person.Id, Role.PanelMember))
            {
                facts.Add(new CaseRoleAssigned(person, Role.PanelMember, agency) { At = context.Now, By = context.Actor });
            }
        }

        // The partners whose records do not know the child or the significant others, and who are not invited, step
        // back: their representatives' role on the case (and so their sight of the child's details) is withdrawn.
        var invitedAgencies = agencies.ToHashSet();
        var steppingBack = state.Roles
            .Where(r => r.Role == Role.AgencyRepresentative && r.Agency is { } a && !invitedAgencies.Contains(a)
                        && state.RecordCheckOf(a)?.Result == RecordCheckResult.NotKnown
                        && !state.Roles.Any(o => o.Person.Id == r.Person.Id && o.Role == Role.AgencyRepresentative && o.Agency is { } b && invitedAgencies.Contains(b)))
            .Select(r => r.Person.Id)
            .Distinct();
        facts.AddRange(steppingBack.Select(person => new CaseRoleRemoved(person, Role.AgencyRepresentative) { At = context.Now, By = context.Actor }));
        facts.Add(new PanelChairAssigned(ActorFor(chair!), chairRole == Role.SubgroupViceChair, state.SubgroupChairInvolvement) { At = context.Now, By = context.Actor });
        facts.Add(new MinuteTakerAppointed(taker!, true) { At = context.Now, By = context.Actor });
        facts.Add(new InvitationsSent(missing.Count > 0 ? reason : null) { At = context.Now, By = context.Actor });
        return Accept(facts);
    }

    // ── The Senior Investigating Officer: does a police Disclosure Officer attend? ──

    /// <summary>The Senior Investigating Officer invited to the Scoping Panel, if any.</summary>
    public static PanelInvitation? SeniorInvestigatingOfficerOf(CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Invitations.FirstOrDefault(i => i.Capacity == PanelCapacity.SeniorInvestigatingOfficer);
    }

    /// <summary>
    /// Whether the invited Senior Investigating Officer is in the board's directory, so that ScrBot reaches them in Teams
    /// and they record their own decision. An SIO known only by an email address cannot be given a card: the Board
    /// Manager records the decision the SIO tells them.
    /// </summary>
    public static bool SeniorInvestigatingOfficerInDirectory(CaseState state, BoardDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return SeniorInvestigatingOfficerOf(state) is { } sio
               && new[] { state.LeadBoard }.Concat(state.CooperatingBoards).Select(directory.Find).OfType<Board>()
                   .SelectMany(b => b.Members).Any(m => m.Person == sio.Member.Id);
    }

    private static readonly Who TheSeniorInvestigatingOfficer = new(
        "the Senior Investigating Officer invited to the Scoping Panel",
        (state, context) => SeniorInvestigatingOfficerOf(state)?.Member.Id == context.Actor.Id);

    private static readonly Who BoardManagerForAnSioOutsideTheDirectory = new(
        "the Board Manager (for a Senior Investigating Officer outside the board's directory)",
        (state, context) => SeniorInvestigatingOfficerOf(state) is not null && !SeniorInvestigatingOfficerInDirectory(state, context.Directory)
                            && CaseAccess.HasRoleOnCase(state, context.Actor.Id, Role.BoardManager, context.Directory));

    /// <summary>
    /// The Senior Investigating Officer decides whether a police Disclosure Officer attends the Scoping Panel (toolkit:
    /// "A police Disclosure Officer may also be required to attend; this decision will be made by the SIO"): the officer
    /// named (<paramref name="disclosureOfficer"/>) is invited to the panel with the panel member role, or, when null,
    /// none attends. One decision, recorded with who and when; the Board Manager records it only for an SIO outside the
    /// board's directory.
    /// </summary>
    public static Outcome DecideDisclosureOfficer(CaseState state, CommandContext context, Invitee? disclosureOfficer)
    {
        if (Check(state, context,
                "decide whether a Disclosure Officer attends the Scoping Panel",
                "Whether a Disclosure Officer attends cannot be recorded",
                "the invitations to the Scoping Panel have been sent",
                [TheSeniorInvestigatingOfficer, BoardManagerForAnSioOutsideTheDirectory],
                Stage.PreparingScopingPanel) is { } refused)
        {
            return refused;
        }

        if (state.DisclosureOfficerDecision is { } decided)
        {
            return Refuse($"Whether a Disclosure Officer attends was already decided by {decided.By.Name} on {Refusals.DateWords(Calendar.LondonTime.DateOf(decided.At))}.");
        }

        var sio = SeniorInvestigatingOfficerOf(state)!.Member;
        if (disclosureOfficer is null)
        {
            return Accept(new DisclosureOfficerDecided(sio, null) { At = context.Now, By = context.Actor });
        }

        if (InviteeProblem(disclosureOfficer, "The Disclosure Officer") is { } problem)
        {
            return Refuse(problem, "Disclosure Officer");
        }

        var officer = InviteeActor(state, context, disclosureOfficer);
        if (state.InvitationOf(officer.Id) is not null || state.PanelChair?.Id == officer.Id || state.MinuteTaker?.Id == officer.Id)
        {
            return Refuse($"{officer.Name} already takes part in the Scoping Panel; the Disclosure Officer is someone else.", "Disclosure Officer");
        }

        var facts = new List<CaseEvent>
        {
            new DisclosureOfficerDecided(sio, officer) { At = context.Now, By = context.Actor },
            new PanelMemberInvited(officer, PanelCapacity.DisclosureOfficer, null, disclosureOfficer.Email.Trim()) { At = context.Now, By = context.Actor },
        };
        if (!state.HasRole(officer.Id, Role.PanelMember))
        {
            facts.Add(new CaseRoleAssigned(officer, Role.PanelMember, null) { At = context.Now, By = context.Actor });
        }

        return Accept(facts);
    }

    // ── Discrepancies: the board alerts every other partner ──

    /// <summary>
    /// The records checks of the other partners that report discrepancies against the details as last corrected (a
    /// correction answers the discrepancies before it).
    /// </summary>
    public static IReadOnlyList<RecordCheck> OtherPartnersDiscrepancies(CaseState state, AgencyId agency)
    {
        ArgumentNullException.ThrowIfNull(state);
        var corrected = state.DetailsCorrectedAt ?? DateTimeOffset.MinValue;
        return state.RecordChecks.Where(c => c.Agency != agency && c.Discrepancies.Count > 0 && c.At > corrected).ToList();
    }

    /// <summary>
    /// Whether a partner is still to be alerted to discrepancies other partners reported: one came in after the partner
    /// last saw them or last returned its own records check (whose card shows them).
    /// </summary>
    public static bool DiscrepancyAlertOpen(CaseState state, AgencyId agency)
    {
        ArgumentNullException.ThrowIfNull(state);
        var seen = new[] { state.RecordCheckOf(agency)?.At, state.DiscrepancyAlertsSeen.FirstOrDefault(a => a.Agency == agency)?.At }.Max() ?? DateTimeOffset.MinValue;
        return state.PartnersSentChildDetails.Contains(agency) && OtherPartnersDiscrepancies(state, agency).Any(c => c.At > seen);
    }

    /// <summary>
    /// A partner's representative has seen the discrepancies the other partners reported (the toolkit: discrepancies are
    /// shared with the Board Manager "in order to alert other partner agencies"): its records check stands as returned,
    /// or is still to come with them in mind.
    /// </summary>
    public static Outcome SeeOtherPartnersDiscrepancies(CaseState state, CommandContext context, AgencyId agency)
    {
        var name = AgencyName(state, context, agency);
        if (Check(state, context,
                "record that this agency has seen the other partners' discrepancies",
                "The other partners' discrepancies cannot be recorded as seen",
                AfterConvening,
                [Who.RepresentativeOf(agency, name)],
                Stage.PreparingScopingPanel) is { } refused)
        {
            return refused;
        }

        if (!state.PartnersSentChildDetails.Contains(agency))
        {
            return Refuse($"{name} has not been sent the child's details, so it has no discrepancies to see.");
        }

        if (!DiscrepancyAlertOpen(state, agency))
        {
            return OtherPartnersDiscrepancies(state, agency).Count == 0
                ? Refuse($"No other partner has reported a discrepancy for {name} to see.")
                : Refuse($"{name} has already seen the discrepancies the other partners reported.");
        }

        return Accept(new OtherPartnersDiscrepanciesSeen(agency) { At = context.Now, By = context.Actor });
    }

    /// <summary>Whether an agency's records check is in and answers the details as last corrected.</summary>
    public static bool CheckIsIn(CaseState state, AgencyId agency)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.RecordCheckOf(agency) is { } check && (state.DetailsCorrectedAt is not { } corrected || check.At >= corrected);
    }

    private static string? InviteeProblem(Invitee invitee, string who)
    {
        if (string.IsNullOrWhiteSpace(invitee.Name) || string.IsNullOrWhiteSpace(invitee.Email))
        {
            return $"{who} needs a name and an email address.";
        }

        var email = invitee.Email.Trim();
        if (invitee.Name.Trim().Length > FormLimits.Name || email.Length > FormLimits.Contact)
        {
            return $"{who}'s name or email address is too long.";
        }

        return email.Count(c => c == '@') == 1 && email.IndexOf('@', StringComparison.Ordinal) > 0 && !email.EndsWith('@') && !email.Contains(' ', StringComparison.Ordinal)
            ? null
            : $"{who}'s email address ({email}) is not an email address.";
    }

    /// <summary>A person on the board's directory (matched by email) keeps their identity; anyone else is known by their email address.</summary>
    private static Actor InviteeActor(CaseState state, CommandContext context, Invitee invitee)
    {
        var email = invitee.Email.Trim();
        var member = new[] { state.LeadBoard }.Concat(state.CooperatingBoards)
            .Select(context.Directory.Find).OfType<Board>().SelectMany(b => b.Members)
            .FirstOrDefault(m => string.Equals(m.Email, email, StringComparison.OrdinalIgnoreCase));
        return member is not null ? ActorFor(member) : new Actor(new PersonId("mail:" + email.ToLowerInvariant()), invitee.Name.Trim());
    }

    private static string RoleNames(Role role) => Refusals.RoleWords(role)["the ".Length..];

    private static bool IsInvolved(CaseState state, AgencyId agency) =>
        state.ChosenAgencies.Contains(agency) || state.PartnersSentChildDetails.Contains(agency) || state.Invitations.Any(i => i.Agency == agency);
}
