using System.Globalization;
using ScrBot.Bot.Cards;
using ScrBot.Bot.Conversations;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Obligations;

namespace ScrBot.Bot.Stages.Reviewer;

/// <summary>
/// Commissioning the reviewer (flow chart, "Sub Group recommendation for reviewer is made to the SGSCB Chair and the
/// Director CAH and a final decision made about appointment"; toolkit, "Commissioning a Reviewer"), once the Independent
/// Chair has decided to hold a Serious Case Review or a multi-agency learning review: the Sub-group Chair (the
/// Vice-Chair when the Chair declared direct involvement) or the Board Manager for the sub-group recommends the lead
/// reviewer, and optionally a second, with where they come from and the checks made; the Independent Chair and the
/// Director of Children's Services each agree or decline (a decline sends it back to the sub-group); once both agree
/// the reviewer is appointed, and for a Serious Case Review the Board Manager tells the National Panel who was
/// appointed. The Board Manager records the Review Team and the Case Team. An appointed reviewer replaced starts a new
/// round; every round stays in the case's history.
/// </summary>
public sealed class ReviewerSteps : IStageSteps
{
    public const string RecommendPrefix = "reviewer/recommend/";
    public const string ChairPrefix = "reviewer/appoint/chair/";
    public const string DirectorPrefix = "reviewer/appoint/director/";
    public const string NationalPanelPrefix = "reviewer/national-panel/";
    public const string ReplacePrefix = "reviewer/replace/";
    public const string ReviewTeam = "reviewer/review-team";
    public const string CaseTeam = "reviewer/case-team";

    public IEnumerable<CaseStep> Steps(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var state = view.State;
        if (!state.ReviewDecided)
        {
            yield break;
        }

        var managers = view.WithRole(Role.BoardManager);
        var recommenders = (state.SubgroupChairInvolvement is null ? view.WithRole(Role.SubgroupChair) : view.WithRole(Role.SubgroupViceChair))
            .Concat(managers).DistinctBy(a => a.Id).ToList();
        var chairs = view.WithRole(Role.IndependentChair);
        var directors = view.WithRole(Role.DirectorOfChildrensServices);
        var open = state.Stage is Stage.AfterDecision or Stage.Review;

        foreach (var round in state.ReviewerRounds)
        {
            yield return new CaseStep(RecommendPrefix + Number(round.Round), "Recommend the reviewer", recommenders, null, Open: false,
                new StepDone(round.RecommendedBy, round.RecommendedAt), ReviewerCards.Recommend);

            yield return Appoint(view, round, Role.IndependentChair, ChairPrefix, chairs, open);
            yield return Appoint(view, round, Role.DirectorOfChildrensServices, DirectorPrefix, directors, open);

            // The notification checklist's notice to the National Panel names the reviewers appointed by then; a notice
            // sent before this appointment (or naming a reviewer since replaced) is followed by this one.
            if (round.AppointedAt is not null && state.DecidedOption == RecommendationOption.FormalSeriousCaseReview && NoticeCameFirst(view, round.Round))
            {
                var told = round.NationalPanelTold;
                yield return new CaseStep(NationalPanelPrefix + Number(round.Round), "Tell the National Panel who was appointed", managers, D8(view),
                    Open: round.Appointed && told is null && state.Stage is Stage.AfterDecision or Stage.Review or Stage.ReportAndPublication or Stage.ActionPlan,
                    told is null ? null : new StepDone(told.By, told.At),
                    ReviewerCards.NationalPanel);
            }

            if (round.Replaced is { } replaced)
            {
                yield return new CaseStep(ReplacePrefix + Number(round.Round), "Replace the reviewer", managers, null, Open: false,
                    new StepDone(replaced.By, replaced.At, $"{CaseCommands.ReviewerNames(round)} replaced by {replaced.By.Name} on {Words.DateAndTime(replaced.At)}: {Sentence(replaced.Reason)}"),
                    v => TaskCard.Done(v.Case, v.Step));
            }
        }

        if (state.CurrentReviewerRound is not { } current || current.Declined || current.Replaced is not null)
        {
            yield return new CaseStep(RecommendPrefix + Number(state.ReviewerRounds.Count + 1), "Recommend the reviewer", recommenders, null,
                Open: open, null, ReviewerCards.Recommend);
        }

        yield return new CaseStep(ReviewTeam, "Record the Review Team", managers, null,
            Open: open && state.ReviewTeam is null, view.Last<ReviewTeamRecorded>(), ReviewerCards.ReviewTeam);
        yield return new CaseStep(CaseTeam, "Record the Case Team", managers, null,
            Open: open && state.CaseTeam is null, view.Last<CaseTeamRecorded>(), ReviewerCards.CaseTeam);
    }

