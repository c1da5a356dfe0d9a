using ScrBot.Domain.Boards;

namespace ScrBot.Domain.Cases;

public static partial class CaseCommands
{
    // ── Stage 2: triage ───────────────────────────────────────────────────────────────────────────────────

    /// <summary>The Board Manager informs the Independent Chair and the Sub-group Chair of the notification (D2).</summary>
    public static Outcome InformChairs(CaseState state, CommandContext context)
    {
        if (Check(state, context,
                "inform the Chairs of a referral",
                "The Chairs cannot be informed",
                "the referral has been received",
                [Who.BoardManager],
                Stage.Triage, Stage.SubgroupDecision) is { } refused)
        {
            return refused;
        }

        if (state.ChairsInformed.Count > 0)
        {
            return Refuse("The Independent Chair and the Sub-group Chair have already been informed of this referral.");
        }

        var chairs = context.Directory.WithRole(state.LeadBoard, Role.IndependentChair)
            .Concat(context.Directory.WithRole(state.LeadBoard, Role.SubgroupChair))
            .DistinctBy(m => m.Person)
            .Select(ActorFor)
            .ToList();
        if (chairs.Count == 0)
        {
            return Refuse("The board has no Independent Chair or Sub-group Chair in its directory to inform.");
        }

        return Accept(new ChairsInformed(chairs) { At = context.Now, By = context.Actor });
    }

    /// <summary>The longest reason for handing a case to another board.</summary>
    public const int MaxHandOverReason = 2000;

    /// <summary>
    /// The lead board's Board Manager hands the case to another board of the deployment, which leads from then on
    /// (the board of the child's home area, or of the responsible local authority for a looked-after child), with the
    /// reason; the board handing it over cooperates.
    /// </summary>
    public static Outcome HandToBoard(CaseState state, CommandContext context, BoardId to, string reason)
    {
        if (Check(state, context,
                "hand the case to another board",
                "The case cannot be handed to another board",
                "the referral has been received",
                [Who.BoardManager],
                Stage.Triage, Stage.SubgroupDecision, Stage.PreparingScopingPanel) is { } refused)
        {
            return refused;
        }

        if (context.Directory.Find(to) is null)
        {
            return Refuse($"There is no board '{to.Value}' to hand the case to.");
        }

        if (to == state.LeadBoard)
        {
            return Refuse("The case is already led by that board.");
        }

        var why = reason?.Trim() ?? "";
        if (why.Length == 0)
        {
            return Refuse("Give the reason for handing the case to another board.");
        }

        if (why.Length > MaxHandOverReason)
        {
            return Refuse($"The reason is longer than {MaxHandOverReason} characters.");
        }

        return Accept(new LeadBoardHandedOver(state.LeadBoard, to, why) { At = context.Now, By = context.Actor });
    }

    /// <summary>The Board Manager decides when the sub-group meets about the case, possibly an extraordinary meeting.</summary>
    public static Outcome ArrangeSubgroupMeeting(CaseState state, CommandContext context, DateOnly meetingDate, bool extraordinary)
    {
        if (Check(state, context,
                "arrange the sub-group meeting",
                "The sub-group meeting cannot be arranged",
                "the referral has been received",
                [Who.BoardManager],
                Stage.Triage, Stage.SubgroupDecision) is { } refused)
        {
            return refused;
        }

        if (state.ChairsInformed.Count == 0)
        {
            return Refuse("The sub-group meeting cannot be arranged before the Independent Chair and the Sub-group Chair have been informed of the referral.");
        }

        if (meetingDate < context.Today)
        {
            return Refuse($"The sub-group meeting date ({Refusals.DateWords(meetingDate)}) is in the past.");
        }

        return Accept(new SubgroupMeetingArranged(meetingDate, extraordinary) { At = context.Now, By = context.Actor });
    }

