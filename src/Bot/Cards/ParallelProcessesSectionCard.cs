using System.Text.Json.Nodes;
using ScrBot.Bot.Referral;
using ScrBot.Domain.Referral;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Cards;

/// <summary>Section 6 of the notification form: processes running beside the review.</summary>
public static class ParallelProcessesSectionCard
{
    public static IReadOnlyList<(string Id, string Label, string Title)> Processes { get; } =
    [
        (FormFields.CriminalInvestigation, "Criminal investigation", "A criminal investigation is running"),
        (InputIds.DomesticHomicideReview, "Domestic Homicide Review", "A Domestic Homicide Review is running (for a victim under 18 the SCR takes precedence)"),
        (InputIds.ChildDeathReview, "Child death review", "The Child Death Overview Panel (CDOP) is reviewing the child's death"),
        (InputIds.YouthOffendingSeriousIncident, "Youth Offending Service", "A Youth Offending Service serious incident review is running"),
        (InputIds.Coroner, "Coroner", "The coroner is involved"),
        (InputIds.Disciplinary, "Disciplinary proceedings", "Disciplinary proceedings are running"),
        (InputIds.FamilyCourt, "Family court", "Family court proceedings are running"),
    ];

    public static JsonObject Build(FormSectionView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var d = view.Draft;
        var e = view.Errors;
        var inputs = new List<JsonNode>();

        foreach (var (id, label, title) in Processes)
        {
            inputs.AddRange(WithError(Toggle(id, label, title, d.Answer(id)), e.For(id), "Check this answer."));
            if (id == FormFields.CriminalInvestigation)
            {
                inputs.AddRange(WithError(
                    TextInput(FormFields.SeniorInvestigatingOfficer, "If there is a criminal investigation: the Senior Investigating Officer's name and contact details",
                        d.Answer(FormFields.SeniorInvestigatingOfficer), FormLimits.SeniorInvestigatingOfficerContact, multiline: true),
                    e.For(FormFields.SeniorInvestigatingOfficer), "Enter the Senior Investigating Officer's contact details."));
            }
        }

        inputs.AddRange(WithError(
            TextInput(FormFields.ParallelDetails, "Anything the board should know about these processes (optional)", d.Answer(FormFields.ParallelDetails),
                FormLimits.Details, multiline: true),
            e.For(FormFields.ParallelDetails), "Check the details."));

        return FormSectionFrame.Build(
            FormSection.ParallelProcesses,
            view,
            "Other processes running beside a review. Where a criminal investigation runs in parallel, the Senior Investigating Officer is invited to the Scoping Panel.",
            inputs);
    }
}
