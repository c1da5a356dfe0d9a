using System.Globalization;
using ScrBot.Bot.Conversations;
using ScrBot.Bot.Routing;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Stages.Preparing;

/// <summary>
/// The buttons of stage 4 (<c>preparing.*</c>): each turns the card's inputs into one domain command and hands it to
/// <see cref="CaseConversations.ActAsync"/>. The agency a button names is only what the person meant: the domain checks
/// that they represent it on this case.
/// </summary>
public sealed class PreparingActions(CaseConversations conversations) : ICardActionHandler
{
    /// <summary>A button delivered again: the step as it is now, never recorded a second time.</summary>
    public Task<CardActionResult?> AnswerAgainAsync(TurnContext context, CardAction action) => conversations.AnswerAgainAsync(context, action);

    public const string AgencyKey = "agency";

    public string VerbPrefix => "preparing.";

    public Task<CardActionResult> HandleAsync(TurnContext context, CardAction action)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        var data = action.Data;
        string V(string id) => TaskCard.Value(data, id);
        var agency = new AgencyId(V(AgencyKey));
        IReadOnlyList<string> List(string id) => V(id).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return action.Verb switch
        {
            ChooseAgenciesCard.Verb => conversations.ActAsync(context, action, "choose the agencies to involve", (s, c) =>
                CaseCommands.ChooseAgencies(s, c, List(ChooseAgenciesCard.AgenciesInput).Select(a => new AgencyId(a)).ToList())),
            SendDetailsCard.Verb => conversations.ActAsync(context, action, "send the child's details to the partners", (s, c) =>
                Date(V(SendDetailsCard.DueInput)) is not { } due
                    ? Outcome.Refused("Give the date the record checks are due.", "Record checks due by (D3)")
                    : V(SendDetailsCard.SecureInput) is { Length: > 0 } secure && Date(secure) is null
                        ? Outcome.Refused("Records secured by is not a date.", "Records secured by")
                        : CaseCommands.SendChildDetailsToPartners(s, c, due, Date(V(SendDetailsCard.SecureInput)))),
            SecureRecordsCard.Verb => conversations.ActAsync(context, action, "record that records are secured", (s, c) =>
                new[] { SecureRecordsCard.Electronic, SecureRecordsCard.Paper, SecureRecordsCard.Historical }.All(k => V(k) == "true")
                    ? CaseCommands.SecureRecords(s, c, agency)
                    : Outcome.Refused("Confirm that electronic, paper and historical records are all secured.")),
            RecordCheckCard.Verb => conversations.ActAsync(context, action, "return a records check", (s, c) => Check(s, c, agency, V)),
            CorrectDetailsCard.Verb => conversations.ActAsync(context, action, "correct the case's details", (s, c) => Correct(s, c, V)),
            SchoolsCard.Verb => conversations.ActAsync(context, action, "record the schools checked and informed", (s, c) =>
                V(SchoolsCard.InformedInput) == "true"
                    ? CaseCommands.RecordSchoolsChecked(s, c, V(SchoolsCard.SchoolsInput).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    : Outcome.Refused("Confirm that you have informed each school of the scoping process.", "Schools informed")),
            InvitationsCard.Verb => conversations.ActAsync(context, action, "send the invitations to the Scoping Panel", (s, c) =>
            {
                var (sio, refused) = Sio(s, c, V);
                return refused ?? CaseCommands.SendInvitations(
                    s, c,
                    List(InvitationsCard.AgenciesInput).Select(a => new AgencyId(a)).ToList(),
                    InvitationsCard.ReadInvitees(V(InvitationsCard.ExpertsInput)),
                    sio,
                    V(InvitationsCard.MinuteTakerNameInput).Length + V(InvitationsCard.MinuteTakerEmailInput).Length > 0
                        ? new Invitee(V(InvitationsCard.MinuteTakerNameInput), V(InvitationsCard.MinuteTakerEmailInput))
                        : null,
                    V(InvitationsCard.ProceedInput));
            }),
            ChronologyCard.Verb => conversations.ActAsync(context, action, "record that a chronology was sent", (s, c) => CaseCommands.ReceiveChronology(s, c, agency)),
            DisclosureOfficerCard.Verb => conversations.ActAsync(context, action, "decide whether a Disclosure Officer attends the Scoping Panel", (s, c) =>
                V(DisclosureOfficerCard.AttendsKey) switch
                {
                    "false" => CaseCommands.DecideDisclosureOfficer(s, c, null),
                    "true" => CaseCommands.DecideDisclosureOfficer(s, c, new Invitee(V(DisclosureOfficerCard.NameInput), V(DisclosureOfficerCard.EmailInput))),
                    _ => Outcome.Refused("Say whether a Disclosure Officer attends the Scoping Panel."),
                }),
            DiscrepancyAlertCard.SeenVerb => conversations.ActAsync(context, action, "record that this agency has seen the other partners' discrepancies", (s, c) =>
                CaseCommands.SeeOtherPartnersDiscrepancies(s, c, agency)),
            _ => Task.FromResult(CardActionResult.Error(Replies.UnknownButton, 400, "UnknownAction")),
        };
    }