    /// <summary>
    /// Children's social care records that it notified Ofsted and the board of a notifiable incident (D1). The local
    /// authority owes this whatever the board decides, so it can be recorded on a closed case too.
    /// </summary>
    public static Outcome ReportNotifiableIncident(CaseState state, CommandContext context, DateOnly reportedOn)
    {
        if (Check(state, context,
                "record that a notifiable incident was reported to Ofsted",
                "The notifiable incident cannot be recorded as reported",
                "the referral has been received",
                [Who.NotifyingOfficer, Who.ChildrensSocialCare, Who.BoardManager],
                Stage.Triage, Stage.SubgroupDecision, Stage.PreparingScopingPanel, Stage.ScopingPanel, Stage.IndependentChairDecision,
                Stage.AfterDecision, Stage.Review, Stage.ReportAndPublication, Stage.ActionPlan, Stage.Closed) is { } refused)
        {
            return refused;
        }

        if (state.NotifiableIncidentReportedOn is { } already)
        {
            return Refuse($"The notifiable incident has already been recorded as reported to Ofsted (on {Refusals.DateWords(already)}).");
        }

        if (NotInFuture(reportedOn, "The date Ofsted was notified", context) is { } future)
        {
            return Refuse(future);
        }

        if (state.Form is { } form && reportedOn < form.Incident.Date)
        {
            return Refuse($"The date Ofsted was notified ({Refusals.DateWords(reportedOn)}) is earlier than the incident ({Refusals.DateWords(form.Incident.Date)}).");
        }

        return Accept(new NotifiableIncidentReported(reportedOn) { At = context.Now, By = context.Actor });
    }

    /// <summary>
    /// The Board Manager settles a possible duplicate found at triage: the same child as the other case (the cases are
    /// linked, on one clock from the earlier referral) or not the same child. Who and when are kept.
    /// </summary>
    public static Outcome ResolvePossibleDuplicate(CaseState state, CommandContext context, CaseReference other, bool sameChild, DateOnly? otherReferredOn = null)
    {
        if (Check(state, context,
                "settle a possible duplicate",
                "A possible duplicate cannot be settled",
                "the referral has been received",
                [Who.BoardManager],
                Stage.Triage, Stage.SubgroupDecision) is { } refused)
        {
            return refused;
        }

        if (other == state.Reference)
        {
            return Refuse("A case cannot be a duplicate of itself.");
        }

        if (state.DuplicateResolutions.FirstOrDefault(d => d.Other == other) is { } done)
        {
            return Refuse($"Whether this is the same child as {other} was already recorded by {done.By.Name}.");
        }

        if (sameChild && state.SameChildAs is { } linked)
        {
            return Refuse($"This case is already linked to {linked} as the same child.");
        }

        return Accept(new PossibleDuplicateResolved(other, sameChild, sameChild ? otherReferredOn : null) { At = context.Now, By = context.Actor });
    }

    /// <summary>
    /// The Board Manager records the routes the toolkit names: a referral from the Child Death Overview Panel, a Domestic
    /// Homicide Review (the SCR takes precedence for a victim under 18), and parallel reviews whose leads must be engaged
    /// from the scoping stage.
    /// </summary>
    public static Outcome RecordRoutes(
        CaseState state,
        CommandContext context,
        bool fromChildDeathOverviewPanel,
        bool domesticHomicideReview,
        bool youthJusticeBoardReview,
        bool probationOmbudsmanInvestigation,
        string? leads)
    {
        if (Check(state, context,
                "record the routes of a case",
                "The routes cannot be recorded",
                "the referral has been received",
                [Who.BoardManager],
                Stage.Triage, Stage.SubgroupDecision, Stage.PreparingScopingPanel) is { } refused)
        {
            return refused;
        }

        var trimmed = string.IsNullOrWhiteSpace(leads) ? null : leads.Trim();
        if (OptionalTextProblem(trimmed, "The leads of the parallel reviews") is { } tooLong)
        {
            return Refuse(tooLong);
        }

        if ((youthJusticeBoardReview || probationOmbudsmanInvestigation) && trimmed is null)
        {
            return Refuse("Name who leads the parallel review, so that they are engaged from the scoping stage.");
        }

        if (state.Routes is { } current && current.FromChildDeathOverviewPanel == fromChildDeathOverviewPanel
            && current.DomesticHomicideReview == domesticHomicideReview && current.YouthJusticeBoardReview == youthJusticeBoardReview
            && current.ProbationOmbudsmanInvestigation == probationOmbudsmanInvestigation && current.Leads == trimmed)
        {
            return Refuse($"Those routes were already recorded by {current.By.Name}.");
        }

        return Accept(new RoutesRecorded(fromChildDeathOverviewPanel, domesticHomicideReview, youthJusticeBoardReview, probationOmbudsmanInvestigation, trimmed)
        {
            At = context.Now,
            By = context.Actor,
        });
    }

    // ── Stage 3: the sub-group decision ───────────────────────────────────────────────────────────────────

