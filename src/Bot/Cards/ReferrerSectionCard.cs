using System.Text.Json.Nodes;
using ScrBot.Bot.Referral;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Referral;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Cards;

/// <summary>Section 1 of the notification form: the referrer, their agency and the board.</summary>
public static class ReferrerSectionCard
{
    public static JsonObject Build(FormSectionView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var d = view.Draft;
        var e = view.Errors;
        var board = FormReader.ChosenBoard(d, view.Directory);
        var inputs = new List<JsonNode>();

        if (view.Directory.Boards.Count > 1)
        {
            inputs.AddRange(WithError(
                Choices(FormFields.Board, "Which board is this referral for?",
                    view.Directory.Boards.Select(b => (b.Name, b.Id.Value)), d.Answer(FormFields.Board), required: true),
                e.For(FormFields.Board), "Choose the board."));
            inputs.Add(Text("The lead board is the child's home area; for a looked-after child, the board of the responsible local authority.", subtle: true));
        }
        else
        {
            inputs.Add(Facts([("Board", view.Directory.Boards[0].Name)]));
        }

        inputs.AddRange(WithError(
            Choices(InputIds.ReferralSource, "Where does this referral come from?",
                Enum.GetValues<ReferralSource>().Select(s => (Words.Of(s), s.ToString())),
                d.Answer(InputIds.ReferralSource) is { Length: > 0 } source ? source : nameof(ReferralSource.Agency)),
            e.For(InputIds.ReferralSource), "Choose where the referral comes from."));

        inputs.AddRange(WithError(
            TextInput(FormFields.ReferrerName, "Your name", d.Answer(FormFields.ReferrerName), FormLimits.Name, required: true),
            e.For(FormFields.ReferrerName), "Enter your name."));
        inputs.AddRange(WithError(
            TextInput(FormFields.ReferrerRole, "Your role (job title)", d.Answer(FormFields.ReferrerRole), FormLimits.Role, required: true),
            e.For(FormFields.ReferrerRole), "Enter your role."));

        var agencies = board?.Agencies ?? view.Directory.Boards.SelectMany(b => b.Agencies).DistinctBy(a => a.Id).ToList();
        inputs.AddRange(WithError(
            Choices(FormFields.ReferrerAgency, board is null ? "Your agency" : $"Your agency ({board.Name})",
                [.. agencies.Select(a => (a.Name, a.Id.Value)), ("Another agency (name it below)", FormFields.OtherAgencyChoice)],
                d.Answer(FormFields.ReferrerAgency), required: true, expanded: false, placeholder: "Choose your agency"),
            e.For(FormFields.ReferrerAgency), "Choose your agency."));
        inputs.AddRange(WithError(
            TextInput(FormFields.ReferrerOtherAgency, "If another agency: its name", d.Answer(FormFields.ReferrerOtherAgency), FormLimits.AgencyName),
            e.For(FormFields.ReferrerOtherAgency), "Name your agency."));
        inputs.AddRange(WithError(
            TextInput(FormFields.ReferrerContact, "Your email address or telephone number", d.Answer(FormFields.ReferrerContact), FormLimits.Contact, required: true),
            e.For(FormFields.ReferrerContact), "Enter how the board can contact you."));
        inputs.AddRange(WithError(
            Toggle(FormFields.SeniorLeadsAware, "Your agency's senior leads",
                "I confirm that my agency's senior leads know this referral is being made", d.Answer(FormFields.SeniorLeadsAware), required: true),
            e.For(FormFields.SeniorLeadsAware), "Your agency's senior leads must know of the referral before it is sent."));

        return FormSectionFrame.Build(
            FormSection.Referrer,
            view,
            "Any agency may refer a child to its board for consideration of a Serious Case Review when it believes there are important lessons to learn about how agencies work together. A senior manager in the agency completes this form.",
            inputs);
    }
}
