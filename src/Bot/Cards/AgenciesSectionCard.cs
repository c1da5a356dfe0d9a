using System.Text.Json.Nodes;
using ScrBot.Bot.Referral;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Referral;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Cards;

/// <summary>Section 5 of the notification form: the agencies involved with the child or family, and other boards.</summary>
public static class AgenciesSectionCard
{
    /// <summary>How many other agencies the card's text box holds, one per line.</summary>
    public const int MaxOtherAgencies = 10;

    public const int OtherAgenciesMaxLength = MaxOtherAgencies * (FormLimits.AgencyName + 1);

    public static JsonObject Build(FormSectionView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var d = view.Draft;
        var e = view.Errors;
        var board = FormReader.ChosenBoard(d, view.Directory);
        var agencies = board?.Agencies ?? view.Directory.Boards.SelectMany(b => b.Agencies).DistinctBy(a => a.Id).ToList();
        var inputs = new List<JsonNode>();

        inputs.AddRange(WithError(
            Choices(InputIds.AgenciesInvolved, board is null ? "Which agencies have been involved with the child or family?" : $"Which of {board.Name}'s agencies have been involved with the child or family?",
                agencies.Select(a => (a.Name, a.Id.Value)), AgenciesChosen(d, agencies), multiSelect: true),
            e.For(InputIds.AgenciesInvolved), "Check the agencies chosen."));
        inputs.AddRange(WithError(
            TextInput(InputIds.OtherAgenciesInvolved, "Other agencies involved, one per line (for example a school, a GP practice, another local authority)",
                d.Answer(InputIds.OtherAgenciesInvolved), OtherAgenciesMaxLength, multiline: true),
            e.For(InputIds.OtherAgenciesInvolved), "Check the other agencies."));

        var others = view.Directory.Boards.Where(b => board is null || b.Id != board.Id).ToList();
        if (others.Count > 0)
        {
            inputs.AddRange(WithError(
                Choices(FormFields.OtherBoardsInvolved, "Is the child known to another board? Choose any other boards involved.",
                    others.Select(b => (b.Name, b.Id.Value)), d.Answer(FormFields.OtherBoardsInvolved), multiSelect: true),
                e.For(FormFields.OtherBoardsInvolved), "Check the boards chosen."));
            inputs.Add(Text("The lead board is the child's home area, or the responsible local authority's for a looked-after child; the other boards cooperate.", subtle: true));
        }

        return FormSectionFrame.Build(
            FormSection.AgenciesAndBoards,
            view,
            "The agencies that have worked with the child or family. The Board Manager chooses which agencies to involve in the Scoping Panel.",
            inputs);
    }

    /// <summary>
    /// The agencies ticked: those chosen when the section was answered; before that, the referrer's own agency (it is
    /// involved, being the one referring).
    /// </summary>
    private static string AgenciesChosen(FormDraft draft, IEnumerable<Agency> agencies)
    {
        if (draft.Answers.ContainsKey(InputIds.AgenciesInvolved) || draft.HasAnswered(FormSection.AgenciesAndBoards))
        {
            return draft.Answer(InputIds.AgenciesInvolved);
        }

        var own = draft.Answer(FormFields.ReferrerAgency);
        return agencies.Any(a => a.Id.Value == own) ? own : "";
    }
}