    /// <summary>
    /// The Sub-group Chair declares direct involvement with the child: the Sub-group Vice-Chair records the decision
    /// and chairs the Scoping Panel instead.
    /// </summary>
    public static Outcome DeclareDirectInvolvement(CaseState state, CommandContext context, string details)
    {
        if (Check(state, context,
                "declare the Sub-group Chair's direct involvement with the child",
                "Direct involvement cannot be declared",
                "the sub-group meeting has been arranged",
                [Who.SubgroupChair],
                Stage.SubgroupDecision) is { } refused)
        {
            return refused;
        }

        if (state.SubgroupChairInvolvement is not null)
        {
            return Refuse("The Sub-group Chair's direct involvement with the child has already been declared.");
        }

        if (TextProblem(details, "What the direct involvement was") is { } problem)
        {
            return Refuse(problem);
        }

        if (context.Directory.WithRole(state.LeadBoard, Role.SubgroupViceChair).Count == 0)
        {
            return Refuse("The board has no Sub-group Vice-Chair in its directory to take the decision instead; ask the Board Manager.");
        }

        return Accept(new DirectInvolvementDeclared(details.Trim()) { At = context.Now, By = context.Actor });
    }

    /// <summary>
    /// The sub-group decides whether to convene a Scoping Panel. Not convening (another learning review, or no further
    /// action, with reasons) never closes the case: it is a recommendation to the Independent Chair, who makes the final
    /// decision, and the case waits for the Chair. After the Sub-group Chair declared direct involvement with the child,
    /// only the Vice-Chair records it.
    /// </summary>
    public static Outcome RecordSubgroupDecision(CaseState state, CommandContext context, SubgroupOutcome outcome, string reasons)
    {
        if (Check(state, context,
                "record the sub-group's decision",
                "The sub-group's decision cannot be recorded",
                "the sub-group meeting has been arranged",
                [Who.SubgroupChair, Who.SubgroupViceChair],
                Stage.SubgroupDecision) is { } refused)
        {
            return refused;
        }

        if (state.SubgroupChairInvolvement is not null && !Who.SubgroupViceChair.Allows(state, context))
        {
            return Refuse("The Sub-group Chair has declared direct involvement with this child, so only the Sub-group Vice-Chair can record the sub-group's decision.");
        }

        if (!Enum.IsDefined(outcome))
        {
            return Refuse("The sub-group's decision must be to convene a Scoping Panel, another learning review, or no further action.");
        }

        if (TextProblem(reasons, "The sub-group's reasons") is { } problem)
        {
            return Refuse(problem);
        }

        return Accept(new SubgroupDecided(outcome, reasons.Trim()) { At = context.Now, By = context.Actor });
    }

    // ── Roles given on one case ───────────────────────────────────────────────────────────────────────────

    /// <summary>The Board Manager gives someone a role on this case (e.g. an Education Safeguarding Officer).</summary>
    public static Outcome AssignCaseRole(CaseState state, CommandContext context, Actor person, Role role, AgencyId? agency)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (Check(state, context,
                "give someone a role on a case",
                "A role cannot be given",
                "the referral has been received",
                [Who.BoardManager],
                OpenStages) is { } refused)
        {
            return refused;
        }

        if (CaseAccess.BoardWideRoles.Contains(role))
        {
            return Refuse($"{Capitalise(Refusals.RoleWords(role))} holds that role on every case of the board through the board's directory; it is not given on one case.");
        }

        if (role == Role.AgencyRepresentative && agency is null)
        {
            return Refuse("An agency representative's role must say which agency they represent.");
        }

        if (agency is { } id && AgencyOf(state, context.Directory, id) is null)
        {
            return Refuse($"Agency '{id.Value}' is not one of the agencies of this case's boards.");
        }

        if (state.Roles.Any(r => r.Person.Id == person.Id && r.Role == role && r.Agency == agency))
        {
            return Refuse($"{person.Name} already has that role on this case.");
        }

        return Accept(new CaseRoleAssigned(person, role, agency) { At = context.Now, By = context.Actor });
    }

    /// <summary>The Board Manager takes a role on this case away from someone.</summary>
    public static Outcome RemoveCaseRole(CaseState state, CommandContext context, PersonId person, Role role)
    {
        if (Check(state, context,
                "take a role on a case away",
                "A role cannot be taken away",
                "the referral has been received",
                [Who.BoardManager],
                OpenStages) is { } refused)
        {
            return refused;
        }

        if (!state.HasRole(person, role))
        {
            return Refuse($"That person does not have the role of {Refusals.RoleWords(role)} on this case.");
        }

        return Accept(new CaseRoleRemoved(person, role) { At = context.Now, By = context.Actor });
    }

    private static readonly Stage[] OpenStages =
    [
        Stage.Triage, Stage.SubgroupDecision, Stage.PreparingScopingPanel, Stage.ScopingPanel, Stage.IndependentChairDecision,
        Stage.AfterDecision, Stage.Review, Stage.ReportAndPublication, Stage.ActionPlan,
    ];

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
