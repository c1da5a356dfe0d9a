using ScrBot.Domain.Boards;
using ScrBot.Domain.Referral;

namespace ScrBot.Domain.Cases;

/// <summary>A reviewer as the recommendation names them: a reviewer of the board's directory, or a name typed.</summary>
public sealed record ReviewerNomination(string? Name, PersonId? Person)
{
    public static ReviewerNomination Named(string name) => new(name, null);

    public static ReviewerNomination InDirectory(PersonId person) => new(null, person);
}

public static partial class CaseCommands
{
    private const string AfterReviewDecision = "the Independent Chair has decided to hold a review";

    private static readonly Stage[] ReviewerStages = [Stage.AfterDecision, Stage.Review];

    /// <summary>
    /// The sub-group recommends a lead reviewer, and optionally a second reviewer, to the Independent Chair and the
    /// Director of Children's Services (flow chart): recorded by the Sub-group Chair (the Vice-Chair when the Chair has
    /// declared direct involvement with the child) or by the Board Manager on the sub-group's behalf. The reviewers come
    /// from the National Panel's list of accredited reviewers, another local authority's recommendation, or elsewhere;
    /// their training, experience and references or previous work are checked, and the lead reviewer's independence
    /// from the case confirmed, before the recommendation is made.
    /// </summary>
    public static Outcome RecommendReviewer(
        CaseState state,
        CommandContext context,
        ReviewerNomination lead,
        ReviewerNomination? second,
        ReviewerSource source,
        string? sourceDetails,
        ReviewerChecks checks)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(checks);
        if (Check(state, context,
                "recommend the reviewer",
                "A reviewer cannot be recommended",
                AfterReviewDecision,
                [Who.SubgroupChair, Who.SubgroupViceChair, Who.BoardManager],
                ReviewerStages) is { } refused)
        {
            return refused;
        }

        if (state.SubgroupChairInvolvement is not null && !Who.SubgroupViceChair.Allows(state, context) && !Who.BoardManager.Allows(state, context))
        {
            return Refuse("The Sub-group Chair has declared direct involvement with this child, so the Sub-group Vice-Chair (or the Board Manager on the sub-group's behalf) recommends the reviewer.");
        }

        if (NotAReviewDecision(state) is { } notReview)
        {
            return notReview;
        }

        if (state.CurrentReviewerRound is { } current && (current.Awaiting || current.Appointed))
        {
            return Refuse(current.Appointed
                ? $"{ReviewerNames(current)} {(current.Second is null ? "was" : "were")} appointed on {Refusals.DateWords(Calendar.LondonTime.DateOf(current.AppointedAt!.Value))}; a new reviewer is recommended only once they are replaced."
                : $"{ReviewerNames(current)} {(current.Second is null ? "is" : "are")} already recommended, waiting for the Independent Chair and the Director of Children's Services.");
        }

        var problems = new List<Refusal>();
        var leadReviewer = Nominated(state, context, lead, "The lead reviewer", problems);
        var secondReviewer = second is null || (string.IsNullOrWhiteSpace(second.Name) && second.Person is null)
            ? null
            : Nominated(state, context, second, "The second reviewer", problems);
        if (leadReviewer is not null && secondReviewer is not null && SameReviewer(leadReviewer, secondReviewer))
        {
            problems.Add(new Refusal($"{leadReviewer.Name} is named twice: the second reviewer is someone else.", "Second reviewer"));
        }

        if (!Enum.IsDefined(source))
        {
            problems.Add(new Refusal("Say where the reviewer comes from: the National Panel's list, another local authority's recommendation, or elsewhere.", "Source"));
        }
        else if (source != ReviewerSource.NationalPanelList && TextProblem(sourceDetails, source == ReviewerSource.AnotherLocalAuthority
                     ? "The local authority that recommended the reviewer"
                     : "Where the reviewer comes from", FormLimits.Contact) is { } missingSource)
        {
            problems.Add(new Refusal(missingSource, "Source"));
        }

        var unchecked_ = new List<string>();
        if (!checks.Training)
        {
            unchecked_.Add("their relevant training");
        }

        if (!checks.Experience)
        {
            unchecked_.Add("their experience");
        }

        if (!checks.ReferencesOrPreviousWork)
        {
            unchecked_.Add("their references or previous work");
        }

        if (!checks.Independence)
        {
            unchecked_.Add("the lead reviewer's independence from the case");
        }

        if (unchecked_.Count > 0)
        {
            problems.Add(new Refusal($"Before a reviewer is recommended, confirm {Refusals.Both(unchecked_)}.", "Checks"));
        }

        if (problems.Count > 0)
        {
            return Refuse(problems);
        }

