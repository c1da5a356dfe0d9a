using System.Text.Json.Nodes;
using ScrBot.Bot.Referral;
using ScrBot.Domain.Criteria;
using ScrBot.Domain.Referral;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Cards;

/// <summary>Section 3 of the notification form: what happened.</summary>
public static class IncidentSectionCard
{
    public static JsonObject Build(FormSectionView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var d = view.Draft;
        var e = view.Errors;
        var inputs = new List<JsonNode>();

        inputs.AddRange(WithError(
            Choices(FormFields.IncidentKind, "What happened?", Enum.GetValues<IncidentKind>().Select(k => (Words.Of(k), k.ToString())),
                d.Answer(FormFields.IncidentKind), required: true),
            e.For(FormFields.IncidentKind), "Choose what happened."));
        inputs.Add(Text(CriteriaAssessment.SeriouslyHarmedMeaning, subtle: true));
        inputs.AddRange(WithError(
            DateInput(FormFields.IncidentDate, "Date of the incident", d.Answer(FormFields.IncidentDate), required: true, max: view.Today),
            e.For(FormFields.IncidentDate), "Enter the date of the incident."));
        inputs.AddRange(WithError(
            DateInput(FormFields.IncidentDateAware, "Date your agency became aware of it", d.Answer(FormFields.IncidentDateAware), required: true, max: view.Today),
            e.For(FormFields.IncidentDateAware), "Enter the date your agency became aware."));
        inputs.AddRange(WithError(
            DateInput(FormFields.IncidentDateChildrensSocialCareAware,
                "If your agency is not children's social care: the date children's social care became aware of it, if you know",
                d.Answer(FormFields.IncidentDateChildrensSocialCareAware), max: view.Today),
            e.For(FormFields.IncidentDateChildrensSocialCareAware), "Check the date children's social care became aware."));
        inputs.Add(Text("Children's social care notifies Ofsted and the board of a notifiable incident within five working days of becoming aware of it. Left empty, the days are counted from today, when the board receives this referral.", subtle: true));
        inputs.AddRange(WithError(
            Choices(FormFields.IncidentAbuseOrNeglect, "Is abuse or neglect of the child known or suspected?",
                Enum.GetValues<AbuseOrNeglect>().Select(a => (Words.Of(a), a.ToString())), d.Answer(FormFields.IncidentAbuseOrNeglect), required: true),
            e.For(FormFields.IncidentAbuseOrNeglect), "Say whether abuse or neglect is known or suspected."));
        inputs.AddRange(WithError(
            TextInput(FormFields.IncidentDescription, "What happened: a brief description", d.Answer(FormFields.IncidentDescription), FormLimits.Description,
                required: true, multiline: true),
            e.For(FormFields.IncidentDescription), "Describe what happened."));
        inputs.AddRange(WithError(
            Choices(FormFields.IncidentInterAgencyConcern, "Is there cause for concern about how the agencies worked together to safeguard the child?",
                Enum.GetValues<InterAgencyConcern>().Select(c => (Words.Of(c), c.ToString())), d.Answer(FormFields.IncidentInterAgencyConcern), required: true),
            e.For(FormFields.IncidentInterAgencyConcern), "Say whether there are concerns about how agencies worked together."));
        inputs.Add(Text("For a seriously harmed child, a Serious Case Review must be commissioned unless there is definitive evidence that there are no concerns about inter-agency working.", subtle: true));
        inputs.AddRange(WithError(
            TextInput(FormFields.IncidentInterAgencyConcernDetails, "If there are concerns: what they are", d.Answer(FormFields.IncidentInterAgencyConcernDetails),
                FormLimits.Details, multiline: true),
            e.For(FormFields.IncidentInterAgencyConcernDetails), "Describe the concerns."));

        return FormSectionFrame.Build(FormSection.Incident, view, "The incident that leads you to refer, and what is known about how the agencies worked together.", inputs);
    }
}
