using System.Globalization;
using System.Text.Json.Nodes;
using ScrBot.Bot.Referral;
using ScrBot.Domain.Boards;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Cards;

/// <summary>What a form section's card is drawn from.</summary>
public sealed record FormSectionView(FormDraft Draft, BoardDirectory Directory, FormErrors Errors, DateOnly Today, string? Banner = null);

/// <summary>
/// The frame every section of the notification form shares: the confidentiality line, the heading with where the user
/// is ("Section 2 of 6 · The child"), a summary of problems, the section's inputs, and Next (or Review), Back, and
/// Discard behind a confirmation.
/// </summary>
public static class FormSectionFrame
{
    public const string VerbStart = "referral.start";
    public const string VerbNext = "referral.next";
    public const string VerbBack = "referral.back";
    public const string VerbAdd = "referral.add";
    public const string VerbReview = "referral.review";
    public const string VerbSubmit = "referral.submit";
    public const string VerbDiscard = "referral.discard";
    public const string VerbResume = "referral.resume";

    /// <summary>Shows where a form stands: its acknowledgement once sent, else the section the user is at.</summary>
    public const string VerbCheck = "referral.check";

    public static JsonObject Data(FormDraft draft, FormSection section) => new()
    {
        ["section"] = ((int)section).ToString(CultureInfo.InvariantCulture),
        ["draftId"] = draft.DraftId,
    };

    public static JsonObject Build(FormSection section, FormSectionView view, string intro, IEnumerable<JsonNode> inputs, JsonObject? extraAction = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        var errors = view.Errors.Only(section);
        var body = new List<JsonNode?>
        {
            ConfidentialLine(Words.DraftConfidential),
            Heading("New referral · " + FormSections.Position(section)),
            Text(intro, subtle: true),
        };

        if (view.Banner is not null)
        {
            body.Add(Attention(view.Banner, strong: true));
        }

        if (errors.Any)
        {
            body.Add(Attention(
                errors.Count == 1
                    ? "One answer needs changing: the message is under it."
                    : $"{errors.Count} answers need changing: each message is under its answer.",
                strong: true));
            body.AddRange(errors.GeneralFor(section).Select(m => Attention(m)));
        }

        body.AddRange(inputs);
        body.Add(Text("Your answers are saved as a draft each time you press Next. Back returns to the previous section without saving this one.", subtle: true));

        var last = section == FormSection.ParallelProcesses || view.Draft.SectionsPassed >= FormSections.Count;
        var actions = new List<JsonNode?>
        {
            Execute(last ? "Review" : "Next", last ? VerbReview : VerbNext, Data(view.Draft, section), style: "positive"),
        };
        if (section != FormSection.Referrer)
        {
            actions.Add(Execute("Back", VerbBack, Data(view.Draft, section - 1), sendInputs: false));
        }

        actions.Add(DiscardAction(view.Draft, section));
        var card = Card(body, actions);
        if (extraAction is not null)
        {
            card["body"]!.AsArray().Insert(card["body"]!.AsArray().Count - 1, ActionSet(extraAction));
        }

        return card;
    }

    public static JsonObject DiscardAction(FormDraft draft, FormSection section) => Confirmed(
        "Discard draft",
        "Discard this draft? Every answer in it is deleted and cannot be recovered. Nothing has been sent to the board.",
        Execute("Yes, discard the draft", VerbDiscard, Data(draft, section), sendInputs: false));

    /// <summary>The choices for a yes/no question.</summary>
    public static IReadOnlyList<(string, string)> YesNo { get; } = [("Yes", "yes"), ("No", "no")];
}