    /// <summary>The round a step is for (<c>reviewer/appoint/chair/2</c> → 2).</summary>
    public static int RoundOf(string stepKey) =>
        int.TryParse(stepKey.AsSpan(stepKey.LastIndexOf('/') + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var round) ? round : 0;

    /// <summary>Who answers on a step of the appointment: the Independent Chair, the Director of Children's Services, or nobody.</summary>
    public static Role? AnsweringAs(string stepKey) =>
        stepKey.StartsWith(ChairPrefix, StringComparison.Ordinal) ? Role.IndependentChair
        : stepKey.StartsWith(DirectorPrefix, StringComparison.Ordinal) ? Role.DirectorOfChildrensServices
        : null;

    private static CaseStep Appoint(CaseView view, ReviewerRound round, Role role, string prefix, IReadOnlyList<Actor> owners, bool open)
    {
        var answer = round.AnswerOf(role);
        var other = round.AnswerOf(role == Role.IndependentChair ? Role.DirectorOfChildrensServices : Role.IndependentChair);
        StepDone? done = answer is not null
            ? new StepDone(answer.By, answer.At, AnswerWords(role, answer))
            : other is { Agreed: false }
                ? new StepDone(other.By, other.At, AnswerWords(role == Role.IndependentChair ? Role.DirectorOfChildrensServices : Role.IndependentChair, other) + " The sub-group recommends again.")
                : null;
        return new CaseStep(prefix + Number(round.Round), "Decide the reviewer's appointment", owners, null,
            Open: open && round.Awaiting && answer is null, done, ReviewerCards.Appoint);
    }

    /// <summary>"The reviewer's appointment agreed by Adele Vance, Independent Chair, on Monday 7 December 2026 10:14." or "… declined by …: reasons."</summary>
    public static string AnswerWords(Role role, AppointmentAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer.Agreed
            ? $"The reviewer's appointment agreed by {answer.By.Name}, {RoleNames.Of(role)}, on {Words.DateAndTime(answer.At)}."
            : $"The reviewer's appointment declined by {answer.By.Name}, {RoleNames.Of(role)}, on {Words.DateAndTime(answer.At)}: {Sentence(answer.Reasons ?? "")}";
    }

    /// <summary>Text typed by a person, ended as a sentence.</summary>
    private static string Sentence(string text) => text.TrimEnd().EndsWith('.') || text.TrimEnd().EndsWith('!') || text.TrimEnd().EndsWith('?') ? text.TrimEnd() : text.TrimEnd() + ".";

    /// <summary>D8's due date for telling the National Panel, while it is still owed.</summary>
    /// <summary>Whether a notice went to the National Panel before this round's reviewer was appointed.</summary>
    private static bool NoticeCameFirst(CaseView view, int round)
    {
        var appointed = view.Facts.ToList().FindIndex(f => f is ReviewerAppointed a && a.Round == round);
        return view.Facts.Take(appointed < 0 ? 0 : appointed).Any(f => f is NotificationSent { Recipient: NotificationRecipient.NationalPanel });
    }

    private static DateOnly? D8(CaseView view) =>
        view.Obligations.LastOrDefault(o => o.Code == ObligationCode.D8 && o.Key.StartsWith("D8/NationalPanel", StringComparison.Ordinal) && o.MetOn is null)?.DueOn;

    private static string Number(int round) => round.ToString(CultureInfo.InvariantCulture);
}
