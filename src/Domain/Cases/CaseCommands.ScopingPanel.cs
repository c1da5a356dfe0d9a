using ScrBot.Domain.Boards;
using ScrBot.Domain.Referral;

namespace ScrBot.Domain.Cases;

public static partial class CaseCommands
{
    // ── Stage 5: the Scoping Panel meeting ────────────────────────────────────────────────────────────────

    /// <summary>
    /// An attendee (someone invited, the panel chair or the minute taker) signs the Scoping Panel Confidentiality
    /// Statement for the meeting now scheduled, typing their full name: the signature records the person, their agency,
    /// the typed name, the statement's version and the SHA-256 of its text, the meeting and the time. It cannot be made
    /// for someone else (the typed name must be the signer's own), twice for one meeting, or against a text that is not
    /// the published text of its version.
    /// </summary>
    /// <param name="typedName">The full name the attendee typed.</param>
    /// <param name="shownSha256">The hash of the text the attendee was shown (the card's); null when it is the statement's own.</param>
    public static Outcome SignConfidentialityStatement(CaseState state, CommandContext context, ConfidentialityStatement statement, string typedName, string? shownSha256 = null)
    {
        ArgumentNullException.ThrowIfNull(statement);
        if (Check(state, context,
                "sign the Scoping Panel's confidentiality statement",
                "The confidentiality statement cannot be signed",
                AfterConvening,
                [Who.PanelAttendee],
                Stage.PreparingScopingPanel) is { } refused)
        {
            return refused;
        }

        if (state.ScheduledPanel is not { } panel)
        {
            return Refuse("The confidentiality statement cannot be signed before the Scoping Panel has been scheduled.");
        }

        if (string.IsNullOrWhiteSpace(statement.Version) || string.IsNullOrWhiteSpace(statement.Text))
        {
            return Refuse("The confidentiality statement to sign has no text or no version.");
        }

        if (ConfidentialityStatement.OfVersion(statement.Version) is not { } published || published.Sha256 != statement.Sha256
            || state.Signatures.Any(s => s.StatementVersion == statement.Version && s.StatementSha256 != statement.Sha256))
        {
            return Refuse($"This text is not the published text of version {statement.Version} of the confidentiality statement. A changed text is signed only as a new version.");
        }

        if (shownSha256 is not null && shownSha256 != statement.Sha256)
        {
            return Refuse($"The statement you were shown is not the text of version {statement.Version}. Nothing was signed: sign the statement on a fresh card.");
        }

        if (state.HasSignedForScheduledPanel(context.Actor.Id))
        {
            return Refuse("You have already signed the confidentiality statement for this meeting.");
        }

        var name = string.Join(' ', (typedName ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (name.Length == 0)
        {
            return Refuse("Type your full name to sign the confidentiality statement.");
        }

        var own = string.Join(' ', context.Actor.Name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (!string.Equals(name, own, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse($"A confidentiality statement is signed only by the person themselves: type your own full name ({own}) to sign it.");
        }

        var agency = state.InvitationOf(context.Actor.Id)?.Agency;
        return Accept(new ConfidentialityStatementSigned(context.Actor.Id, statement.Version, statement.Sha256, panel.Start)
        {
            TypedName = name,
            Agency = agency,
            At = context.Now,
            By = context.Actor,
        });
    }

    /// <summary>
    /// The panel chair (or the Board Manager) records that the Scoping Panel was held: who attended and which agencies did
    /// not bring their information. Refused while an attendee has not signed the confidentiality statement, without a
    /// chair or minute taker, or without the Senior Investigating Officer invited when a criminal investigation runs.
    /// </summary>
    public static Outcome RecordScopingPanelHeld(
        CaseState state,
        CommandContext context,
        DateOnly heldOn,
        IReadOnlyList<PersonId> attended,
        IReadOnlyList<AgencyId> agenciesWithoutInformation)
    {
        ArgumentNullException.ThrowIfNull(attended);
        ArgumentNullException.ThrowIfNull(agenciesWithoutInformation);
        if (Check(state, context,
                "record that the Scoping Panel was held",
                "The Scoping Panel cannot be recorded as held",
                AfterConvening,
                [Who.PanelChair, Who.BoardManager],
                Stage.PreparingScopingPanel) is { } refused)
        {
            return refused;
        }

        if (state.ScheduledPanel is not { } panel)
        {
            return Refuse("The Scoping Panel cannot be recorded as held before it has been scheduled.");
        }

        var problems = new List<string>();
        if (state.PanelChair is null)
        {
            problems.Add("The Scoping Panel cannot be recorded as held without a chair: assign the Sub-group Chair (or the Vice-Chair on a conflict of interest).");
        }

        if (state.MinuteTaker is null)
        {
            problems.Add("The Scoping Panel cannot be recorded as held without a professional minute taker.");
        }

        if (state.CriminalInvestigation && !state.Invitations.Any(i => i.Capacity == PanelCapacity.SeniorInvestigatingOfficer))
        {
            problems.Add("The Scoping Panel cannot be held without the Senior Investigating Officer: a criminal investigation is running, so the SIO must be invited.");
        }

        var unsecured = state.Invitations.Where(i => i.Agency is { } a && !state.RecordsSecuredBy.Contains(a))
            .Select(i => AgencyName(state, context, i.Agency!.Value)).Distinct().ToList();
        if (unsecured.Count > 0)
        {
            problems.Add($"The Scoping Panel cannot be held while {Refusals.Both(unsecured)} {(unsecured.Count == 1 ? "has" : "have")} not secured {(unsecured.Count == 1 ? "its" : "their")} records.");
        }

        if (NotInFuture(heldOn, "The date the Scoping Panel was held", context) is { } future)
        {
            problems.Add(future);
        }
        else if (heldOn < Calendar.LondonTime.DateOf(panel.Start))
        {
            problems.Add($"The date the Scoping Panel was held ({Refusals.DateWords(heldOn)}) is before the date it was scheduled for ({Refusals.DateWords(Calendar.LondonTime.DateOf(panel.Start))}).");
        }

        var people = attended.Distinct().ToList();
        if (people.Count == 0)
        {
            problems.Add("Say who attended the Scoping Panel.");
        }

        if (people.Any(p => !IsPanelAttendee(state, p)))
        {
            problems.Add("Someone listed as attending was not invited to the Scoping Panel.");
        }

        if (state.PanelChair is { } chair && people.Count > 0 && !people.Contains(chair.Id))
        {
            problems.Add($"The panel chair, {chair.Name}, is not listed as attending.");
        }

        var unsigned = people.Where(p => IsPanelAttendee(state, p) && !state.HasSignedForScheduledPanel(p)).Select(p => NameOf(state, p)).ToList();
        if (unsigned.Count > 0)
        {
            problems.Add($"The Scoping Panel cannot be recorded as held while {Refusals.Both(unsigned)} {(unsigned.Count == 1 ? "has" : "have")} not signed the confidentiality statement.");
        }

        var uninvitedAgencies = agenciesWithoutInformation.Where(a => !state.Invitations.Any(i => i.Agency == a)).Select(a => AgencyName(state, context, a)).ToList();
        if (uninvitedAgencies.Count > 0)
        {
            problems.Add($"{Refusals.Both(uninvitedAgencies)} {(uninvitedAgencies.Count == 1 ? "was" : "were")} not invited to the Scoping Panel, so cannot be recorded as not bringing information.");
        }

        if (problems.Count > 0)
        {
            return Refuse(problems.Select(p => new Refusal(p)).ToList());
        }

        // The Senior Investigating Officer has no further involvement after the Scoping Panel (toolkit): their role ends.
        var facts = new List<CaseEvent> { new ScopingPanelHeld(heldOn, people, agenciesWithoutInformation.Distinct().ToList()) { At = context.Now, By = context.Actor } };
        facts.AddRange(state.Invitations.Where(i => i.Capacity == PanelCapacity.SeniorInvestigatingOfficer && state.HasRole(i.Member.Id, Role.PanelMember))
            .Select(i => new CaseRoleRemoved(i.Member.Id, Role.PanelMember) { At = context.Now, By = context.Actor }));
        return Accept(facts);
    }

    /// <summary>
    /// The panel chair reconvenes the Scoping Panel, e.g. because required agencies did not bring their information.
    /// The case goes back to preparing the panel: it must be scheduled again and attendees sign for the new meeting.
    /// </summary>
    public static Outcome ReconveneScopingPanel(CaseState state, CommandContext context, string reason)
    {
        if (Check(state, context,
                "reconvene the Scoping Panel",
                "The Scoping Panel cannot be reconvened",
                "it has been held",
                [Who.PanelChair],
                Stage.ScopingPanel) is { } refused)
        {
            return refused;
        }

        if (TextProblem(reason, "The reason for reconvening") is { } problem)
        {
            return Refuse(problem);
        }

        return Accept(new ScopingPanelReconvened(reason.Trim()) { At = context.Now, By = context.Actor });
    }

    /// <summary>Anyone on the case records that a child is at risk of significant harm: safeguarding procedures start at once.</summary>
    public static Outcome IdentifyRiskOfSignificantHarm(CaseState state, CommandContext context, string details)
    {
        if (Check(state, context,
                "record that a child is at risk of significant harm",
                "A risk of significant harm cannot be recorded",
                AfterConvening,
                [Who.AnyoneOnTheCase],
                Stage.PreparingScopingPanel, Stage.ScopingPanel, Stage.IndependentChairDecision, Stage.AfterDecision, Stage.Review,
                Stage.ReportAndPublication, Stage.ActionPlan) is { } refused)
        {
            return refused;
        }

        if (TextProblem(details, "What the risk is") is { } problem)
        {
            return Refuse(problem);
        }

        return Accept(new RiskOfSignificantHarmIdentified(details.Trim()) { At = context.Now, By = context.Actor });
    }

    /// <summary>
    /// Children's social care (or the Board Manager) records that safeguarding procedures started on a concern that a
    /// child is at risk of significant harm.
    /// </summary>
    public static Outcome StartSafeguarding(CaseState state, CommandContext context, int concern, string action)
    {
        if (Check(state, context,
                "record that safeguarding procedures started",
                "Safeguarding procedures cannot be recorded",
                AfterConvening,
                [Who.ChildrensSocialCare, Who.BoardManager],
                Stage.PreparingScopingPanel, Stage.ScopingPanel, Stage.IndependentChairDecision, Stage.AfterDecision, Stage.Review,
                Stage.ReportAndPublication, Stage.ActionPlan) is { } refused)
        {
            return refused;
        }

        if (concern < 0 || concern >= state.SignificantHarmConcerns.Count)
        {
            return Refuse("There is no such concern on this case.");
        }

        if (state.SignificantHarmConcerns[concern].ActedOn is not null)
        {
            return Refuse("Safeguarding procedures were already recorded as started on this concern.");
        }

        if (TextProblem(action, "What was done") is { } problem)
        {
            return Refuse(problem);
        }

        return Accept(new SafeguardingStarted(concern, action.Trim()) { At = context.Now, By = context.Actor });
    }

    /// <summary>The Board Manager circulates the minutes (recording any disagreements) to every invited agency (D5).</summary>
    public static Outcome CirculateMinutes(CaseState state, CommandContext context, DateOnly circulatedOn, bool recordsDisagreements, string? disagreements = null)
    {
        if (Check(state, context,
                "circulate the Scoping Panel's minutes",
                "The minutes cannot be circulated",
                "the Scoping Panel has been held",
                [Who.BoardManager],
                Stage.ScopingPanel, Stage.IndependentChairDecision, Stage.AfterDecision) is { } refused)
        {
            return refused;
        }

        if (state.PanelHeld is not { } held)
        {
            return Refuse("The minutes cannot be circulated before the Scoping Panel has been held.");
        }

        if (state.MinutesCirculatedOn is { } already)
        {
            return Refuse($"The minutes were already circulated on {Refusals.DateWords(already)}.");
        }

        if (NotInFuture(circulatedOn, "The date the minutes were circulated", context) is { } future)
        {
            return Refuse(future);
        }

        if (circulatedOn < held.HeldOn)
        {
            return Refuse($"The minutes cannot have been circulated ({Refusals.DateWords(circulatedOn)}) before the panel was held ({Refusals.DateWords(held.HeldOn)}).");
        }

        var recorded = string.IsNullOrWhiteSpace(disagreements) ? null : disagreements.Trim();
        if (recorded is not null && !recordsDisagreements)
        {
            return Refuse("Say that the minutes record disagreements when you describe them.");
        }

        if (recordsDisagreements && recorded is null)
        {
            return Refuse("Say what the disagreements recorded in the minutes are.");
        }

        if (OptionalTextProblem(recorded, "The disagreements") is { } tooLong)
        {
            return Refuse(tooLong);
        }

        return Accept(new MinutesCirculated(circulatedOn, recordsDisagreements) { Disagreements = recorded, At = context.Now, By = context.Actor });
    }

    /// <summary>
    /// The Scoping Panel meeting booked will not go ahead: the Board Manager cancels it, or the panel chair reconvenes it
    /// before it meets (e.g. a required agency has nobody attending). It is then booked again.
    /// </summary>
    public static Outcome PostponeScopingPanel(CaseState state, CommandContext context, string reason)
    {
        if (Check(state, context,
                "cancel or reconvene the Scoping Panel meeting",
                "The Scoping Panel meeting cannot be cancelled",
                AfterConvening,
                [Who.PanelChair, Who.BoardManager],
                Stage.PreparingScopingPanel) is { } refused)
        {
            return refused;
        }

        if (state.ScheduledPanel is not { } panel)
        {
            return Refuse("No Scoping Panel meeting is booked.");
        }

        if (TextProblem(reason, "The reason") is { } problem)
        {
            return Refuse(problem);
        }

        return Accept(new ScopingPanelPostponed(panel.Start, reason.Trim()) { At = context.Now, By = context.Actor });
    }

    /// <summary>
    /// The invitees' answers to the Outlook invitation, as ScrBot read them back from the organiser's calendar: kept only
    /// when they changed, for the meeting booked now.
    /// </summary>
    public static Outcome RecordInvitationAnswers(CaseState state, CommandContext context, string meetingId, IReadOnlyList<OutlookAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(answers);
        if (!state.Exists || state.Stage != Stage.PreparingScopingPanel || state.ScheduledPanel?.MeetingId != meetingId)
        {
            return Refuse("The answers are not for the Scoping Panel meeting booked now.");
        }

        if (state.OutlookAnswers.SequenceEqual(answers))
        {
            return Refuse("The answers have not changed.");
        }

        return Accept(new InvitationAnswersRead(meetingId, answers) { At = context.Now, By = context.Actor });
    }

    /// <summary>The panel chair holds the meeting as planned although a required agency has nobody attending.</summary>
    public static Outcome ProceedWithoutAgencies(CaseState state, CommandContext context, IReadOnlyList<AgencyId> agencies)
    {
        ArgumentNullException.ThrowIfNull(agencies);
        if (Check(state, context,
                "decide whether the Scoping Panel goes ahead",
                "The Scoping Panel cannot go ahead",
                AfterConvening,
                [Who.PanelChair],
                Stage.PreparingScopingPanel) is { } refused)
        {
            return refused;
        }

        if (state.ScheduledPanel is not { } panel)
        {
            return Refuse("No Scoping Panel meeting is booked.");
        }

        if (state.AbsencesAccepted(panel.Start))
        {
            return Refuse("You have already decided that this meeting goes ahead as planned.");
        }

        return Accept(new PanelProceedsWithoutAgencies(panel.Start, agencies) { At = context.Now, By = context.Actor });
    }

    /// <summary>An invited agency's representative confirms that the circulated minutes are accurate.</summary>
    public static Outcome ConfirmMinutes(CaseState state, CommandContext context, AgencyId agency)
    {
        var name = AgencyName(state, context, agency);
        if (Check(state, context,
                "confirm that the minutes are accurate",
                "The minutes cannot be confirmed",
                "the Scoping Panel has been held",
                [Who.RepresentativeOf(agency, name)],
                Stage.ScopingPanel, Stage.IndependentChairDecision, Stage.AfterDecision) is { } refused)
        {
            return refused;
        }

        if (!state.Invitations.Any(i => i.Agency == agency))
        {
            return Refuse($"{name} was not invited to the Scoping Panel, so it has no minutes to confirm.");
        }

        if (state.MinutesCirculatedOn is null)
        {
            return Refuse("The minutes cannot be confirmed before they have been circulated.");
        }

        if (state.MinutesConfirmedBy.Contains(agency))
        {
            return Refuse($"{name} has already confirmed the minutes.");
        }

        return Accept(new MinutesConfirmed(agency) { At = context.Now, By = context.Actor });
    }

    /// <summary>
    /// The panel chair makes the panel's written recommendation to the Independent Chair: one of the six options, with
    /// optional areas of focus and a methodology for a review.
    /// </summary>
    public static Outcome MakeRecommendation(
        CaseState state,
        CommandContext context,
        RecommendationOption option,
        ReviewMethodology? methodology,
        bool multiAgencyReviewCommissioned,
        IReadOnlyList<string> areasOfFocus,
        string rationale,
        FamilyInvolvement? family = null)
    {
        ArgumentNullException.ThrowIfNull(areasOfFocus);
        if (Check(state, context,
                "make the Scoping Panel's recommendation",
                "The recommendation cannot be made",
                "the Scoping Panel has been held",
                [Who.PanelChair],
                Stage.ScopingPanel) is { } refused)
        {
            return refused;
        }

        var problems = new List<string>();
        if (!Enum.IsDefined(option))
        {
            problems.Add("The recommendation must be one of the six options.");
        }

        if (methodology is { } m && !Enum.IsDefined(m))
        {
            problems.Add("The methodology is not one the toolkit names.");
        }

        var isReview = option is RecommendationOption.FormalSeriousCaseReview or RecommendationOption.MultiAgencyLearningReview
            or RecommendationOption.SingleAgencyLearningReview;
        if (methodology is not null && !isReview)
        {
            problems.Add($"A methodology can be recommended only with a review, not with {Refusals.OptionWords(option)}.");
        }

        if (multiAgencyReviewCommissioned && option != RecommendationOption.MultiAgencyLearningReview)
        {
            problems.Add("Only a multi-agency learning review is either commissioned or internal.");
        }

        if (TextProblem(rationale, "The recommendation's rationale") is { } missing)
        {
            problems.Add(missing);
        }

        for (var i = 0; i < areasOfFocus.Count; i++)
        {
            if (TextProblem(areasOfFocus[i], $"Area of focus {i + 1}", 500) is { } problem)
            {
                problems.Add(problem);
            }
        }

        if (family is not null)
        {
            if (TextProblem(family.Members, "The family members to be involved") is { } members)
            {
                problems.Add(members);
            }

            if (OptionalTextProblem(family.Factors, "The factors affecting the family's involvement") is { } factors)
            {
                problems.Add(factors);
            }
        }

        if (problems.Count > 0)
        {
            return Refuse(problems.Select(p => new Refusal(p)).ToList());
        }

        return Accept(new RecommendationMade(option, methodology, multiAgencyReviewCommissioned, areasOfFocus.Select(a => a.Trim()).ToList(), rationale.Trim())
        {
            Family = family is null ? null : new FamilyInvolvement(family.Members.Trim(), string.IsNullOrWhiteSpace(family.Factors) ? null : family.Factors.Trim(), family.GenogramPrepared),
            At = context.Now,
            By = context.Actor,
        });
    }

    // ── Stage 6: the Independent Chair's decision ─────────────────────────────────────────────────────────

    /// <summary>
    /// The Independent Chair's written decision to the Sub-group Chair on the recommendation waiting for it (the
    /// Scoping Panel's, or the sub-group's recommendation not to convene one): uphold it, uphold it with further
    /// actions (at least one), or overrule it with a different option. Written reasons are always required. After the
    /// Chair delegated the decision, the delegate decides instead. There is only ever one decision: once it is made,
    /// every other attempt is refused with what was decided, by whom and when.
    /// </summary>
    /// <param name="overruledTo">On overrule, the option the Independent Chair decides instead.</param>
    /// <param name="meetsNotificationCriteria">
    /// Appendix B 4(b): the case reached the Chair by another route and in the Chair's view meets the criteria for a
    /// notification, so the National Panel is told of a decision not to hold an SCR.
    /// </param>
    public static Outcome RecordChairsDecision(
        CaseState state,
        CommandContext context,
        ChairDecisionKind decision,
        string reasons,
        IReadOnlyList<string>? furtherActions = null,
        RecommendationOption? overruledTo = null,
        bool meetsNotificationCriteria = false)
    {
        if (AlreadyDecided(state) is { } decided)
        {
            return decided;
        }

        if (Check(state, context,
                "record the Chair's decision",
                "The Chair's decision cannot be recorded",
                "the Scoping Panel has made its recommendation",
                [Who.IndependentChair],
                Stage.IndependentChairDecision) is { } refused)
        {
            return refused;
        }

        if (NotTheDelegate(state, context) is { } delegated)
        {
            return delegated;
        }

        if (state.RecommendedOption is not { } recommended)
        {
            return Refuse("There is no recommendation waiting for the Independent Chair's decision.");
        }

        var actions = (furtherActions ?? []).Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).ToList();
        var problems = new List<string>();
        switch (decision)
        {
            case ChairDecisionKind.Uphold:
            case ChairDecisionKind.UpholdWithFurtherActions:
                if (overruledTo is { } other && other != recommended)
                {
                    problems.Add($"Upholding keeps the recommendation ({Refusals.OptionWords(recommended)}); to decide {Refusals.OptionWords(other)} instead, overrule it.");
                }

                if (decision == ChairDecisionKind.UpholdWithFurtherActions && actions.Count == 0)
                {
                    problems.Add("Upholding with further actions needs at least one further action.");
                }

                if (decision == ChairDecisionKind.Uphold && actions.Count > 0)
                {
                    problems.Add("Further actions go with a decision to uphold with further actions.");
                }

                if (TextProblem(reasons, "The Independent Chair's written reasons") is { } missing)
                {
                    problems.Add(missing);
                }

                break;

            case ChairDecisionKind.Overrule:
                if (overruledTo is not { } instead || !Enum.IsDefined(instead))
                {
                    problems.Add("Overruling the recommendation needs the option the Independent Chair decides instead.");
                }
                else if (instead == recommended)
                {
                    problems.Add($"Overruling must decide a different option from the recommendation ({Refusals.OptionWords(recommended)}).");
                }

                if (string.IsNullOrWhiteSpace(reasons))
                {
                    problems.Add(state.Recommendation is null
                        ? "Overruling the sub-group's recommendation requires written reasons."
                        : "Overruling the Scoping Panel's recommendation requires written reasons.");
                }
                else if (reasons.Trim().Length > FormLimits.Details)
                {
                    problems.Add(Refusals.TooLong("The Independent Chair's written reasons", FormLimits.Details));
                }

                break;

            default:
                problems.Add("The Independent Chair's decision must be to uphold, uphold with further actions, or overrule.");
                break;
        }

        if (actions.Any(a => a.Length > FormLimits.Details))
        {
            problems.Add(Refusals.TooLong("A further action", FormLimits.Details));
        }

        var decidedOption = decision == ChairDecisionKind.Overrule && overruledTo is { } chosen ? chosen : recommended;
        if (meetsNotificationCriteria && decidedOption != RecommendationOption.FormalSeriousCaseReview && !AbuseOrNeglectKnownOrSuspected(state))
        {
            problems.Add("The criteria for telling the National Panel need abuse or neglect to be known or suspected; the referral says it is neither (Appendix B: such cases are not notified).");
        }

        if (problems.Count > 0)
        {
            return Refuse(problems.Select(p => new Refusal(p)).ToList());
        }

        return Accept(new ChairDecided(decision, decidedOption, reasons.Trim(), actions)
        {
            At = context.Now,
            By = context.Actor,
            MeetsNotificationCriteriaInChairsView = meetsNotificationCriteria && decidedOption != RecommendationOption.FormalSeriousCaseReview,
        });
    }

    /// <summary>
    /// The Independent Chair delegates the decision on the recommendation to a named member of the board, with the
    /// reason; the delegate then decides instead. Refused once decided, to the Chair herself, or twice.
    /// </summary>
    public static Outcome DelegateChairsDecision(CaseState state, CommandContext context, PersonId delegatePerson, string reason)
    {
        if (AlreadyDecided(state) is { } decided)
        {
            return decided;
        }

        if (Check(state, context,
                "delegate the Chair's decision",
                "The Chair's decision cannot be delegated",
                "the recommendation has reached the Independent Chair",
                [Who.IndependentChair],
                Stage.IndependentChairDecision) is { } refused)
        {
            return refused;
        }

        if (state.DecisionDelegate is { } already)
        {
            return Refuse($"The decision was already delegated to {already.Name} on {Refusals.DateWords(Calendar.LondonTime.DateOf(state.DecisionDelegatedAt!.Value))}.");
        }

        if (delegatePerson == context.Actor.Id)
        {
            return Refuse("Name someone else to take the decision.");
        }

        var member = context.Directory.Find(state.LeadBoard)?.Members.FirstOrDefault(m => m.Person == delegatePerson && MayTakeChairsDecision(m.Role))
            ?? context.Directory.Find(state.LeadBoard)?.Members.FirstOrDefault(m => m.Person == delegatePerson);
        if (member is null)
        {
            return Refuse("The person named to take the decision is not a member of this case's board.");
        }

        if (!MayTakeChairsDecision(member.Role))
        {
            return Refuse($"{member.Name} cannot take the Chair's decision: {Refusals.RoleWords(member.Role)} is not one of the board's members who decide for it.");
        }

        if (TextProblem(reason, "The reason for delegating the decision") is { } problem)
        {
            return Refuse(problem);
        }

        return Accept(new ChairsDecisionDelegated(ActorFor(member), reason.Trim()) { At = context.Now, By = context.Actor });
    }

    /// <summary>
    /// Whether someone holding this role on the board may be delegated the Independent Chair's decision: the board's
    /// members and officers, not the people it names for a single task (the Senior Investigating Officer, who has no
    /// further involvement after the Scoping Panel; an agency's SCR lead; the independent reviewer; the officers who
    /// notify Ofsted; a minute taker).
    /// </summary>
    public static bool MayTakeChairsDecision(Role role) => role is not (Role.SeniorInvestigatingOfficer or Role.AgencyScrLead or Role.IndependentReviewer
        or Role.NotifyingOfficer or Role.MinuteTaker or Role.Referrer or Role.PanelMember);

    /// <summary>The Board Manager arranges the sub-group's meeting with the Independent Chair after an overrule (flow chart).</summary>
    public static Outcome ArrangeSubgroupMeetingWithChair(CaseState state, CommandContext context, DateOnly meetingDate)
    {
        if (Check(state, context,
                "arrange the sub-group's meeting with the Independent Chair",
                "The sub-group's meeting with the Independent Chair cannot be arranged",
                AfterDecision,
                [Who.BoardManager],
                Stage.AfterDecision, Stage.Review) is { } refused)
        {
            return refused;
        }

        if (state.Decision is not { Decision: ChairDecisionKind.Overrule })
        {
            return Refuse("The sub-group reconvenes with the Independent Chair only after the Chair overruled its recommendation.");
        }

        if (state.ReconvenedWithChairOn is { } already)
        {
            return Refuse($"The sub-group's meeting with the Independent Chair was already arranged for {Refusals.DateWords(already)}.");
        }

        if (meetingDate < context.Today)
        {
            return Refuse($"The meeting date ({Refusals.DateWords(meetingDate)}) is in the past.", "Date of the meeting");
        }

        return Accept(new SubgroupReconvenedWithChair(meetingDate) { At = context.Now, By = context.Actor });
    }

    /// <summary>"Already decided: upheld by Adele Vance, Independent Chair, on …": the one answer to every attempt after the decision.</summary>
    public static string DecisionWords(ChairDecision decision, Actor? delegated = null)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var capacity = delegated?.Id == decision.By.Id ? "for the Independent Chair" : "Independent Chair";
        var kind = decision.Decision switch
        {
            ChairDecisionKind.Uphold => "Upheld",
            ChairDecisionKind.UpholdWithFurtherActions => "Upheld with further actions",
            _ => "Overruled",
        };
        return $"{kind} by {decision.By.Name}, {capacity}, {Calendar.HumanDates.Format(decision.At)}";
    }

    private static Outcome? AlreadyDecided(CaseState state) =>
        state.Decision is { } decision
            ? Refuse($"The Independent Chair's decision was already made: {DecisionWords(decision, state.DecisionDelegate)} ({Refusals.OptionWords(decision.DecidedOption)}). Nothing was changed.")
            : null;

    private static Outcome? NotTheDelegate(CaseState state, CommandContext context) =>
        state.DecisionDelegate is { } delegated && delegated.Id != context.Actor.Id
            ? Refuse($"The decision was delegated to {delegated.Name}, who decides instead. Nothing was changed.")
            : null;

    private static bool AbuseOrNeglectKnownOrSuspected(CaseState state) =>
        state.NotifiableIncidentReportedOn is not null
        || state.Form?.Incident.AbuseOrNeglect is AbuseOrNeglect.Known or AbuseOrNeglect.Suspected;

    private static string NameOf(CaseState state, PersonId person) =>
        state.InvitationOf(person)?.Member.Name
        ?? (state.PanelChair?.Id == person ? state.PanelChair.Name : null)
        ?? (state.MinuteTaker?.Id == person ? state.MinuteTaker.Name : null)
        ?? state.Roles.FirstOrDefault(r => r.Person.Id == person)?.Person.Name
        ?? "an attendee";
}