    private static Outcome Check(CaseState state, CommandContext context, AgencyId agency, Func<string, string> value)
    {
        var people = CaseCommands.PeopleToCheck(state);
        var rows = new List<PersonCheck>();
        for (var i = 0; i < people.Count; i++)
        {
            if (!Enum.TryParse<RecordCheckResult>(value(RecordCheckCard.PersonInput(i)), ignoreCase: false, out var result) || !Enum.IsDefined(result))
            {
                return Outcome.Refused($"Say whether {people[i]} is known to your agency.", people[i]);
            }

            rows.Add(new PersonCheck(people[i], result));
        }

        var discrepancies = RecordCheckCard.Kinds
            .Select(k => (Kind: k, Text: value(RecordCheckCard.DiscrepancyInput(k))))
            .Where(d => d.Text.Length > 0)
            .Select(d => new Discrepancy(d.Kind, d.Text))
            .ToList();
        return CaseCommands.ReturnRecordCheck(state, context, agency, rows, discrepancies);
    }

    /// <summary>
    /// The Senior Investigating Officer to invite: one the board's directory names (chosen on the card, so that ScrBot
    /// reaches them in Teams), or someone else by name and email address; or the answer when the card asks for both, or
    /// names someone the directory does not hold.
    /// </summary>
    private static (Invitee? Sio, Outcome? Refused) Sio(CaseState state, CommandContext context, Func<string, string> value)
    {
        var typed = value(InvitationsCard.SioNameInput).Length + value(InvitationsCard.SioEmailInput).Length > 0
            ? new Invitee(value(InvitationsCard.SioNameInput), value(InvitationsCard.SioEmailInput))
            : null;
        var chosen = value(InvitationsCard.SioInput);
        if (chosen.Length == 0)
        {
            return (typed, null);
        }

        if (typed is not null)
        {
            return (null, Outcome.Refused("Choose the Senior Investigating Officer from the board's directory, or give someone else's name and email, not both.", "Senior Investigating Officer"));
        }

        return InvitationsCard.DirectorySios(state, context.Directory).FirstOrDefault(m => m.Person.Value == chosen) is { } member
            ? (new Invitee(member.Name, member.Email ?? ""), null)
            : (null, Outcome.Refused("That Senior Investigating Officer is not in the board's directory.", "Senior Investigating Officer"));
    }

    private static Outcome Correct(CaseState state, CommandContext context, Func<string, string> value)
    {
        if (state.Form is not { } form)
        {
            return Outcome.Refused("There is no case with this reference.");
        }

        var born = value(CorrectDetailsCard.BornInput);
        DateOnly? dateOfBirth = born.Length == 0 ? null : Date(born);
        if (born.Length > 0 && dateOfBirth is null)
        {
            return Outcome.Refused("Date of birth is not a date.", "Date of birth");
        }

        var child = form.Child with { Name = value(CorrectDetailsCard.NameInput), DateOfBirth = dateOfBirth, Address = value(CorrectDetailsCard.AddressInput) };
        return CaseCommands.CorrectCaseDetails(state, context, child, CorrectDetailsCard.ReadOthers(value(CorrectDetailsCard.OthersInput), form.SignificantOthers));
    }

    private static DateOnly? Date(string text) => TaskCard.DateValue(new System.Text.Json.Nodes.JsonObject { ["d"] = text }, "d");
}
