using ScrBot.Domain.Boards;
using ScrBot.Domain.Referral;

namespace ScrBot.Domain.Cases;

public static partial class CaseCommands
{
    private const string AfterDecision = "the Independent Chair has decided";

    // ── Stage 7: after the decision ───────────────────────────────────────────────────────────────────────

    /// <summary>
    /// Records a notification sent after the decision: to the referrer, the Board partners, the National Panel, Ofsted,
    /// the DfE, the Director of Children's Services, inspectorates, the Coroner, the CQC, NHS England, the NSPCC
    /// repository. Sent by the Board Manager, the Chairs, or an agency (police to the Coroner, the CCG to the CQC).
    /// </summary>
    public static Outcome RecordNotification(CaseState state, CommandContext context, NotificationRecipient recipient, DateOnly sentOn, string? details)
    {
        if (Check(state, context,
                "record a notification about this case",
                "A notification cannot be recorded",
                AfterDecision,
                [Who.BoardManager, Who.IndependentChair, Who.SubgroupChair, Who.SubgroupViceChair, Who.AnyAgencyRepresentative],
                Stage.AfterDecision, Stage.Review, Stage.ReportAndPublication, Stage.ActionPlan) is { } refused)
        {
            return refused;
        }

        if (!Enum.IsDefined(recipient))
        {
            return Refuse("Say who was notified.");
        }

        if (NotInFuture(sentOn, "The date the notification was sent", context) is { } future)
        {
            return Refuse(future);
        }

        var decidedOn = CaseClock.LondonDate(state.Decision!.At);
        if (sentOn < decidedOn)
        {
            return Refuse($"The notification date ({Refusals.DateWords(sentOn)}) is before the Independent Chair's decision ({Refusals.DateWords(decidedOn)}).");
        }

        if (OptionalTextProblem(details, "The notification's details") is { } tooLong)
        {
            return Refuse(tooLong);
        }

        return Accept(new NotificationSent(recipient, sentOn, string.IsNullOrWhiteSpace(details) ? null : details.Trim()) { At = context.Now, By = context.Actor });
    }

    /// <summary>
    /// The Board Manager commissions an independent reviewer, totally independent of the case, after a decision to hold
    /// a Serious Case Review or a multi-agency learning review. A reviewer who uses the bot gets the reviewer role.
    /// </summary>
    public static Outcome CommissionReviewer(
        CaseState state,
        CommandContext context,
        string reviewerName,
        bool independenceConfirmed,
        bool fromNationalPanelList,
        Actor? reviewer)
    {
        if (Check(state, context,
                "commission the independent reviewer",
                "A reviewer cannot be commissioned",
                AfterDecision,
                [Who.BoardManager],
                Stage.AfterDecision) is { } refused)
        {
            return refused;
        }

        if (state.DecidedOption is not (RecommendationOption.FormalSeriousCaseReview or RecommendationOption.MultiAgencyLearningReview))
        {
            return Refuse($"A reviewer is commissioned only after a decision to hold a Serious Case Review or a multi-agency learning review (the decision was: {Refusals.OptionWords(state.DecidedOption!.Value)}).");
        }

        if (state.Reviewer is not null)
        {
            return Refuse($"{state.Reviewer.Name} has already been commissioned as the reviewer.");
        }

        if (TextProblem(reviewerName, "The reviewer's name", FormLimits.Name) is { } problem)
        {
            return Refuse(problem);
        }

        if (!independenceConfirmed)
        {
            return Refuse("The reviewer's independence from the case must be confirmed before they are commissioned.");
        }

        var name = reviewerName.Trim();
        CaseEvent commissioned = new ReviewerCommissioned(name, true, fromNationalPanelList, reviewer?.Id) { At = context.Now, By = context.Actor };
        return reviewer is null
            ? Accept(commissioned)
            : Accept(commissioned, new CaseRoleAssigned(reviewer, Role.IndependentReviewer, null) { At = context.Now, By = context.Actor });
    }

    /// <summary>The Board Manager records that the review commenced (D9 runs from here).</summary>
    public static Outcome InitiateReview(CaseState state, CommandContext context, DateOnly initiatedOn)
    {
        if (Check(state, context,
                "record that the review has started",
                "The review cannot be started",
                AfterDecision,
                [Who.BoardManager],
                Stage.AfterDecision) is { } refused)
        {
            return refused;
        }

        if (state.Reviewer is null)
        {
            return Refuse("The review cannot be started before an independent reviewer has been commissioned.");
        }

        if (NotInFuture(initiatedOn, "The date the review started", context) is { } future)
        {
            return Refuse(future);
        }

        var decidedOn = CaseClock.LondonDate(state.Decision!.At);
        if (initiatedOn < decidedOn)
        {
            return Refuse($"The review cannot have started ({Refusals.DateWords(initiatedOn)}) before the Independent Chair's decision ({Refusals.DateWords(decidedOn)}).");
        }

        return Accept(new ReviewInitiated(initiatedOn) { At = context.Now, By = context.Actor });
    }

