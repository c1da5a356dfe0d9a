using System.Text.Json.Nodes;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Criteria;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Cards;

/// <summary>Another case of the same board that may be about the same child, and why.</summary>
public sealed record PossibleDuplicate(CaseReference Reference, string Why, DateTimeOffset ReferredAt);

/// <summary>
/// The Board Manager's card for a new referral (stage 2, triage): the full referral, the criteria advice, any possible
/// duplicate on the board, and what the Board Manager does next.
/// </summary>
public static class TriageCard
{
    /// <summary>Possible duplicates settled from the card, each behind its own button (cards.md: at most five actions).</summary>
    public const int MaxDuplicateButtons = 2;

    /// <summary><c>Same child as SCR-…</c> / <c>Not the same child</c>: the Board Manager settles a possible duplicate.</summary>
    public static IEnumerable<JsonNode> DuplicateButtons(CaseReference reference, CaseReference other)
    {
        JsonObject Data(bool same) => new() { ["case"] = reference.Value, ["step"] = "duplicate/" + other.Value, ["other"] = other.Value, ["same"] = same ? "true" : "false" };
        yield return Execute($"Same child as {other}", "subgroup.duplicate", Data(true), sendInputs: false);
        yield return Execute($"Not the same child as {other}", "subgroup.duplicate", Data(false), sendInputs: false);
    }

    public static JsonObject Build(
        CaseReferred referral,
        CriteriaAdvice advice,
        IReadOnlyList<PossibleDuplicate> duplicates,
        IReadOnlyList<Actor> chairsInformed,
        BoardDirectory directory) => BuildWithLimit(referral, advice, duplicates, chairsInformed, directory).Card;

    public const string HandOverVerb = "lead.handOver";
    public const string HandOverBoardInput = "handOverTo";
    public const string HandOverReasonInput = "handOverReason";

    /// <summary>
    /// "Hand to another board": the board that should lead (the child's home area's, or the responsible local
    /// authority's for a looked-after child) and the reason. None when the deployment has one board.
    /// </summary>
    public static IEnumerable<JsonNode?> HandOverAction(CaseReferred referral, BoardDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(directory);
        var others = directory.Boards.Where(b => b.Id != referral.LeadBoard).ToList();
        if (others.Count == 0)
        {
            yield break;
        }

        var to = Choices(HandOverBoardInput, "The board that should lead", others.Select(b => (b.Name, b.Id.Value)), others[0].Id.Value, required: true, expanded: false);
        to["errorMessage"] = "Choose the board that should lead.";
        var reason = TextInput(HandOverReasonInput, "Why (for example: the child normally lives in that board's area)", "", CaseCommands.MaxHandOverReason, required: true, multiline: true);
        reason["errorMessage"] = "Give the reason for handing the case over.";
        yield return ShowCard("Hand to another board", [to, reason],
            [Execute("Hand over", HandOverVerb, new JsonObject { ["reference"] = referral.Reference.Value })]);
    }

    public const string InformationOnly = "A Youth Offending Service serious incident, sent for information only (toolkit Appendix D).";

    /// <summary>The card, and the length long answers were shortened to so that it fits (null when none was).</summary>
    public static (JsonObject Card, int? Limit) BuildWithLimit(
        CaseReferred referral,
        CriteriaAdvice advice,
        IReadOnlyList<PossibleDuplicate> duplicates,
        IReadOnlyList<Actor> chairsInformed,
        BoardDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(advice);
        ArgumentNullException.ThrowIfNull(duplicates);
        ArgumentNullException.ThrowIfNull(chairsInformed);
        ArgumentNullException.ThrowIfNull(directory);
        var form = referral.Form;
        var board = directory.Find(referral.LeadBoard);

        return CardBudget.FitWithLimit(limit =>
        {
            var body = new List<JsonNode?>
            {
                ConfidentialLine(),
                Heading(form.ForInformationOnly ? $"{referral.Reference} · Youth Offending Service serious incident, for information" : $"{referral.Reference} · New referral for triage"),
                Facts(
                [
                    ("Received", Words.DateAndTime(referral.At)),
                    ("Board", board?.Name ?? referral.LeadBoard.Value),
                    ("Referred by", $"{form.Referrer.Name}, {form.Referrer.Role}"),
                    ("Child", form.Child.Name),
                    ("Incident", $"{Words.Of(form.Incident.Kind)}, {Words.Date(form.Incident.Date)}"),
                ]),
            };

            if (duplicates.Count > 0)
            {
                body.Add(Container(
                [
                    Text(duplicates.Count == 1 ? "Possible duplicate" : $"{duplicates.Count} possible duplicates", strong: true),
                    Bullets(duplicates.Select(d => $"{d.Reference} (referred {Words.Date(d.ReferredAt)}): {d.Why}")),
                    Text("Check whether this referral is about the same child before the sub-group meets.", subtle: true),
                    ActionSet([.. duplicates.Take(MaxDuplicateButtons).Select(d => ShowCard($"Settle {d.Reference}",
                        [Text($"Is this referral about the same child as {d.Reference}?")],
                        [.. DuplicateButtons(referral.Reference, d.Reference)]))]),
                ], style: "attention"));
            }

            if (form.ForInformationOnly)
            {
                body.Add(Container(
                [
                    Text(InformationOnly, strong: true),
                    Text("It is recorded for the board's awareness; no Serious Case Review deadline runs. If the YOS learning review finds multi-agency learning, the senior YOS manager tells the board formally, and the sub-group supports acting on it.", subtle: true),
                ], style: "emphasis"));
                body.Add(Subheading("The incident", separator: true));
                body.AddRange(ReferralDetails.Sections(form, directory, limit));
                return Card(body);
            }

            body.Add(CriteriaAdvicePart.Build(advice));
            body.Add(Subheading("What you need to do"));
            var todo = new List<string>
            {
                chairsInformed.Count > 0
                    ? $"The Independent Chair and the Sub-group Chair have been told of this referral ({string.Join(" and ", chairsInformed.Select(c => c.Name))})."
                    : "Tell the Independent Chair and the Sub-group Chair of this referral.",
                "Decide how soon the SCR sub-group meets to consider it; an extraordinary meeting is possible.",
            };
            body.Add(Bullets(todo));
            body.Add(Subheading("The referral", separator: true));
            if (limit is not null)
            {
                body.Add(Text(FullTextCard.ShortenedNote, subtle: true));
            }

            body.AddRange(ReferralDetails.Sections(form, directory, limit));
            return Card(body,
            [
                ShowCard("Arrange the sub-group meeting",
                [
                    .. WithError(DateInput("meetingDate", "Date of the sub-group meeting", "", required: true), null, "Give the date of the sub-group meeting."),
                    Toggle("extraordinary", "Extraordinary meeting", "This is an extraordinary meeting of the sub-group", "false"),
                ],
                [Execute("Arrange the meeting", "subgroup.arrange", new JsonObject { ["case"] = referral.Reference.Value, ["step"] = "arrange" })]),
                .. HandOverAction(referral, directory),
            ]);
        });
    }
}
