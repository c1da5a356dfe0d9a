using System.Text.Json.Nodes;
using ScrBot.Bot.Conversations;
using ScrBot.Domain.Cases;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.Panel;

/// <summary>
/// The panel chair's written recommendation to the Independent Chair (toolkit, "The Scoping Panel meeting"): one of the
/// six options, commissioned or internal, the methodology, the areas of focus and the reasons; with the panel's
/// discussion of which family members will be involved and what affects their involvement, and whether a genogram was
/// prepared (it is never published).
/// </summary>
public static class RecommendationCard
{
    public const string Verb = "panel.recommend";
    public const string OptionInput = "option";
    public const string CommissionedInput = "commissioned";
    public const string MethodologyInput = "methodology";
    public const string FocusInput = "areasOfFocus";
    public const string ReasonsInput = "reasons";
    public const string FamilyInput = "familyMembers";
    public const string FactorsInput = "familyFactors";
    public const string GenogramInput = "genogram";

    public static readonly IReadOnlyList<RecommendationOption> Options = Enum.GetValues<RecommendationOption>();

    public static JsonObject Build(StepView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var held = view.Case.State.PanelHeld!;
        return TaskCard.Build(view, [("Held on", Cards.Words.Date(held.HeldOn))],
            [
                Choices(OptionInput, "The panel recommends", Options.Select(o => (Capital(Refusals.OptionWords(o)), o.ToString())), "", required: true),
                Toggle(CommissionedInput, "A multi-agency learning review", "Commissioned (not internal)", ""),
                Choices(MethodologyInput, "Methodology, for a review", Enum.GetValues<ReviewMethodology>().Select(m => (RecommendationCard.Capital(StepWords.Methodology(m)), m.ToString())), "", expanded: false, placeholder: "No methodology"),
                TextInput(FocusInput, "Areas of focus, one a line", "", 4000, multiline: true),
                TextInput(ReasonsInput, "The panel's reasons", "", 4000, required: true, multiline: true),
                Subheading("The family's involvement", separator: true),
                TextInput(FamilyInput, "The family members to be involved", "", 2000, required: true, multiline: true),
                TextInput(FactorsInput, "Factors that affect their involvement", "", 2000, multiline: true),
                Toggle(GenogramInput, "Genogram", "A genogram was prepared (it is never published)", ""),
            ],
            [Execute("Send to the Independent Chair", Verb, TaskCard.Data(view), style: "positive"), MeetingHeldCard.Harm(view)],
            "The Scoping Panel, as recorded held",
            confidential: true);
    }

    public static string Capital(string words) => string.Concat(char.ToUpperInvariant(words[0]).ToString(), words[1..]);
}