        var details = source == ReviewerSource.NationalPanelList || string.IsNullOrWhiteSpace(sourceDetails) ? null : sourceDetails.Trim();
        return Accept(new ReviewerRecommended(state.ReviewerRounds.Count + 1, leadReviewer!, secondReviewer, source, details, checks) { At = context.Now, By = context.Actor });
    }

    /// <summary>
    /// The Independent Chair or the Director of Children's Services (<paramref name="answeringAs"/>) agrees to the
    /// recommended reviewer, or declines with reasons. Once both have agreed the reviewer is appointed, and a reviewer who
    /// uses ScrBot is given the independent reviewer's role on the case; a decline sends the recommendation back to the
    /// sub-group.
    /// </summary>
    public static Outcome AnswerReviewerAppointment(CaseState state, CommandContext context, Role answeringAs, bool agreed, string? reasons)
    {
        if (Check(state, context,
                "decide the reviewer's appointment",
                "The reviewer's appointment cannot be decided",
                AfterReviewDecision,
                [Who.IndependentChair, Who.DirectorOfChildrensServices],
                ReviewerStages) is { } refused)
        {
            return refused;
        }

        if (answeringAs is not (Role.IndependentChair or Role.DirectorOfChildrensServices))
        {
            return Refuse("The reviewer's appointment is decided by the Independent Chair and the Director of Children's Services.");
        }

        if (!Who.Holding(answeringAs).Allows(state, context))
        {
            return Refuse($"Only {Refusals.RoleWords(answeringAs)} can answer for {Refusals.RoleWords(answeringAs)}.");
        }

        if (state.CurrentReviewerRound is not { } round)
        {
            return Refuse("No reviewer has been recommended yet: the sub-group recommends one first.");
        }

        if (round.Appointed)
        {
            return Refuse($"{ReviewerNames(round)} {(round.Second is null ? "was" : "were")} already appointed on {Refusals.DateWords(Calendar.LondonTime.DateOf(round.AppointedAt!.Value))}.");
        }

        if (!round.Awaiting)
        {
            var declined = round.Chair is { Agreed: false } ? round.Chair : round.Director!;
            return Refuse($"The recommendation of {ReviewerNames(round)} was declined by {declined.By.Name} on {Refusals.DateWords(Calendar.LondonTime.DateOf(declined.At))}; the sub-group recommends again.");
        }

        if (round.AnswerOf(answeringAs) is { } already)
        {
            return Refuse($"{Capitalise(Refusals.RoleWords(answeringAs))} already {(already.Agreed ? "agreed" : "declined")} on {Refusals.DateWords(Calendar.LondonTime.DateOf(already.At))} ({already.By.Name}).");
        }

        if (!agreed && string.IsNullOrWhiteSpace(reasons))
        {
            return Refuse("Give the reasons for declining: the sub-group is told them when it recommends again.", "Reasons");
        }

        if (OptionalTextProblem(reasons, "The reasons") is { } tooLong)
        {
            return Refuse(tooLong, "Reasons");
        }

        var facts = new List<CaseEvent>
        {
            new ReviewerAppointmentAnswered(round.Round, answeringAs, agreed, string.IsNullOrWhiteSpace(reasons) ? null : reasons.Trim()) { At = context.Now, By = context.Actor },
        };
        var other = answeringAs == Role.IndependentChair ? round.Director : round.Chair;
        if (agreed && other is { Agreed: true })
        {
            facts.Add(new ReviewerAppointed(round.Round, round.Lead, round.Second) { At = context.Now, By = context.Actor });
            facts.AddRange(round.Reviewers
                .Where(r => r.Person is { } person && !state.HasRole(person, Role.IndependentReviewer))
                .Select(r => new CaseRoleAssigned(new Actor(r.Person!.Value, r.Name), Role.IndependentReviewer, null) { At = context.Now, By = context.Actor }));
        }

        return Accept(facts);
    }

    /// <summary>
    /// The Board Manager or the Independent Chair replaces the appointed reviewer(s), with a written reason: their role
    /// on the case is withdrawn, the appointment stays in the case's history, and the sub-group recommends a new reviewer.
    /// </summary>
    public static Outcome ReplaceReviewer(CaseState state, CommandContext context, string reason)
    {
        if (Check(state, context,
                "replace the reviewer",
                "The reviewer cannot be replaced",
                AfterReviewDecision,
                [Who.BoardManager, Who.IndependentChair],
                ReviewerStages) is { } refused)
        {
            return refused;
        }

        if (state.CurrentReviewerRound is not { Appointed: true } round)
        {
            return Refuse(state.CurrentReviewerRound?.Replaced is { } replaced
                ? $"The reviewer was already replaced by {replaced.By.Name} on {Refusals.DateWords(Calendar.LondonTime.DateOf(replaced.At))}; no reviewer is appointed now."
                : "No reviewer has been appointed on this case, so there is none to replace.");
        }

        if (TextProblem(reason, "The reason for replacing the reviewer") is { } problem)
        {
            return Refuse(problem, "Reason");
        }

        var facts = new List<CaseEvent> { new ReviewerReplaced(round.Round, reason.Trim()) { At = context.Now, By = context.Actor } };
        facts.AddRange(round.Reviewers
            .Where(r => r.Person is { } person && state.HasRole(person, Role.IndependentReviewer))
            .Select(r => new CaseRoleRemoved(r.Person!.Value, Role.IndependentReviewer) { At = context.Now, By = context.Actor }));
        return Accept(facts);
    }

    /// <summary>
    /// The Board Manager tells the National Panel who was appointed to lead the Serious Case Review (D8: the Panel is
    /// given the name of the appointed reviewer), after each appointment; where the Panel was told of the decision before
    /// a reviewer was appointed, this is the follow-up with the names.
    /// </summary>
    public static Outcome TellNationalPanelOfReviewers(CaseState state, CommandContext context, DateOnly sentOn)
    {
        if (Check(state, context,
                "record that the National Panel was told who was appointed",
                "The National Panel cannot be recorded as told of the reviewer",
                AfterReviewDecision,
                [Who.BoardManager],
                Stage.AfterDecision, Stage.Review, Stage.ReportAndPublication, Stage.ActionPlan) is { } refused)
        {
            return refused;
        }

        if (state.DecidedOption != RecommendationOption.FormalSeriousCaseReview)
        {
            return Refuse($"The National Panel is given the names of the reviewers of a Serious Case Review; this case holds {Refusals.OptionWords(state.DecidedOption!.Value)}.");
        }

        if (state.CurrentReviewerRound is not { Appointed: true } round)
        {
            return Refuse("No reviewer is appointed on this case now: the National Panel is told once one is.");
        }

        if (round.NationalPanelTold is { } told)
        {
            return Refuse($"The National Panel was already told of this appointment on {Refusals.DateWords(told.SentOn)} ({told.By.Name}).");
        }

        if (NotInFuture(sentOn, "The date the National Panel was told", context) is { } future)
        {
            return Refuse(future);
        }

        var appointedOn = Calendar.LondonTime.DateOf(round.AppointedAt!.Value);
        if (sentOn < appointedOn)
        {
            return Refuse($"The National Panel cannot have been told ({Refusals.DateWords(sentOn)}) before the reviewer was appointed ({Refusals.DateWords(appointedOn)}).");
        }

        var names = string.Join(", ", round.Reviewers.Select((r, i) => $"{r.Name} ({(i == 0 ? "lead reviewer" : "second reviewer")})"));
        return Accept(new NotificationSent(NotificationRecipient.NationalPanel, sentOn, $"The reviewers appointed: {names}.") { At = context.Now, By = context.Actor });
    }

    /// <summary>
    /// The Board Manager records the Review Team once the review is decided (flow chart): the key organisations involved
    /// in the case, each represented by a manager of sufficient seniority.
    /// </summary>
    public static Outcome RecordReviewTeam(CaseState state, CommandContext context, IReadOnlyList<ReviewTeamMember> members, bool seniorityConfirmed)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (Check(state, context,
                "record the Review Team",
                "The Review Team cannot be recorded",
                AfterReviewDecision,
                [Who.BoardManager],
                ReviewerStages) is { } refused)
        {
            return refused;
        }

        if (NotAReviewDecision(state) is { } notReview)
        {
            return notReview;
        }

        if (state.ReviewTeam is { } recorded)
        {
            return Refuse($"The Review Team was already recorded on {Refusals.DateWords(Calendar.LondonTime.DateOf(recorded.At))} ({recorded.By.Name}).");
        }

        var problems = new List<Refusal>();
        var team = members.Select(m => new ReviewTeamMember(m.Organisation?.Trim() ?? "", m.Manager?.Trim() ?? "")).Where(m => m.Organisation.Length > 0 || m.Manager.Length > 0).ToList();
        if (team.Count == 0)
        {
            problems.Add(new Refusal("Name at least one organisation and the manager who represents it.", "Review Team"));
        }

        foreach (var member in team)
        {
            if (member.Organisation.Length == 0)
            {
                problems.Add(new Refusal($"Name the organisation {member.Manager} represents.", "Review Team"));
            }
            else if (member.Manager.Length == 0)
            {
                problems.Add(new Refusal($"Name the manager who represents {member.Organisation}.", "Review Team"));
            }
            else if (member.Organisation.Length > FormLimits.AgencyName || member.Manager.Length > FormLimits.Contact)
            {
                problems.Add(new Refusal($"An organisation's name or its manager's is too long: {member.Organisation[..Math.Min(20, member.Organisation.Length)]}….", "Review Team"));
            }
        }

        if (team.Count > 0 && !seniorityConfirmed)
        {
            problems.Add(new Refusal("Confirm that each organisation is represented by a manager of sufficient seniority.", "Seniority"));
        }

        return problems.Count > 0 ? Refuse(problems) : Accept(new ReviewTeamRecorded(team, true) { At = context.Now, By = context.Actor });
    }

    /// <summary>
    /// The Board Manager records the Case Team once the review is decided (flow chart): the staff and managers who were
    /// directly involved in the case, and family members.
    /// </summary>
    public static Outcome RecordCaseTeam(CaseState state, CommandContext context, IReadOnlyList<string> staffAndManagers, IReadOnlyList<string> familyMembers)
    {
        ArgumentNullException.ThrowIfNull(staffAndManagers);
        ArgumentNullException.ThrowIfNull(familyMembers);
        if (Check(state, context,
                "record the Case Team",
                "The Case Team cannot be recorded",
                AfterReviewDecision,
                [Who.BoardManager],
                ReviewerStages) is { } refused)
        {
            return refused;
        }

        if (NotAReviewDecision(state) is { } notReview)
        {
            return notReview;
        }

        if (state.CaseTeam is { } recorded)
        {
            return Refuse($"The Case Team was already recorded on {Refusals.DateWords(Calendar.LondonTime.DateOf(recorded.At))} ({recorded.By.Name}).");
        }

        var staff = staffAndManagers.Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
        var family = familyMembers.Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
        var problems = new List<Refusal>();
        if (staff.Count == 0)
        {
            problems.Add(new Refusal("Name the staff and managers who were directly involved in the case.", "Staff and managers"));
        }

        if (staff.Concat(family).FirstOrDefault(s => s.Length > FormLimits.Contact) is { } longLine)
        {
            problems.Add(new Refusal($"A line is longer than {FormLimits.Contact} characters: {longLine[..20]}….", "Case Team"));
        }

        return problems.Count > 0 ? Refuse(problems) : Accept(new CaseTeamRecorded(staff, family) { At = context.Now, By = context.Actor });
    }

    /// <summary>"Rowan Reviewer" or "Rowan Reviewer and Sam Second".</summary>
    public static string ReviewerNames(ReviewerRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        return Refusals.Both(round.Reviewers.Select(r => r.Name).ToList());
    }

    private static Outcome? NotAReviewDecision(CaseState state) =>
        state.ReviewDecided
            ? null
            : Refuse($"A reviewer is recommended only after a decision to hold a Serious Case Review or a multi-agency learning review (the decision was: {Refusals.OptionWords(state.DecidedOption!.Value)}).");

    /// <summary>
    /// The reviewer named: a reviewer of the board's directory keeps their identity (they are given their cards in
    /// ScrBot once appointed); a name typed is a reviewer who does not use ScrBot. A reviewer replaced on this case is
    /// not recommended again.
    /// </summary>
    private static ProposedReviewer? Nominated(CaseState state, CommandContext context, ReviewerNomination nomination, string who, List<Refusal> problems)
    {
        var field = who == "The lead reviewer" ? "Lead reviewer" : "Second reviewer";
        ProposedReviewer proposed;
        if (nomination.Person is { } person)
        {
            var member = new[] { state.LeadBoard }.Concat(state.CooperatingBoards)
                .Select(context.Directory.Find).OfType<Board>().SelectMany(b => b.Members)
                .FirstOrDefault(m => m.Person == person && m.Role == Role.IndependentReviewer);
            if (member is null)
            {
                problems.Add(new Refusal($"{who} chosen is not one of the reviewers in the board's directory.", field));
                return null;
            }

            proposed = new ProposedReviewer(member.Name, member.Person);
        }
        else if (TextProblem(nomination.Name, $"{who}'s name", FormLimits.Name) is { } problem)
        {
            problems.Add(new Refusal(problem, field));
            return null;
        }
        else
        {
            proposed = new ProposedReviewer(nomination.Name!.Trim(), null);
        }

        if (state.ReviewerRounds.Where(r => r.Replaced is not null).SelectMany(r => r.Reviewers).FirstOrDefault(r => SameReviewer(r, proposed)) is { } replaced)
        {
            problems.Add(new Refusal($"{replaced.Name} was replaced as a reviewer of this case, so is not recommended again.", field));
            return null;
        }

        return proposed;
    }

    private static bool SameReviewer(ProposedReviewer a, ProposedReviewer b) =>
        (a.Person is { } person && person == b.Person) || string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase);
}
