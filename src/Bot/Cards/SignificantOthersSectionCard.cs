using System.Text.Json.Nodes;
using ScrBot.Bot.Referral;
using ScrBot.Domain.Referral;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Cards;

/// <summary>Section 4 of the notification form: the significant others, one row each, with "Add another person".</summary>
public static class SignificantOthersSectionCard
{
    public static JsonObject Build(FormSectionView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var d = view.Draft;
        var e = view.Errors;
        var inputs = new List<JsonNode>();

        for (var row = 0; row < d.SignificantOtherRows; row++)
        {
            var name = InputIds.SignificantOther(row, FormFields.SignificantOtherName);
            var relationship = InputIds.SignificantOther(row, FormFields.SignificantOtherRelationship);
            var dob = InputIds.SignificantOther(row, FormFields.SignificantOtherDateOfBirth);
            var items = new List<JsonNode> { Subheading($"Person {row + 1}") };
            items.AddRange(WithError(TextInput(name, $"Person {row + 1}: name", d.Answer(name), FormLimits.Name), e.For(name), "Enter the name."));
            items.AddRange(WithError(
                TextInput(relationship, $"Person {row + 1}: relationship to the child", d.Answer(relationship), FormLimits.Relationship,
                    placeholder: "For example mother, stepfather, sibling, mother's partner"),
                e.For(relationship), "Enter the relationship to the child."));
            items.AddRange(WithError(DateInput(dob, $"Person {row + 1}: date of birth, if known", d.Answer(dob), max: view.Today), e.For(dob), "Enter the date of birth."));
            inputs.Add(Container(items, separator: row > 0));
        }

        JsonObject? add = null;
        if (d.SignificantOtherRows < FormDraft.MaxSignificantOtherRows)
        {
            add = Execute("Add another person", FormSectionFrame.VerbAdd, FormSectionFrame.Data(d, FormSection.SignificantOthers));
        }
        else
        {
            inputs.Add(Text($"This card holds up to {FormDraft.MaxSignificantOtherRows} people. Name anyone else in the description of the incident.", subtle: true));
        }

        return FormSectionFrame.Build(
            FormSection.SignificantOthers,
            view,
            "Parents, carers, siblings, household members and anyone else significant to the child. Board partners will check their records for these people. Leave a row empty to remove it; leave them all empty if there is no one to name yet.",
            inputs,
            add);
    }
}
