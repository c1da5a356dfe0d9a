using System.Text.Json.Nodes;
using ScrBot.Bot.Conversations;
using ScrBot.Domain.Cases;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.Preparing;

/// <summary>
/// The Board Manager's task: the invitations in the toolkit's order — the agencies' representatives, experts, the
/// Senior Investigating Officer when a criminal investigation runs, the panel chair, and a minute taker with no
/// involvement with the child or family; and, while some information is not in, the reason to proceed.
/// </summary>
public static class InvitationsCard
{
    public const string Verb = "preparing.invite";
    public const string AgenciesInput = "invitedAgencies";
    public const string ExpertsInput = "experts";
    public const string SioInput = "sio";
    public const string SioNameInput = "sioName";
    public const string SioEmailInput = "sioEmail";
    public const string MinuteTakerNameInput = "minuteTakerName";
    public const string MinuteTakerEmailInput = "minuteTakerEmail";
    public const string ProceedInput = "proceedBecause";

    public static JsonObject Build(StepView view)
    {
        var state = view.Case.State;
        var missing = state.ChosenAgencies.Where(a => !CaseCommands.CheckIsIn(state, a)).Select(view.Case.AgencyName).ToList();
        var invitable = state.PartnersSentChildDetails.Where(a => CaseCommands.RepresentativesOf(state, view.Case.Directory, a).Any()).ToList();
        var unreachable = state.PartnersSentChildDetails.Except(invitable).Select(view.Case.AgencyName).ToList();
        var known = state.RecordChecks.Where(c => c.Result == RecordCheckResult.Known && invitable.Contains(c.Agency)).Select(c => c.Agency.Value);
        var chair = state.SubgroupChairInvolvement is null ? view.Case.WithRole(Domain.Boards.Role.SubgroupChair) : view.Case.WithRole(Domain.Boards.Role.SubgroupViceChair);
        var body = new List<JsonNode?>
        {
            Choices(AgenciesInput, "1. Agencies to invite (their representatives must be senior enough to decide for their agency)",
                invitable.Select(a => (view.Case.AgencyName(a), a.Value)), string.Join(",", known), required: true, multiSelect: true),
            TextInput(ExpertsInput, "2. Experts (medical, criminal, cultural, disability…), one a line: name; email", "", 4000, multiline: true),
            Text("3. Senior Investigating Officer" + (state.CriminalInvestigation ? " (a criminal investigation runs: required). The SIO decides whether a Disclosure Officer attends, on a card of their own." : " (when a criminal investigation runs)")),
        };
        if (state.Form?.ParallelProcesses.SeniorInvestigatingOfficerContact is { Length: > 0 } contact)
        {
            body.Add(Text($"The referral names the Senior Investigating Officer: {contact}", subtle: true));
        }

        var sios = DirectorySios(state, view.Case.Directory);
        if (sios.Count > 0)
        {
            body.Add(Choices(SioInput, "From the board's directory (reached in Teams)",
                sios.Select(m => ($"{m.Name} ({(m.Agency is { } a ? view.Case.AgencyName(a) : "police")})", m.Person.Value)), "", expanded: false, placeholder: "Choose the Senior Investigating Officer"));
        }

        var typedLabel = sios.Count > 0 ? "Or someone not in the board's directory: name" : "Senior Investigating Officer's name";
        body.Add(TextInput(SioNameInput, typedLabel, "", 200, required: state.CriminalInvestigation && sios.Count == 0));
        body.Add(TextInput(SioEmailInput, "Senior Investigating Officer's email", "", 320, required: state.CriminalInvestigation && sios.Count == 0));
        body.AddRange(new List<JsonNode?>
        {
            Text($"4. Panel chair: {string.Join(", ", chair.Select(c => c.Name))}{(state.SubgroupChairInvolvement is null ? " (Sub-group Chair)" : " (Vice-Chair: the Sub-group Chair declared direct involvement)")}"),
            TextInput(MinuteTakerNameInput, "5. Minute taker's name (no involvement with the child or family)", "", 200, required: true),
            TextInput(MinuteTakerEmailInput, "Minute taker's email", "", 320, required: true),
        });
        if (unreachable.Count > 0)
        {
            body.Insert(1, Text($"No representative in the board's directory to invite: {string.Join(", ", unreachable)}. Add one to the directory to invite that agency.", subtle: true));
        }

        if (missing.Count > 0)
        {
            body.Insert(0, Attention($"Not every involved agency's information is in yet ({string.Join(", ", missing)})."));
            body.Add(TextInput(ProceedInput, "Why proceed before all information is in?", "", 4000, multiline: true));
        }

        return TaskCard.Build(view, [], body,
            [Execute("Send the invitations", Verb, TaskCard.Data(view), style: "positive")],
            "The agencies' records checks",
            confidential: false);
    }

    /// <summary>The Senior Investigating Officers the directory names on the case's boards, each once.</summary>
    public static IReadOnlyList<Domain.Boards.BoardMember> DirectorySios(CaseState state, Domain.Boards.BoardDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(directory);
        return new[] { state.LeadBoard }.Concat(state.CooperatingBoards)
            .SelectMany(b => directory.WithRole(b, Domain.Boards.Role.SeniorInvestigatingOfficer))
            .DistinctBy(m => m.Person)
            .ToList();
    }

    /// <summary>"Name; email" lines as invitees.</summary>
    public static IReadOnlyList<Invitee> ReadInvitees(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(';', 2, StringSplitOptions.TrimEntries))
            .Select(parts => new Invitee(parts[0], parts.Length > 1 ? parts[1] : ""))
            .ToList();
}
