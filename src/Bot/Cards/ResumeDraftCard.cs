using System.Text.Json.Nodes;
using ScrBot.Bot.Referral;
using ScrBot.Domain.Referral;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Cards;

/// <summary>Asked when someone types <c>refer</c> with a draft saved: carry on with it, or discard it.</summary>
public static class ResumeDraftCard
{
    public static JsonObject Build(FormDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var facts = new List<(string, string)>
        {
            ("Started", Words.DateAndTime(draft.StartedAt)),
            ("Last saved", Words.DateAndTime(draft.SavedAt)),
            ("Where you were", FormSections.Position(draft.Section)),
        };
        if (draft.Answer(FormFields.ChildName) is { Length: > 0 } child)
        {
            facts.Insert(0, ("Child", child.Trim()));
        }

        return Card(
        [
            ConfidentialLine(Words.DraftConfidential),
            Heading("New referral · You have a draft"),
            Text("You started a referral and have not sent it yet. Carry on where you were, or discard it and start again."),
            Facts(facts),
        ],
        [
            Execute("Carry on with the draft", FormSectionFrame.VerbResume, FormSectionFrame.Data(draft, draft.Section), style: "positive", sendInputs: false),
            FormSectionFrame.DiscardAction(draft, draft.Section),
        ]);
    }
}
