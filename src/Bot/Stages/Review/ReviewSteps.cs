using ScrBot.Bot.Cards;
using ScrBot.Bot.Conversations;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Stages.Review;

/// <summary>
/// Stage 8, the review (toolkit, "The review", "Engagement of children and family members", "Practitioner engagement",
/// "Disclosure"): once the Independent Chair has decided to hold a Serious Case Review or a multi-agency learning review
/// and the reviewer is appointed (Stages/Reviewer), the Board Manager starts the review; the reviewer agrees the terms of reference
/// with the Review Panel's members; the Board Manager appoints the family coordinator; the reviewer conducts the review
/// (panel meetings, family and practitioner engagement, disclosure requests, the dates agreed for the agencies' reports
/// and their receipt, agreed delays) against D9 and sends the report to the Board once the draft is checked against the
/// terms of reference; each agency's representative sends its report by the date agreed; the Independent Chair decides
/// each disclosure request, and each delay the reviewer, the SIO and the CPS could not agree.
/// </summary>
public sealed class ReviewSteps : IStageSteps
{
    public const string Start = "review/start";
    public const string Terms = "review/terms";
    public const string Family = "review/family";
    public const string Conduct = "review/conduct";
    public const string DisclosurePrefix = "review/disclosure/";
    public const string DelayPrefix = "review/delay/";
    public const string AgencyReportPrefix = "review/agencyreport/";

    public IEnumerable<CaseStep> Steps(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var state = view.State;
        // The review's steps wait for the reviewer's appointment; once it has started they go on while a replaced
        // reviewer's successor is appointed.
        if (!state.ReviewDecided || (state.Reviewer is null && state.ReviewInitiatedOn is null))
        {
            yield break;
        }

        var managers = view.WithRole(Role.BoardManager);

        // A reviewer who does not use ScrBot has the Board Manager record their steps.
        var reviewers = view.OnCase(Role.IndependentReviewer) is { Count: > 0 } onCase ? onCase : managers;
        var reviewing = state.Stage == Stage.Review;
        var words = ReviewWords.Of(state);

        yield return new CaseStep(Start, $"Start {words}", managers, null,
            Open: state.Stage == Stage.AfterDecision && state.ReviewInitiatedOn is null, view.Last<ReviewInitiated>(), ReviewCards.Start);

        if (state.ReviewInitiatedOn is null)
        {
            yield break;
        }

        yield return new CaseStep(Terms, "Agree the terms of reference", reviewers, null,
            Open: reviewing && state.TermsOfReferenceAgreedOn is null, view.Last<TermsOfReferenceAgreed>(), ReviewCards.Terms);

        yield return new CaseStep(Family, "Appoint the family coordinator", managers, null,
            Open: reviewing && state.FamilyCoordinator is null, view.Last<FamilyCoordinatorAppointed>(), ReviewCards.Family);

        if (state.TermsOfReferenceAgreedOn is not null)
        {
            // The Board Manager, who owes D9 for the board, may record the review's steps and its completion too.
            yield return new CaseStep(Conduct, $"Conduct {words}", [.. reviewers, .. managers.Where(m => reviewers.All(r => r.Id != m.Id))], view.DueOf("D9"),
                Open: reviewing, view.Last<Domain.Cases.ReviewCompleted>(), ReviewCards.Conduct);
        }

        // Each agency's chronology and report, by the date agreed for it: the agency's representative sends it and
        // records it from the card (or the reviewer records it received).
        foreach (var date in state.AgencyReportDates)
        {
            yield return new CaseStep(AgencyReportPrefix + date.Agency.Value, $"Send your agency report by {Words.Date(date.DueOn)}",
                view.AgencyRepresentatives(date.Agency), view.DueOf($"D9/report/{date.Agency.Value}"),
                Open: reviewing && !state.AgencyReportsReceived.Contains(date.Agency),
                view.Last<AgencyReportReceived>(r => r.Agency == date.Agency), ReviewCards.AgencyReport);
        }

        // A delay the reviewer, the SIO and the CPS could not agree: the Independent Chair decides.
        foreach (var request in state.DelayRequests)
        {
            yield return new CaseStep(DelayPrefix + request.RequestId, $"Decide the delay to {words} ({request.RequestId})", view.WithRole(Role.IndependentChair), null,
                Open: request.Agreed is null && reviewing,
                view.Last<ReviewDelayDecided>(d => d.RequestId == request.RequestId), ReviewCards.DelayDecision);
        }

        foreach (var request in state.DisclosureRequests)
        {
            yield return new CaseStep(DisclosurePrefix + request.RequestId, $"Decide disclosure request {request.RequestId}", view.WithRole(Role.IndependentChair), null,
                Open: request.Granted is null && state.Stage is Stage.Review or Stage.ReportAndPublication,
                view.Last<DisclosureDecided>(d => d.RequestId == request.RequestId), ReviewCards.Disclosure);
        }
    }

    /// <summary>The request or agency a step is for (<c>review/disclosure/R1</c> → <c>R1</c>, <c>review/agencyreport/staffs-police</c> → <c>staffs-police</c>).</summary>
    public static string RequestOf(string stepKey) => stepKey[(stepKey.LastIndexOf('/') + 1)..];
}
