using System.Text.Json.Nodes;
using ScrBot.Bot.Referral;
using ScrBot.Domain.Referral;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Cards;

/// <summary>Section 2 of the notification form: the child.</summary>
public static class ChildSectionCard
{
    /// <summary>
    /// The other names input: up to the form's number of names, one per line, averaging 100 characters per name (each
    /// name may still be as long as any name), so that the card fits in a Teams message however the names are written.
    /// </summary>
    public const int OtherNamesMaxLength = FormLimits.MaxOtherNames * 100;

    public static JsonObject Build(FormSectionView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var d = view.Draft;
        var e = view.Errors;
        var inputs = new List<JsonNode>();

        inputs.AddRange(WithError(
            TextInput(FormFields.ChildName, "Child's full name", d.Answer(FormFields.ChildName), FormLimits.Name, required: true),
            e.For(FormFields.ChildName), "Enter the child's name."));
        inputs.AddRange(WithError(
            TextInput(FormFields.ChildOtherNames, "Other names or aliases the child is known by (one per line)", d.Answer(FormFields.ChildOtherNames),
                OtherNamesMaxLength, multiline: true),
            e.For(FormFields.ChildOtherNames), "Check the other names."));
        inputs.AddRange(WithError(
            DateInput(FormFields.ChildDateOfBirth, "Date of birth", d.Answer(FormFields.ChildDateOfBirth), max: view.Today),
            e.For(FormFields.ChildDateOfBirth), "Enter the date of birth."));
        inputs.AddRange(WithError(
            NumberInput(FormFields.ChildApproximateAge, "If the date of birth is not known: approximate age in years", d.Answer(FormFields.ChildApproximateAge),
                0, FormLimits.MaxApproximateAgeYears),
            e.For(FormFields.ChildApproximateAge), "Enter the approximate age in years."));
        inputs.AddRange(WithError(
            Choices(FormFields.ChildGender, "Gender", Enum.GetValues<Gender>().Select(g => (Words.Of(g), g.ToString())), d.Answer(FormFields.ChildGender), required: true),
            e.For(FormFields.ChildGender), "Choose the child's gender."));
        inputs.AddRange(WithError(
            TextInput(FormFields.ChildAddress, "Child's address", d.Answer(FormFields.ChildAddress), FormLimits.Address, required: true, multiline: true),
            e.For(FormFields.ChildAddress), "Enter the child's address."));
        inputs.AddRange(WithError(
            TextInput(FormFields.ChildEthnicity, "Ethnicity (optional)", d.Answer(FormFields.ChildEthnicity), FormLimits.Ethnicity),
            e.For(FormFields.ChildEthnicity), "Check the ethnicity."));
        inputs.AddRange(WithError(
            Choices(FormFields.ChildLookedAfter, "Is the child looked after by a local authority?", FormSectionFrame.YesNo, d.Answer(FormFields.ChildLookedAfter), required: true),
            e.For(FormFields.ChildLookedAfter), "Say whether the child is looked after."));
        inputs.AddRange(WithError(
            TextInput(FormFields.ChildResponsibleAuthority, "If looked after: the responsible local authority", d.Answer(FormFields.ChildResponsibleAuthority),
                FormLimits.ResponsibleAuthority),
            e.For(FormFields.ChildResponsibleAuthority), "Name the responsible local authority."));
        var boards = view.Directory.Boards.Select(b => (b.Name, b.Id.Value)).ToList();
        if (boards.Count > 0)
        {
            inputs.AddRange(WithError(
                Choices(FormFields.ChildHomeBoard, "Which board's area does the child normally live in (or did)?",
                    boards.Append(("Another area", FormFields.ElsewhereChoice)), d.Answer(FormFields.ChildHomeBoard)),
                e.For(FormFields.ChildHomeBoard), "Choose the board of the child's home area."));
            inputs.AddRange(WithError(
                Choices(FormFields.ChildResponsibleAuthorityBoard, "If looked after: which board's local authority is responsible for the child?",
                    boards.Append(("Another local authority", FormFields.ElsewhereChoice)), d.Answer(FormFields.ChildResponsibleAuthorityBoard)),
                e.For(FormFields.ChildResponsibleAuthorityBoard), "Choose the board of the responsible local authority."));
            inputs.Add(Text("The board of the child's home area leads the review; for a looked-after child, the board of the responsible local authority. The board you refer to cooperates when another leads.", subtle: true));
        }

        inputs.AddRange(WithError(
            Choices(FormFields.ChildProtectionPlan, "Is the child, or was the child, the subject of a child protection plan?",
                Enum.GetValues<ChildProtectionPlan>().Select(p => (Words.Of(p), p.ToString())), d.Answer(FormFields.ChildProtectionPlan), required: true),
            e.For(FormFields.ChildProtectionPlan), "Say whether the child has been the subject of a child protection plan."));
        inputs.AddRange(WithError(
            Choices(FormFields.ChildInRegulatedSetting, "Was the child in a regulated setting or service (for example a children's home, foster care or registered childcare)?",
                FormSectionFrame.YesNo, d.Answer(FormFields.ChildInRegulatedSetting), required: true),
            e.For(FormFields.ChildInRegulatedSetting), "Say whether the child was in a regulated setting or service."));
        inputs.AddRange(WithError(
            Choices(FormFields.ChildCustody, "At the time of the incident, was the child in custody, detained or deprived of liberty?",
                Enum.GetValues<CustodyStatus>().Select(c => (Words.Of(c), c.ToString())), d.Answer(FormFields.ChildCustody), required: true),
            e.For(FormFields.ChildCustody), "Choose one of the options."));

        return FormSectionFrame.Build(
            FormSection.Child,
            view,
            "The child's details are seen only by the people with a role on this case. Give the date of birth if you know it; otherwise the approximate age.",
            inputs);
    }
}
