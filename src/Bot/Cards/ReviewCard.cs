using System.Globalization;
using System.Text.Json.Nodes;
using ScrBot.Bot.Referral;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Referral;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Cards;

/// <summary>Every answer before the referral is sent, with a way back to each section, Send, and Discard.</summary>
public static class ReviewCard
{
    public static JsonObject Build(FormDraft draft, NotificationForm form, BoardDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return CardBudget.Fit(limit =>
        {
            var body = new List<JsonNode?>
            {
                ConfidentialLine(Words.DraftConfidential),
                Heading("New referral · Check your answers"),
                Text("Nothing has been sent yet. Check every answer; to change one, choose its section under 'Change an answer'. When you send the referral, the board's Board Manager receives it straight away."),
            };
            if (limit is not null)
            {
                body.Add(Text("Long answers are shortened here (they end in …): open their section to read them in full.", subtle: true));
            }

            body.AddRange(ReferralDetails.Sections(form, directory, limit));

            var goTo = Choices(InputIds.GoToSection, "Section to change",
                FormSections.All.Select(s => (FormSections.Position(s), ((int)s).ToString(CultureInfo.InvariantCulture))), "1", required: true, expanded: false);
            goTo["errorMessage"] = "Choose the section to change.";

            var data = FormSectionFrame.Data(draft, FormSection.ParallelProcesses);
            return Card(body,
            [
                Execute("Send referral", FormSectionFrame.VerbSubmit, data, style: "positive", sendInputs: false),
                ShowCard("Change an answer", [goTo], [Execute("Open section", FormSectionFrame.VerbBack, new JsonObject { ["draftId"] = draft.DraftId })]),
                FormSectionFrame.DiscardAction(draft, FormSection.ParallelProcesses),
            ]);
        });
    }
}
