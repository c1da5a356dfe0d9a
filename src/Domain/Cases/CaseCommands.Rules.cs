using ScrBot.Domain.Boards;
using ScrBot.Domain.Referral;

namespace ScrBot.Domain.Cases;

public static partial class CaseCommands
{
    /// <summary>Someone who may do a step: words for the refusal, and the test.</summary>
    private sealed record Who(string Words, Func<CaseState, CommandContext, bool> Allows)
    {
        public static Who Holding(Role role) =>
            new(Refusals.RoleWords(role), (state, context) => CaseAccess.HasRoleOnCase(state, context.Actor.Id, role, context.Directory));

        public static readonly Who BoardManager = Holding(Role.BoardManager);
        public static readonly Who IndependentChair = Holding(Role.IndependentChair);
        public static readonly Who SubgroupChair = Holding(Role.SubgroupChair);
        public static readonly Who SubgroupViceChair = Holding(Role.SubgroupViceChair);
        public static readonly Who IndependentReviewer = Holding(Role.IndependentReviewer);
        public static readonly Who DirectorOfChildrensServices = Holding(Role.DirectorOfChildrensServices);
        public static readonly Who AnyAgencyRepresentative = Holding(Role.AgencyRepresentative);

        public static readonly Who PanelChair = new("the panel chair", (state, context) => state.PanelChair?.Id == context.Actor.Id);

        public static readonly Who AnyoneOnTheCase =
            new("someone with a role on this case", (state, context) => CaseAccess.HasRoleOnCase(state, context.Actor.Id, context.Directory));

        public static readonly Who PanelAttendee = new(
            "someone invited to the Scoping Panel, its chair or its minute taker",
            (state, context) => IsPanelAttendee(state, context.Actor.Id));

        public static readonly Who Invited = new(
            "someone invited to the Scoping Panel",
            (state, context) => state.InvitationOf(context.Actor.Id) is not null);

        public static Who RepresentativeOf(AgencyId agency, string agencyName) =>
            new($"{agencyName}'s representative", (state, context) => CaseAccess.RepresentsAgency(state, context.Actor.Id, agency));

        public static readonly Who ChildrensSocialCare = new("children's social care", (state, context) => IsChildrensSocialCare(state, context));

        public static readonly Who NotifyingOfficer = Holding(Role.NotifyingOfficer);
    }

    private static bool IsPanelAttendee(CaseState state, PersonId person) =>
        state.InvitationOf(person) is not null || state.PanelChair?.Id == person || state.MinuteTaker?.Id == person;

    private static bool IsChildrensSocialCare(CaseState state, CommandContext context)
    {
        bool Csc(AgencyId? agency) =>
            agency is { } id && AgencyOf(state, context.Directory, id)?.Kind == AgencyKind.ChildrensSocialCare;

        // Anyone the board lists for its children's social care: its representative, or its officer who notifies Ofsted.
        var person = context.Actor.Id;
        var onBoard = context.Directory.Find(state.LeadBoard)?.Members
            .Any(m => m.Person == person && m.Role is (Role.AgencyRepresentative or Role.NotifyingOfficer) && Csc(m.Agency)) ?? false;
        var onCase = state.Roles.Any(r => r.Person.Id == person && (r.Role is Role.AgencyRepresentative or Role.Referrer) && Csc(r.Agency));
        return onBoard || onCase;
    }

    /// <summary>
    /// The one check every case command starts with: the case exists, the actor may do this, and the case is at a stage
    /// where it can be done. Null when all is well.
    /// </summary>
    /// <param name="can">"record the Chair's decision" (Only … can …).</param>
    /// <param name="cannot">"The Chair's decision cannot be recorded".</param>
    /// <param name="before">"the Scoping Panel has made its recommendation" (… before …).</param>
    private static Outcome? Check(
        CaseState state,
        CommandContext context,
        string can,
        string cannot,
        string before,
        Who[] who,
        params Stage[] stages)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(context);
        if (!state.Exists)
        {
            return Outcome.Refused(Refusals.NoCase);
        }

        if (!who.Any(w => w.Allows(state, context)))
        {
            return Outcome.Refused(Refusals.OnlyWho(who.Select(w => w.Words).ToList(), can));
        }

        if (stages.Contains(state.Stage))
        {
            return null;
        }

        if (state.Stage == Stage.Closed)
        {
            return Outcome.Refused(Refusals.Closed(cannot));
        }

        return state.Stage < stages.Min()
            ? Outcome.Refused(Refusals.NotBefore(cannot, before, state.Stage))
            : Outcome.Refused(Refusals.NotNow(cannot, state.Stage));
    }

    private static Outcome Accept(params IEnumerable<CaseEvent> facts) => Outcome.Accepted(facts.ToList());

    private static Outcome Refuse(string reason, string? field = null) => Outcome.Refused(reason, field);

    private static Outcome Refuse(List<Refusal> refusals) => Outcome.Refused(refusals);

    /// <summary>Required free text, within its limit: a refusal reason, or null.</summary>
    private static string? TextProblem(string? value, string label, int max = FormLimits.Details)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return $"{label} {(label.EndsWith("reasons", StringComparison.OrdinalIgnoreCase) ? "are" : "is")} required.";
        }

        return value.Trim().Length > max ? Refusals.TooLong(label, max) : null;
    }

    private static string? OptionalTextProblem(string? value, string label, int max = FormLimits.Details) =>
        value is not null && value.Trim().Length > max ? Refusals.TooLong(label, max) : null;

    private static string? NotInFuture(DateOnly date, string label, CommandContext context) =>
        date > context.Today ? $"{label} ({Refusals.DateWords(date)}) is in the future." : null;

    private static Agency? AgencyOf(CaseState state, BoardDirectory directory, AgencyId agency) =>
        new[] { state.LeadBoard }.Concat(state.CooperatingBoards)
            .Select(board => directory.FindAgency(board, agency))
            .FirstOrDefault(a => a is not null);

    private static string AgencyName(CaseState state, CommandContext context, AgencyId agency) =>
        AgencyOf(state, context.Directory, agency)?.Name ?? agency.Value;

    /// <summary>
    /// The board members who represent this agency, on the board the agency belongs to: the people an invitation to the
    /// Scoping Panel for the agency reaches (an agency without one cannot be invited).
    /// </summary>
    public static IEnumerable<BoardMember> RepresentativesOf(CaseState state, BoardDirectory directory, AgencyId agency) =>
        new[] { state.LeadBoard }.Concat(state.CooperatingBoards)
            .Select(directory.Find)
            .OfType<Board>()
            .Where(b => b.Agencies.Any(a => a.Id == agency))
            .SelectMany(b => b.Members)
            .Where(m => m.Role == Role.AgencyRepresentative && m.Agency == agency)
            .DistinctBy(m => m.Person);

    /// <summary>Give the representatives of these agencies the agency representative role on the case, where they lack it.</summary>
    private static IEnumerable<CaseEvent> AssignRepresentatives(CaseState state, CommandContext context, IEnumerable<AgencyId> agencies) =>
        agencies
            .SelectMany(agency => RepresentativesOf(state, context.Directory, agency).Select(member => (agency, member)))
            .Where(x => !CaseAccess.RepresentsAgency(state, x.member.Person, x.agency))
            .Select(x => new CaseRoleAssigned(new Actor(x.member.Person, x.member.Name), Role.AgencyRepresentative, x.agency)
            {
                At = context.Now,
                By = context.Actor,
            });

    private static Actor ActorFor(BoardMember member) => new(member.Person, member.Name);
}