    // ── Stage 8: the review ───────────────────────────────────────────────────────────────────────────────

    private const string AfterInitiation = "the review has started";

    /// <summary>The terms of reference are agreed; with a criminal investigation they must first be shared with the SIO.</summary>
    public static Outcome AgreeTermsOfReference(CaseState state, CommandContext context, DateOnly agreedOn, bool sharedWithSeniorInvestigatingOfficer)
    {
        if (Check(state, context,
                "record the terms of reference",
                "The terms of reference cannot be agreed",
                AfterInitiation,
                [Who.BoardManager, Who.IndependentReviewer, Who.IndependentChair],
                Stage.Review) is { } refused)
        {
            return refused;
        }

        if (state.CriminalInvestigation && !sharedWithSeniorInvestigatingOfficer)
        {
            return Refuse("The terms of reference must be shared with the Senior Investigating Officer before they are agreed, because a criminal investigation is running.");
        }

        if (NotInFuture(agreedOn, "The date the terms of reference were agreed", context) is { } future)
        {
            return Refuse(future);
        }

        return Accept(new TermsOfReferenceAgreed(agreedOn, sharedWithSeniorInvestigatingOfficer) { At = context.Now, By = context.Actor });
    }

    /// <summary>The Independent Chair agrees a delay (e.g. for parallel criminal proceedings), with the written request.</summary>
    public static Outcome AgreeReviewDelay(CaseState state, CommandContext context, string reason, string writtenRequest, DateOnly newTargetDate)
    {
        if (Check(state, context,
                "agree a delay to the review",
                "A delay cannot be agreed",
                AfterInitiation,
                [Who.IndependentChair],
                Stage.Review) is { } refused)
        {
            return refused;
        }

        var problems = new List<string>();
        if (TextProblem(reason, "The reason for the delay") is { } missingReason)
        {
            problems.Add(missingReason);
        }

        if (TextProblem(writtenRequest, "The written request for the delay") is { } missingRequest)
        {
            problems.Add(missingRequest);
        }

        if (newTargetDate <= context.Today)
        {
            problems.Add($"The new target date ({Refusals.DateWords(newTargetDate)}) must be after today.");
        }

        if (problems.Count > 0)
        {
            return Refuse(problems.Select(p => new Refusal(p)).ToList());
        }

        return Accept(new ReviewDelayAgreed(reason.Trim(), writtenRequest.Trim(), newTargetDate) { At = context.Now, By = context.Actor });
    }

    /// <summary>The review is complete: the report goes to the Board for endorsement.</summary>
    public static Outcome CompleteReview(CaseState state, CommandContext context, DateOnly completedOn)
    {
        if (Check(state, context,
                "record that the review is complete",
                "The review cannot be completed",
                AfterInitiation,
                [Who.BoardManager, Who.IndependentReviewer],
                Stage.Review) is { } refused)
        {
            return refused;
        }

        if (state.TermsOfReferenceAgreedOn is null)
        {
            return Refuse("The review cannot be completed before its terms of reference have been agreed.");
        }

        if (NotInFuture(completedOn, "The date the review was completed", context) is { } future)
        {
            return Refuse(future);
        }

        if (state.ReviewInitiatedOn is { } started && completedOn < started)
        {
            return Refuse($"The review cannot have been completed ({Refusals.DateWords(completedOn)}) before it started ({Refusals.DateWords(started)}).");
        }

        return Accept(new ReviewCompleted(completedOn) { At = context.Now, By = context.Actor });
    }

    // ── Stage 9: report and publication ───────────────────────────────────────────────────────────────────

    private const string AfterCompletion = "the review has been completed";

    /// <summary>The Board endorses the final report.</summary>
    public static Outcome EndorseReport(CaseState state, CommandContext context, DateOnly endorsedOn)
    {
        if (Check(state, context,
                "record the Board's endorsement of the report",
                "The report cannot be endorsed",
                AfterCompletion,
                [Who.BoardManager, Who.IndependentChair],
                Stage.ReportAndPublication) is { } refused)
        {
            return refused;
        }

        if (state.ReportEndorsedOn is { } already)
        {
            return Refuse($"The report was already endorsed on {Refusals.DateWords(already)}.");
        }

        if (NotInFuture(endorsedOn, "The date the report was endorsed", context) is { } future)
        {
            return Refuse(future);
        }

        return Accept(new ReportEndorsed(endorsedOn) { At = context.Now, By = context.Actor });
    }

