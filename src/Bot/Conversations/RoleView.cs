using System.Text.Json.Nodes;
using ScrBot.Bot.Cards;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Conversations;

/// <summary>
/// What <c>case &lt;reference&gt;</c> adds to the case's status for the person asking: their role(s) on the case, the
/// steps they owe now with the button that opens each, what the case is waiting for, any other button a stage offers
/// them (<see cref="IHubPart.ActionsFor"/>), and the full referral in expandable sections (shown only to people with a role on the case: nobody else gets this card at all).
/// </summary>
public static class RoleView
{
    public const string ReferralId = "referral-in-full";

    public static JsonObject Extend(JsonObject statusCard, CaseView view, IReadOnlyList<CaseStep> steps, Actor person, IReadOnlyList<JsonNode?>? more = null)
    {
        ArgumentNullException.ThrowIfNull(statusCard);
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(person);
        var roles = CaseAccess.RolesOnCase(view.State, person.Id, view.Directory);
        var mine = steps.Where(s => s.IsOwedBy(person.Id)).OrderBy(s => s.Due ?? DateOnly.MaxValue).ToList();
        return CardBudget.Fit(limit =>
        {
            var card = (JsonObject)statusCard.DeepClone();
            var body = (JsonArray)card["body"]!;
            var added = new List<JsonNode?>
            {
                Subheading("Your part in this case", separator: true),
                Text("Your role: " + string.Join(", ", roles.Select(RoleNames.Of).Distinct())),
            };
            if (view.State.Stage == Stage.IndependentChairDecision && view.State.Recommendation is null && view.State.SubgroupOutcome is { } outcome)
            {
                added.Add(Attention($"Waiting for the Independent Chair: the sub-group recommends {StepWords.Outcome(outcome)}. The case stays open until the Chair decides."));
            }
            else if (view.State.Stage == Stage.IndependentChairDecision && view.State.Recommendation is { } recommendation)
            {
                added.Add(Attention($"Waiting for the Independent Chair: the Scoping Panel recommends {StepWords.Recommendation(recommendation)}."));
            }

            added.Add(mine.Count == 0
                ? Text("You owe nothing on this case now.", subtle: true)
                : Bullets(mine.Select(s => s.Title + (s.Due is { } due ? $", by {HumanDates.FormatWithRelative(due, view.Today, view.Calendar)}" : ""))));
            if (mine.Count > 0)
            {
                added.Add(ActionSet([.. mine.Take(4).Select(s => Execute(s.Title, HubCard.OpenVerb,
                    new JsonObject { [TaskCard.CaseKey] = view.Reference.Value, [TaskCard.StepKey] = s.Key }, sendInputs: false))]));
            }

            if (more is { Count: > 0 })
            {
                added.Add(ActionSet([.. more.Take(Math.Max(0, 5 - Math.Min(mine.Count, 4)))]));
            }

            if (view.State.Form is { } form)
            {
                var sections = Container(ReferralDetails.Sections(form, view.Directory, limit));
                sections["id"] = ReferralId;
                sections["isVisible"] = false;
                added.Add(ActionSet(new JsonObject
                {
                    ["type"] = "Action.ToggleVisibility",
                    ["title"] = "Show or hide the referral in full",
                    ["targetElements"] = new JsonArray(ReferralId),
                }));
                added.Add(sections);
            }

            foreach (var node in added)
            {
                body.Add(node);
            }

            return card;
        });
    }
}
