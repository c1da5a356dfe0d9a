using System.Text.Json.Nodes;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Cards;

/// <summary>
/// The help card's "Case status" button: asks for a case reference, then shows that case's status card. A wrong
/// reference is shown beside the box, with what was typed kept.
/// </summary>
public static class CaseLookupCard
{
    public const string ReferenceInput = "reference";

    public const string ShowVerb = "case.show";

    public static JsonObject Build(string typed = "", string? error = null) =>
        AdaptiveCard.Card(
            [
                AdaptiveCard.Heading("Case status"),
                AdaptiveCard.Text("Type the case's reference. You will see its stage, what is due and who owes it, if you have a role on the case."),
                .. AdaptiveCard.WithError(
                    AdaptiveCard.TextInput(ReferenceInput, "Case reference", typed, 20, required: true, placeholder: "SCR-2026-0007"),
                    error,
                    "Type a case reference, for example SCR-2026-0007."),
            ],
            [AdaptiveCard.Execute("Show status", ShowVerb, style: "positive")]);

    public static string NotAReference(string typed) =>
        $"'{typed}' is not a case reference. A reference looks like SCR-2026-0007.";

    public static bool TryRead(string typed, out CaseReference reference)
    {
        reference = default;
        if (!CaseReference.TryParse(typed, out var parsed))
        {
            return false;
        }

        reference = parsed.Value;
        return true;
    }
}
