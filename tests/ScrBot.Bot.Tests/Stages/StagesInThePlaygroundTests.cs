using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ScrBot.Bot.Connector;
using ScrBot.Bot.Referral;
using ScrBot.Bot.Storage;
using ScrBot.Bot.Tests.EndToEnd;
using ScrBot.Bot.Tests.Referral;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Tests.Stages;

/// <summary>The bot with the local board directory (config/directory.local.json), in the Agents Playground.</summary>
public sealed class StagesPlaygroundFixture : PlaygroundFixture
{
    protected override void ConfigureBotSettings(IDictionary<string, string?> settings) =>
        settings["Directory__Path"] = ReferralSamples.LocalDirectoryPath;
}

/// <summary>
/// Stages 3–4 end to end in the Microsoft 365 Agents Playground, one Playground per person, each clicking the cards
/// they received: Megan Bowen (Board Manager) arranges the sub-group meeting, Isaiah Langer (Sub-group Chair) decides,
/// Megan chooses the agencies and sends the details, Patti Fernandez (police) secures her records and returns her
/// check with a discrepancy that Megan corrects, Lynne Robbins (Education Safeguarding Officer) checks the schools, and
/// Megan sends the invitations; Megan's hub card shows each step as it happens.
/// </summary>
public sealed partial class StagesInThePlaygroundTests(StagesPlaygroundFixture playground) : IClassFixture<StagesPlaygroundFixture>
{
    [Fact]
    public async Task ACaseGoesFromTriageToInvitationsSentEachStepByThePersonWhoseRoleItIs()
    {
        var (megan, isaiah, patti, lynne) = await PeopleReadyAsync();
        var reference = await ReferredAndTriagedAsync();
        var today = Today();

        // Stage 2 → 3: the Board Manager arranges the sub-group meeting from her task card.
        var arrange = await TaskCardAsync(megan, reference, "Arrange the sub-group meeting");
        var arranged = await megan.PressAsync(arrange, "Arrange the meeting", new JsonObject { ["meetingDate"] = Iso(today.AddDays(7)), ["extraordinary"] = "true" });
        Assert.Contains("done by Megan Bowen", Text(arranged!.Card!), StringComparison.Ordinal);
        await HubShowsAsync(megan, reference, "Sub-group meets");

        // Stage 3: the Sub-group Chair decides to convene.
        var decide = await TaskCardAsync(isaiah, reference, "Decide whether to convene a Scoping Panel");
        Assert.Contains("Jamie Collins", decide.CardText, StringComparison.Ordinal);
        await isaiah.PressAsync(decide, "Record the decision", new JsonObject { ["outcome"] = "ConveneScopingPanel", ["reasons"] = "The information suggests the criteria may be met." });
        await HubShowsAsync(megan, reference, "Sub-group decided");

        // Before the details are sent, the police representative cannot tell the case exists.
        var before = await AskAsync(patti, $"case {reference}");
        var missing = await AskAsync(patti, "case SCR-2026-9999");
        Assert.Equal(CaseStatusService.NotFound, before.Text);
        Assert.Equal(missing.Text, before.Text);

        // Stage 4: agencies chosen, details sent (D3).
        var agencies = await TaskCardAsync(megan, reference, "Choose the agencies to involve");
        await megan.PressAsync(agencies, "Choose these agencies", new JsonObject { ["agencies"] = "staffs-police,staffs-health" });
        await HubShowsAsync(megan, reference, "Choose the agencies to involve: done by Megan Bowen");
        var details = await TaskCardAsync(megan, reference, "Send the child's details to the partners");
        await megan.PressAsync(details, "Send the details to the partners", new JsonObject { ["checksDueBy"] = Iso(today.AddDays(10)) });
        await HubShowsAsync(megan, reference, "Record checks due (D3)");

        var after = await AskAsync(patti, $"case {reference}");
        Assert.NotNull(after.Card);
        Assert.Contains("Jamie Collins", after.CardText, StringComparison.Ordinal);
        Assert.Contains("Your role: agency representative", after.CardText, StringComparison.Ordinal);

        // Records secured, and a repeated click on the stale card changes nothing.
        var secure = await TaskCardAsync(patti, reference, "Secure Staffordshire Police's records");
        var secured = await patti.PressAsync(secure, "Records secured", new JsonObject { ["electronic"] = "true", ["paper"] = "true", ["historical"] = "true" });
        Assert.Contains("done by Patti Fernandez", Text(secured!.Card!), StringComparison.Ordinal);
        var stale = await patti.ExecuteAsync(secure, "preparing.secure", new JsonObject { ["case"] = reference, ["step"] = "secure/staffs-police", ["agency"] = "staffs-police" });
        Assert.StartsWith("Already recorded by Patti Fernandez on ", stale.Message, StringComparison.Ordinal);
        await HubShowsAsync(megan, reference, "Staffordshire Police: details sent · records secured");

        // A tampered agency id: the police representative cannot secure another agency's records.
        var otherAgency = await patti.ExecuteAsync(secure, "preparing.secure", new JsonObject
        {
            ["case"] = reference, ["step"] = "secure/staffs-health", ["agency"] = "staffs-health", ["electronic"] = "true", ["paper"] = "true", ["historical"] = "true",
        });
        Assert.Equal("Only Staffordshire Clinical Commissioning Groups's representative or the Board Manager can record that an agency's records are secured.", otherAgency.Message);

        // The records check with a discrepancy; the Board Manager corrects the details; the check comes back on them.
        var stored = await Cases().LoadAsync(ReferralSamples.Staffordshire, CaseReference.Parse(reference));
        var people = CaseCommands.PeopleToCheck(stored!.State);
        var check = await TaskCardAsync(patti, reference, "Check Staffordshire Police's records");
        var answers = new JsonObject { ["discrepancyDateOfBirth"] = "Our records give 15 May 2016." };
        for (var i = 0; i < people.Count; i++)
        {
            answers["person" + i] = i == 0 ? "Known" : "NotKnown";
        }

        await patti.PressAsync(check, "Return the records check", answers);
        await HubShowsAsync(megan, reference, "Our records give 15 May 2016.");

        var correct = await TaskCardAsync(megan, reference, "Correct the case's details from the discrepancies");
        Assert.Contains("Our records give 15 May 2016.", correct.CardText, StringComparison.Ordinal);
        await megan.PressAsync(correct, "Correct and send to the partners again", new JsonObject
        {
            ["childName"] = "Jamie Collins",
            ["childDateOfBirth"] = "2016-05-15",
            ["childAddress"] = stored.State.Form!.Child.Address,
            ["significantOthers"] = string.Join("\n", stored.State.Form.SignificantOthers.Select(o => $"{o.Name}; {o.Relationship}")),
        });
        await HubShowsAsync(megan, reference, "Correct the case's details from the discrepancies: done by Megan Bowen");
        await HubShowsAsync(megan, reference, "due again after the details were corrected");
        var again = await patti.WaitForCardInPersonalChatAsync(m => m.CardText.Contains($"{reference} · Check Staffordshire Police's records", StringComparison.Ordinal)
                                                                    && m.CardText.Contains("corrected these details", StringComparison.Ordinal));
        Assert.Contains("Sunday 15 May 2016", again.CardText, StringComparison.Ordinal);
        answers.Remove("discrepancyDateOfBirth");
        await patti.PressAsync(again, "Return the records check", answers);

        // The Education Safeguarding Officer checks and informs the schools.
        var schools = await TaskCardAsync(lynne, reference, "Check the child's schools and inform them");
        await lynne.PressAsync(schools, "Schools checked and informed", new JsonObject { ["schools"] = "Example Primary School\nExample Nursery", ["informed"] = "true" });
        await HubShowsAsync(megan, reference, "Example Primary School, Example Nursery");

        // Invitations in the toolkit's order; a minute taker already on the case is refused, then another is appointed.
        var invite = await TaskCardAsync(megan, reference, "Send the invitations to the Scoping Panel");
        var inputs = new JsonObject
        {
            ["invitedAgencies"] = "staffs-police",
            ["experts"] = "Dr Ada Lovelace; ada@example.org",
            ["sio"] = JordanMiller,
            ["minuteTakerName"] = "Patti Fernandez",
            ["minuteTakerEmail"] = "pattif@board.example",
            ["proceedBecause"] = "Health's check is late and the panel cannot wait.",
        };
        var refused = await megan.PressAsync(invite, "Send the invitations", inputs);
        Assert.Contains("Patti Fernandez already takes part in this case", refused!.Message, StringComparison.Ordinal);
        inputs["minuteTakerName"] = "Johanna Lorenz";
        inputs["minuteTakerEmail"] = "diegos@board.example";
        var sent = await megan.PressAsync(Current(megan, invite), "Send the invitations", inputs);
        Assert.Contains("done by Megan Bowen", Text(sent!.Card!), StringComparison.Ordinal);
        var hub = await HubShowsAsync(megan, reference, "Ready to schedule");
        Assert.Contains("Invitations sent", hub.CardText, StringComparison.Ordinal);
        await TaskCardAsync(patti, reference, "Send Staffordshire Police's chronology");

        // The Senior Investigating Officer, chosen from the board's directory, decides whether a Disclosure Officer
        // attends: the hub says the decision is Jordan Miller's, and names him as not reached until he opens ScrBot.
        hub = await HubShowsAsync(megan, reference, "Not yet decided: Jordan Miller decides whether a Disclosure Officer attends.");
        Assert.Contains("Jordan Miller (They have not opened ScrBot in Teams.", hub.CardText, StringComparison.Ordinal);
        var notHers = await megan.ExecuteAsync(invite, "preparing.disclosure", new JsonObject { ["case"] = reference, ["step"] = "disclosure", ["attends"] = "false" });
        Assert.Equal(
            "Only the Senior Investigating Officer invited to the Scoping Panel or the Board Manager (for a Senior Investigating Officer outside the board's directory) can decide whether a Disclosure Officer attends the Scoping Panel.",
            notHers.Message);
        var decided = await PressAsJordanMillerAsync("preparing.disclosure", new JsonObject
        {
            ["case"] = reference, ["step"] = "disclosure", ["attends"] = "true", ["disclosureOfficerName"] = "DC Jo Bloggs", ["disclosureOfficerEmail"] = "jo.bloggs@police.example",
        });
        Assert.Contains("DC Jo Bloggs attends the Scoping Panel as Disclosure Officer: decided by Jordan Miller, Senior Investigating Officer on ", Text((JsonObject)decided), StringComparison.Ordinal);
        await HubShowsAsync(megan, reference, "DC Jo Bloggs attends the Scoping Panel as Disclosure Officer: decided by Jordan Miller");
        var decidedAgain = await PressAsJordanMillerAsync("preparing.disclosure", new JsonObject { ["case"] = reference, ["step"] = "disclosure", ["attends"] = "false" });
        Assert.StartsWith("Already decided: DC Jo Bloggs attends the Scoping Panel as Disclosure Officer: decided by Jordan Miller", decidedAgain.GetValue<string>(), StringComparison.Ordinal);

        var final = await Cases().LoadAsync(ReferralSamples.Staffordshire, CaseReference.Parse(reference));
        Assert.Equal(Stage.PreparingScopingPanel, final!.State.Stage);
        Assert.Equal(new DateOnly(2016, 5, 15), final.State.Form!.Child.DateOfBirth);
        Assert.Equal("Isaiah Langer", final.State.PanelChair!.Name);
        Assert.Equal("Johanna Lorenz", final.State.MinuteTaker!.Name);
        Assert.Equal("Jordan Miller", final.State.Invitations.Single(i => i.Capacity == PanelCapacity.SeniorInvestigatingOfficer).Member.Name);
        Assert.Equal("jo.bloggs@police.example", final.State.Invitations.Single(i => i.Capacity == PanelCapacity.DisclosureOfficer).Email);
        Assert.Equal("Jordan Miller", final.Facts.OfType<DisclosureOfficerDecided>().Single().By.Name);
        Assert.Contains(final.Facts, f => f is AttemptRefused { Attempt: "record that records are secured" });
        Assert.Contains(final.Facts, f => f is CaseRoleAssigned { Role: Domain.Boards.Role.AgencyRepresentative } r && r.Person.Name == "Patti Fernandez");
        Assert.Contains(final.Facts, f => f is CaseRoleAssigned { Role: Domain.Boards.Role.EducationSafeguardingOfficer } r && r.Person.Name == "Lynne Robbins");

        // Nothing the bot logged on the way carries the child's details; the task cards table carries references and steps only.
        var logged = string.Join("\n", playground.BotLogs.Lines.Select(l => l.Message));
        Assert.Contains(reference, logged, StringComparison.Ordinal);
        foreach (var detail in new[] { "Jamie", "Collins", "Example Road", "14 May 2016", "15 May 2016", "Example Primary" })
        {
            Assert.DoesNotContain(detail, logged, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task NotConveningLeavesTheCaseWaitingVisiblyForTheIndependentChair()
    {
        var (megan, isaiah, _, _) = await PeopleReadyAsync();
        var reference = await ReferredAndTriagedAsync();

        var arrange = await TaskCardAsync(megan, reference, "Arrange the sub-group meeting");
        await megan.PressAsync(arrange, "Arrange the meeting", new JsonObject { ["meetingDate"] = Iso(Today().AddDays(3)), ["extraordinary"] = "false" });
        var decide = await TaskCardAsync(isaiah, reference, "Decide whether to convene a Scoping Panel");
        await isaiah.PressAsync(decide, "Record the decision", new JsonObject { ["outcome"] = "NoFurtherAction", ["reasons"] = "No concerns about how the agencies worked together." });

        var hub = await HubShowsAsync(megan, reference, "Waiting for the Independent Chair");
        Assert.Contains("not to convene: no further action", hub.CardText, StringComparison.Ordinal);

        // The Independent Chair sees, on the case, that it waits for her.
        var adele = await playground.AsAsync("Adele Vance");
        var seen = await AskAsync(adele, $"case {reference}");
        Assert.Contains("Waiting for the Independent Chair: the sub-group recommends not to convene: no further action.", seen.CardText, StringComparison.Ordinal);
        var stored = await Cases().LoadAsync(ReferralSamples.Staffordshire, CaseReference.Parse(reference));
        Assert.Equal(Stage.IndependentChairDecision, stored!.State.Stage);
        Assert.DoesNotContain(stored.Facts, f => f is CaseClosed);

        // A second press of the decision card changes nothing and says who recorded it.
        var again = await isaiah.ExecuteAsync(decide, "subgroup.decide", new JsonObject { ["case"] = reference, ["step"] = "decide", ["outcome"] = "ConveneScopingPanel", ["reasons"] = "Changed." });
        Assert.StartsWith("Already recorded by Isaiah Langer on ", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TasksListsWhatTheBoardManagerOwesOnThreeCasesMostUrgentFirst()
    {
        var (megan, _, _, _) = await PeopleReadyAsync();
        var references = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var reference = await ReferredAndTriagedAsync();
            await TaskCardAsync(megan, reference, "Arrange the sub-group meeting");
            await TaskCardAsync(megan, reference, "Record the routes and parallel reviews");
            await HubShowsAsync(megan, reference, "Arrange the sub-group meeting");
            references.Add(reference);
        }

        var answer = await AskAsync(megan, "tasks", m => m.Card is { } card && JourneyHarness.Heading(card).StartsWith("Your tasks", StringComparison.Ordinal));
        foreach (var reference in references)
        {
            Assert.Contains($"{reference} · Arrange the sub-group meeting", answer.CardText, StringComparison.Ordinal);
        }

        // The help card's "My tasks" gives the same list.
        var help = await AskAsync(megan, "help", m => m.Card is { } card && JourneyHarness.Heading(card) == ScrBot.Bot.Routing.HelpCard.Title);
        var listed = await megan.PressAsync(help, "My tasks");
        foreach (var reference in references)
        {
            Assert.Contains($"{reference} · Arrange the sub-group meeting", Text(listed!.Card!), StringComparison.Ordinal);
        }

        var first = answer.Buttons[0];
        var opened = await megan.PressAsync(answer, first.Title);
        Assert.True(opened!.Card is not null, $"{first.Title}: {opened.Message}");
        Assert.Contains("· ", Text(opened.Card!), StringComparison.Ordinal);
        Assert.NotEmpty(opened.Card!["actions"]!.AsArray());
    }

    [Fact]
    public async Task TheSubgroupChairsDirectInvolvementPassesTheDecisionToTheViceChair()
    {
        var (megan, isaiah, _, _) = await PeopleReadyAsync();
        var reference = await ReferredAndTriagedAsync();
        var arrange = await TaskCardAsync(megan, reference, "Arrange the sub-group meeting");
        await megan.PressAsync(arrange, "Arrange the meeting", new JsonObject { ["meetingDate"] = Iso(Today().AddDays(2)), ["extraordinary"] = "true" });

        var decide = await TaskCardAsync(isaiah, reference, "Decide whether to convene a Scoping Panel");
        var passed = await isaiah.ExecuteAsync(decide, "subgroup.involved", new JsonObject { ["case"] = reference, ["step"] = "decide", ["involvement"] = "I chaired the child's protection conference." });
        Assert.Contains("This step is now with Johanna Lorenz", Text(passed.Card!), StringComparison.Ordinal);

        // Johanna Lorenz, the Vice-Chair, has not opened ScrBot: the hub names her as not reached.
        var hub = await HubShowsAsync(megan, reference, "Could not be reached");
        Assert.Contains("Johanna Lorenz (They have not opened ScrBot in Teams. ScrBot cannot install itself for people here because Microsoft Graph is not configured.)", hub.CardText, StringComparison.Ordinal);
        Assert.Contains("Declared direct involvement", hub.CardText, StringComparison.Ordinal);

        var refused = await isaiah.ExecuteAsync(decide, "subgroup.decide", new JsonObject { ["case"] = reference, ["step"] = "decide", ["outcome"] = "ConveneScopingPanel", ["reasons"] = "Criteria met." });
        Assert.Equal("The Sub-group Chair has declared direct involvement with this child, so only the Sub-group Vice-Chair can record the sub-group's decision.", refused.Message);

        // The Vice-Chair's own Teams client presses the same button.
        var chat = await playground.BotServices.GetRequiredService<IConversationReferences>().FindPersonalAsync(isaiah.Person.AadObjectId, default);
        var invoke = ScrBot.Bot.Tests.Connector.Activities.CardAction(chat!.ServiceUrl.AbsoluteUri, "subgroup.decide",
            new JsonObject { ["case"] = reference, ["step"] = "decide", ["outcome"] = "ConveneScopingPanel", ["reasons"] = "The criteria may be met." },
            conversationId: "a:personal-johanna-lorenz");
        invoke["from"] = new JsonObject { ["id"] = "29:johanna-lorenz", ["name"] = "Johanna Lorenz", ["aadObjectId"] = "5c0b5a7e-0000-4000-8000-000000000029" };
        invoke["recipient"] = new JsonObject { ["id"] = playground.Tenant.BotId, ["name"] = "ScrBot" };
        using var http = new HttpClient();
        using var response = await http.PostAsync(playground.BotEndpoint, new StringContent(invoke.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains("done by Johanna Lorenz", Text((JsonObject)answer["value"]!), StringComparison.Ordinal);

        await HubShowsAsync(megan, reference, "Choose the agencies to involve");
        var stored = await Cases().LoadAsync(ReferralSamples.Staffordshire, CaseReference.Parse(reference));
        Assert.Equal(Stage.PreparingScopingPanel, stored!.State.Stage);
        Assert.Equal("Johanna Lorenz", stored.Facts.OfType<SubgroupDecided>().Single().By.Name);
    }

    [Fact]
    public async Task BadInputGetsAPlainAnswerChangesNothingAndIsKeptInTheAuditTrail()
    {
        var (megan, isaiah, patti, _) = await PeopleReadyAsync();
        var reference = await ReferredAndTriagedAsync();
        var arrange = await TaskCardAsync(megan, reference, "Arrange the sub-group meeting");
        var before = (await Cases().LoadAsync(ReferralSamples.Staffordshire, CaseReference.Parse(reference)))!;

        // No role on the case: exactly the answer for a case that does not exist.
        var pattiChat = await AskAsync(patti, "help", m => m.Card is not null);
        var noRole = await patti.ExecuteAsync(pattiChat, "subgroup.arrange", new JsonObject { ["case"] = reference, ["step"] = "arrange", ["meetingDate"] = Iso(Today().AddDays(1)) });
        Assert.Equal(CaseStatusService.NotFound, noRole.Message);

        // A tampered reference: the same answer.
        var tampered = await megan.ExecuteAsync(arrange, "subgroup.arrange", new JsonObject { ["case"] = "SCR-2026-9999", ["step"] = "arrange", ["meetingDate"] = Iso(Today().AddDays(1)) });
        Assert.Equal(CaseStatusService.NotFound, tampered.Message);

        // The wrong role, and the wrong stage.
        var wrongRole = await megan.ExecuteAsync(arrange, "subgroup.decide", new JsonObject { ["case"] = reference, ["step"] = "decide", ["outcome"] = "ConveneScopingPanel", ["reasons"] = "Mine." });
        Assert.Equal("Only the Sub-group Chair or the Sub-group Vice-Chair can record the sub-group's decision.", wrongRole.Message);
        var isaiahChat = await AskAsync(isaiah, "help", m => m.Card is not null);
        var wrongStage = await isaiah.ExecuteAsync(isaiahChat, "subgroup.decide", new JsonObject { ["case"] = reference, ["step"] = "decide", ["outcome"] = "ConveneScopingPanel", ["reasons"] = "Early." });
        Assert.Equal("The sub-group's decision cannot be recorded before the sub-group meeting has been arranged (the case is at: Triage).", wrongStage.Message);

        // A date in the past, beside the field's name.
        var past = await megan.PressAsync(arrange, "Arrange the meeting", new JsonObject { ["meetingDate"] = Iso(Today().AddDays(-1)) });
        Assert.StartsWith("The sub-group meeting date (", past!.Message, StringComparison.Ordinal);

        var after = (await Cases().LoadAsync(ReferralSamples.Staffordshire, CaseReference.Parse(reference)))!;
        Assert.Equal(CaseJson.Serialize(before.State with { Version = 0 }), CaseJson.Serialize(after.State with { Version = 0 }));
        Assert.All(after.Facts.Skip(before.Facts.Count), f => Assert.IsType<AttemptRefused>(f));
        var audit = await Cases().RefusedAttemptsAsync(ReferralSamples.Staffordshire, CaseReference.Parse(reference));
        Assert.Equal(
            ["arrange the sub-group meeting", "record the sub-group's decision", "record the sub-group's decision", "arrange the sub-group meeting"],
            audit.Select(a => a.Attempt));
        Assert.Equal("Patti Fernandez", audit[0].By.Name);
    }

    [Fact]
    public async Task APossibleDuplicateAndTheSubgroupMeetingAreSettledFromTheTriageCardAndEveryCopyFollows()
    {
        var (megan, _, _, _) = await PeopleReadyAsync();
        var earlier = await ReferredAndTriagedAsync();
        await TaskCardAsync(megan, earlier, "Arrange the sub-group meeting");
        var reference = await ReferredAndTriagedAsync();

        // The triage card offers the first possible duplicates found (here, the earlier referral of the same child).
        var triage = await megan.WaitForCardInPersonalChatAsync(m => JourneyHarness.Heading(m.Card!) == $"{reference} · New referral for triage");
        var same = Nodes(triage.Card!).First(n => n["title"]?.GetValue<string>() is { } title && title.StartsWith("Same child as SCR-", StringComparison.Ordinal));
        var linkedTo = same["data"]!["other"]!.GetValue<string>();
        Assert.True(CaseReference.TryParse(linkedTo, out _));
        var answer = await megan.ExecuteAsync(triage, same["verb"]!.GetValue<string>(), (JsonObject)same["data"]!.DeepClone());
        Assert.Contains("done by Megan Bowen", Text(answer.Card!), StringComparison.Ordinal);
        await HubShowsAsync(megan, reference, "Same child as");

        var again = await megan.ExecuteAsync(triage, same["verb"]!.GetValue<string>(), (JsonObject)same["data"]!.DeepClone());
        Assert.StartsWith("Already recorded by Megan Bowen on ", again.Message, StringComparison.Ordinal);
        var tampered = (JsonObject)same["data"]!.DeepClone();
        tampered["other"] = "SCR-2026-9998";
        tampered["step"] = "duplicate/SCR-2026-9998";
        var refused = await megan.ExecuteAsync(triage, same["verb"]!.GetValue<string>(), tampered);
        Assert.Equal("There is no case SCR-2026-9998 on this case's board.", refused.Message);

        // The sub-group meeting arranged from the triage card: the task card asking for it is updated in place.
        var task = await TaskCardAsync(megan, reference, "Arrange the sub-group meeting");
        var arrange = Nodes(triage.Card!).Single(n => n["verb"]?.GetValue<string>() == "subgroup.arrange");
        var data = (JsonObject)arrange["data"]!.DeepClone();
        data["meetingDate"] = Iso(Today().AddDays(4));
        data["extraordinary"] = "false";
        await megan.ExecuteAsync(triage, "subgroup.arrange", data);
        var updated = await megan.WaitForCardInPersonalChatAsync(m => m.MessageId == task.MessageId && m.CardText.Contains("done by Megan Bowen", StringComparison.Ordinal));
        Assert.Empty(updated.Buttons);

        var stored = await Cases().LoadAsync(ReferralSamples.Staffordshire, CaseReference.Parse(reference));
        Assert.Equal(Today().AddDays(4), stored!.State.SubgroupMeetingDate);
        Assert.Equal(CaseReference.Parse(linkedTo), stored.State.SameChildAs);
        Assert.NotEqual(reference, linkedTo);
        Assert.Equal("Megan Bowen", stored.State.DuplicateResolutions.Single().By.Name);
    }

    /// <summary>Jordan Miller, the Senior Investigating Officer the local directory names (not one of the Playground's six people).</summary>
    private const string JordanMiller = "5c0b5a7e-0000-4000-8000-00000000002a";

    /// <summary>Jordan Miller's own Teams client presses a button: the invoke posted to the bot as him, and the bot's answer.</summary>
    private async Task<JsonNode> PressAsJordanMillerAsync(string verb, JsonObject data)
    {
        var megan = await playground.AsAsync("Megan Bowen");
        var chat = await playground.BotServices.GetRequiredService<IConversationReferences>().FindPersonalAsync(megan.Person.AadObjectId, default);
        var invoke = ScrBot.Bot.Tests.Connector.Activities.CardAction(chat!.ServiceUrl.AbsoluteUri, verb, data, conversationId: "a:personal-jordan-miller");
        invoke["from"] = new JsonObject { ["id"] = "29:jordan-miller", ["name"] = "Jordan Miller", ["aadObjectId"] = JordanMiller };
        invoke["recipient"] = new JsonObject { ["id"] = playground.Tenant.BotId, ["name"] = "ScrBot" };
        using var http = new HttpClient();
        using var response = await http.PostAsync(playground.BotEndpoint, new StringContent(invoke.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, $"{verb}: {(int)response.StatusCode}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["value"]!;
    }

    private static IEnumerable<JsonObject> Nodes(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Nodes(p.Value))),
        JsonArray a => a.SelectMany(Nodes),
        _ => [],
    };

    // ── helpers ──

    private async Task<(PlaygroundSession Megan, PlaygroundSession Isaiah, PlaygroundSession Patti, PlaygroundSession Lynne)> PeopleReadyAsync()
    {
        var people = new List<PlaygroundSession>();
        foreach (var name in new[] { "Megan Bowen", "Isaiah Langer", "Patti Fernandez", "Lynne Robbins", "Adele Vance" })
        {
            people.Add(await ReadyAsync(name));
        }

        return (people[0], people[1], people[2], people[3]);
    }

    /// <summary>The person's Playground, with ScrBot installed in their personal chat.</summary>
    private async Task<PlaygroundSession> ReadyAsync(string name)
    {
        var references = playground.BotServices.GetRequiredService<IConversationReferences>();
        var session = await playground.AsAsync(name);
        if (await references.FindPersonalAsync(session.Person.AadObjectId, default) is null)
        {
            await session.InstallInPersonalChatAsync();
            await playground.WaitUntilAsync(async () => await references.FindPersonalAsync(session.Person.AadObjectId, default) is not null, $"{name}'s personal chat");
        }

        return session;
    }

    private async Task<string> ReferredAndTriagedAsync()
    {
        var today = Today();
        var time = playground.BotServices.GetRequiredService<TimeProvider>();
        var directory = ReferralSamples.Directory;
        var form = FormCheck.CheckAll(ReferralSamples.FilledDraft(), directory, today).Form;
        var context = new CommandContext(ReferralSamples.Referrer, time.GetUtcNow(), directory);
        var result = await Cases().ReferAsync(ReferralSamples.Staffordshire, today.Year, ReferralSamples.Referrer, r => CaseCommands.Refer(r, form, context));
        Assert.False(result.IsRefused, result.Outcome.Explanation);
        var reference = result.State.Reference!.Value;
        playground.BotServices.GetRequiredService<TriageQueue>().Enqueue(ReferralSamples.Staffordshire, reference);
        return reference.Value;
    }

    private DateOnly Today() => LondonTime.Today(playground.BotServices.GetRequiredService<TimeProvider>());

    private CaseStore Cases() => playground.BotServices.GetRequiredService<CaseStore>();

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Task<PlaygroundMessage> TaskCardAsync(PlaygroundSession person, string reference, string step) =>
        person.WaitForCardInPersonalChatAsync(m => JourneyHarness.Heading(m.Card!) == $"{reference} · {step}" && m.Buttons.Count > 0);

    private static Task<PlaygroundMessage> HubShowsAsync(PlaygroundSession manager, string reference, string text) =>
        manager.WaitForCardInPersonalChatAsync(m => JourneyHarness.Heading(m.Card!) == $"{reference} · Case card" && m.CardText.Contains(text, StringComparison.Ordinal));

    private static async Task<PlaygroundMessage> AskAsync(PlaygroundSession person, string text, Func<PlaygroundMessage, bool>? answer = null)
    {
        var before = person.PersonalChat.Select(m => m.MessageId).ToHashSet();
        await person.SayInPersonalChatAsync(text);
        return await person.WaitForAsync(person.PersonalChatId, m => !before.Contains(m.MessageId) && m.FromId != person.Person.Id
            && (answer?.Invoke(m) ?? (m.Card is null || JourneyHarness.Heading(m.Card).Contains(" · Status", StringComparison.Ordinal) || m.CardText.Contains("Your part in this case", StringComparison.Ordinal))));
    }

    private static PlaygroundMessage Current(PlaygroundSession session, PlaygroundMessage message) =>
        session.PersonalChat.Single(m => m.MessageId == message.MessageId);

    private static string Text(JsonObject card) => new PlaygroundMessage("", "", null, "", null, [card], 0).CardText;
}