    /// <summary>The publication planning meeting sets the publication date (D10 counts back from it).</summary>
    public static Outcome PlanPublication(CaseState state, CommandContext context, DateOnly plannedPublicationDate)
    {
        if (Check(state, context,
                "plan the report's publication",
                "Publication cannot be planned",
                AfterCompletion,
                [Who.BoardManager],
                Stage.ReportAndPublication) is { } refused)
        {
            return refused;
        }

        if (state.ReportEndorsedOn is null)
        {
            return Refuse("Publication cannot be planned before the Board has endorsed the report.");
        }

        if (plannedPublicationDate <= context.Today)
        {
            return Refuse($"The planned publication date ({Refusals.DateWords(plannedPublicationDate)}) must be after today.");
        }

        return Accept(new PublicationPlanned(plannedPublicationDate) { At = context.Now, By = context.Actor });
    }

    /// <summary>The report goes to the National Panel, at least one week before publication.</summary>
    public static Outcome SendReportToNationalPanel(CaseState state, CommandContext context, DateOnly sentOn)
    {
        if (Check(state, context,
                "record that the report was sent to the National Panel",
                "The report cannot be recorded as sent to the National Panel",
                AfterCompletion,
                [Who.BoardManager],
                Stage.ReportAndPublication) is { } refused)
        {
            return refused;
        }

        if (state.ReportEndorsedOn is null)
        {
            return Refuse("The report cannot be sent to the National Panel before the Board has endorsed it.");
        }

        if (NotInFuture(sentOn, "The date the report was sent", context) is { } future)
        {
            return Refuse(future);
        }

        return Accept(new ReportSentToNationalPanel(sentOn) { At = context.Now, By = context.Actor });
    }

    /// <summary>The report is published on the board's website (at least one week after it went to the National Panel).</summary>
    public static Outcome PublishReport(CaseState state, CommandContext context, DateOnly publishedOn, string? address)
    {
        if (Check(state, context,
                "record the report's publication",
                "The report cannot be published",
                AfterCompletion,
                [Who.BoardManager],
                Stage.ReportAndPublication) is { } refused)
        {
            return refused;
        }

        if (state.PlannedPublicationDate is null)
        {
            return Refuse("The report cannot be published before publication has been planned.");
        }

        if (state.ReportSentToNationalPanelOn is not { } sent)
        {
            return Refuse("The report cannot be published before it has been sent to the National Panel, at least one week before publication.");
        }

        if (NotInFuture(publishedOn, "The publication date", context) is { } future)
        {
            return Refuse(future);
        }

        if (publishedOn < sent.AddDays(7))
        {
            return Refuse($"The report must go to the National Panel at least one week before publication: it was sent on {Refusals.DateWords(sent)}, so the earliest publication date is {Refusals.DateWords(sent.AddDays(7))}.");
        }

        if (OptionalTextProblem(address, "The web address", 2000) is { } tooLong)
        {
            return Refuse(tooLong);
        }

        return Accept(new ReportPublished(publishedOn, string.IsNullOrWhiteSpace(address) ? null : address.Trim()) { At = context.Now, By = context.Actor });
    }

    /// <summary>The Independent Chair decides not to publish the report, with reasons (the National Panel is told).</summary>
    public static Outcome DecideNotToPublish(CaseState state, CommandContext context, string reasons)
    {
        if (Check(state, context,
                "decide not to publish the report",
                "A decision not to publish cannot be recorded",
                AfterCompletion,
                [Who.IndependentChair],
                Stage.ReportAndPublication) is { } refused)
        {
            return refused;
        }

        if (TextProblem(reasons, "The reasons for not publishing") is { } problem)
        {
            return Refuse(problem);
        }

        return Accept(new DecidedNotToPublish(reasons.Trim()) { At = context.Now, By = context.Actor });
    }

    /// <summary>The report comes off the website: not before it has been there for 12 months (D11).</summary>
    public static Outcome RemoveReportFromWebsite(CaseState state, CommandContext context, DateOnly removedOn)
    {
        if (Check(state, context,
                "record that the report was removed from the website",
                "The report cannot be removed from the website",
                "it has been published",
                [Who.BoardManager],
                Stage.ActionPlan, Stage.Closed) is { } refused)
        {
            return refused;
        }

        if (state.ReportPublishedOn is not { } published)
        {
            return Refuse("The report cannot be removed from the website because it was not published.");
        }

        if (state.ReportRemovedOn is { } already)
        {
            return Refuse($"The report was already removed from the website on {Refusals.DateWords(already)}.");
        }

        if (NotInFuture(removedOn, "The date the report was removed", context) is { } future)
        {
            return Refuse(future);
        }

        var earliest = published.AddMonths(12);
        if (removedOn < earliest)
        {
            return Refuse($"The report must stay on the website for at least 12 months: it was published on {Refusals.DateWords(published)}, so it can be removed from {Refusals.DateWords(earliest)}.");
        }

        return Accept(new ReportRemovedFromWebsite(removedOn) { At = context.Now, By = context.Actor });
    }
}
