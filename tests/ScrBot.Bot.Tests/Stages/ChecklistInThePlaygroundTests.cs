using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ScrBot.Bot.Conversations;
using ScrBot.Bot.Referral;
using ScrBot.Bot.Tests.EndToEnd;
using ScrBot.Bot.Tests.Referral;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Tests.Stages;

/// <summary>
/// Stage 7's notification checklist end to end in the Agents Playground: Adele Vance (Independent Chair) upholds the
/// Scoping Panel's recommendation of a Serious Case Review; each item reaches its owner as a card and is ticked there:
/// Megan Bowen (Board Manager) the legal advice (not needed, with why), the Board partners, the CQC and the Area Team
/// (passed on: no Clinical Commissioning Group representative on the case), the media arrangement, the National Panel
/// (ScrBot's anonymised draft, edited and sent), the nominated boards, Ofsted and the DfE; Patti Fernandez (police) her
/// inspectorate and the Coroner; Isaiah Langer (Sub-group Chair) the letter to the Coroner. Megan's hub card shows every
/// item ticked, by whom and when; a second click and a click by someone whose item it is not are answered plainly.
/// </summary>
public sealed partial class StagesInThePlaygroundTests
{
    [Fact]
    public async Task TheChairUpholdsASeriousCaseReviewAndEachOwnerTicksTheNotificationChecklistFromTheirCards()
    {
        var (megan, isaiah, patti, _) = await PeopleReadyAsync();
        var adele = await playground.AsAsync("Adele Vance");
        var today = Today();
        var reference = await SeriousCaseReviewRecommendedAsync(today);
        playground.BotServices.GetRequiredService<CaseSyncQueue>().Enqueue(ReferralSamples.Staffordshire, CaseReference.Parse(reference));

        var decide = await TaskCardAsync(adele, reference, "Decide on the recommendation");
        Assert.Contains("The Scoping Panel recommends a formal Serious Case Review", decide.CardText, StringComparison.Ordinal);
        await adele.PressAsync(decide, "Uphold", new JsonObject { ["reasons"] = "The child died and agencies did not share referrals." });
        var date = new JsonObject { ["sentOn"] = Iso(today) };

        // The police representative's items; an item that is not hers, and one that is on no checklist, are refused.
        var inspectorate = await TaskCardAsync(patti, reference, "Notify HM Inspectorate of Constabulary (Staffordshire Police)");
        await patti.PressAsync(inspectorate, "Inspectorate notified", new JsonObject { ["sentOn"] = Iso(today), ["details"] = "By email to HMICFRS." });
        var coroner = await TaskCardAsync(patti, reference, "Advise the Coroner of the review (police)");
        var notHers = await patti.ExecuteAsync(coroner, "notice.sent", new JsonObject { ["case"] = reference, ["step"] = "notice/ofsted", ["sentOn"] = Iso(today) });
        Assert.Equal("Only the Board Manager can record the notice to Ofsted.", notHers.Message);
        var onNoChecklist = await patti.ExecuteAsync(coroner, "notice.sent", new JsonObject { ["case"] = reference, ["step"] = "notice/inspectorate/staffs-education", ["sentOn"] = Iso(today) });
        Assert.Equal("That notification is not on this case's checklist.", onNoChecklist.Message);
        await patti.PressAsync(coroner, "Coroner advised", new JsonObject { ["sentOn"] = Iso(today), ["details"] = "The Staffordshire Coroner, by telephone." });

        // The Board Manager's items.
        var legal = await TaskCardAsync(megan, reference, "Seek legal advice as required");
        var why = await megan.ExecuteAsync(legal, "notice.notNeeded", With(legal, new() { ["sentOn"] = Iso(today), ["reason"] = "" }));
        Assert.Equal("Why it is not needed: Say why it is not needed.", why.Message);
        await megan.ExecuteAsync(legal, "notice.notNeeded", With(legal, new() { ["sentOn"] = Iso(today), ["reason"] = "No legal question arises from the decision." }));

        var board = await TaskCardAsync(megan, reference, "Tell the board's members and the Director of Children's Services");
        await megan.PressAsync(board, "Told the board's members and the Director");

        var ccg = await TaskCardAsync(megan, reference, "Inform the CQC and notify the local Area Team");
        Assert.Contains("No representative of the Clinical Commissioning Group (Staffordshire Clinical Commissioning Groups) has a role on this case in ScrBot: pass this on to",
            ccg.CardText, StringComparison.Ordinal);
        await megan.PressAsync(ccg, "CQC and Area Team informed", new JsonObject { ["sentOn"] = Iso(today), ["details"] = "Passed to the CCG's designated nurse, who informed both." });

        var media = await TaskCardAsync(megan, reference, "Coordinate communications and media interest");
        var arrangement = InputValue(media, "details");
        Assert.Contains("the Independent Chair, Adele Vance, is the named spokesperson", arrangement, StringComparison.Ordinal);
        await megan.PressAsync(media, "Arrangement recorded", new JsonObject { ["sentOn"] = Iso(today), ["details"] = arrangement });

        var panel = await TaskCardAsync(megan, reference, "Notify the National Panel of the decision to hold an SCR");
        Assert.Contains("None appointed yet", panel.CardText, StringComparison.Ordinal);
        Assert.Contains("the notice can be sent now, without names", panel.CardText, StringComparison.Ordinal);
        var draft = InputValue(panel, "details");
        Assert.Contains($"case {reference}", draft, StringComparison.Ordinal);
        foreach (var identifying in new[] { "Jamie", "Collins", "Example Road", "2016", "1990" })
        {
            Assert.DoesNotContain(identifying, panel.Card!.ToJsonString(), StringComparison.Ordinal);
        }

        var sent = draft + "\nContact: Megan Bowen, Board Manager.";
        await megan.PressAsync(panel, "Sent to the National Panel", new JsonObject { ["sentOn"] = Iso(today), ["details"] = sent });

        var nominated = await TaskCardAsync(megan, reference, "Update the nominated boards");
        Assert.Contains("Stoke-on-Trent Safeguarding Children Board", nominated.CardText, StringComparison.Ordinal);
        await megan.PressAsync(nominated, "Nominated boards updated", (JsonObject)date.DeepClone());
        var ofsted = await TaskCardAsync(megan, reference, "Notify Ofsted of the decision to hold an SCR");
        var due = HumanDates.Format(ToolkitCalendar().AddWorkingDays(today, 5));
        Assert.Contains(due, ofsted.CardText, StringComparison.Ordinal);
        await megan.PressAsync(ofsted, "Ofsted notified", (JsonObject)date.DeepClone());
        var dfe = await TaskCardAsync(megan, reference, "Notify the DfE safeguarding lead of the decision");
        await megan.PressAsync(dfe, "DfE notified", (JsonObject)date.DeepClone());

        // The Sub-group Chair's letter, drafted by ScrBot; a Board Manager's press on it is refused.
        var letter = await TaskCardAsync(isaiah, reference, "Write to the Coroner: a learning review has been instigated");
        var text = InputValue(letter, "details");
        Assert.StartsWith("Dear Coroner,", text, StringComparison.Ordinal);
        Assert.Contains("Isaiah Langer", text, StringComparison.Ordinal);
        var meganOnLetter = await megan.ExecuteAsync(ofsted, "notice.sent", new JsonObject { ["case"] = reference, ["step"] = "notice/coroner-letter", ["sentOn"] = Iso(today) });
        Assert.Equal("Only the Sub-group Chair can record the formal letter to the Coroner.", meganOnLetter.Message);
        await isaiah.PressAsync(letter, "Letter sent", new JsonObject { ["sentOn"] = Iso(today), ["details"] = text });

        // A second click on a card already done.
        var again = await megan.ExecuteAsync(ofsted, "notice.sent", With(ofsted, new() { ["sentOn"] = Iso(today) }));
        Assert.StartsWith("Already recorded by Megan Bowen on ", again.Message, StringComparison.Ordinal);

        // The hub: every item ticked, by whom and when.
        var hub = await HubShowsAsync(megan, reference, "Notifications after the decision to hold an SCR · 11 of 11 recorded");
        var sentOn = HumanDates.Format(today);
        foreach (var line in new[]
                 {
                     "Board partners and the Director · Megan Bowen · Done: sent " + sentOn + ", recorded by Megan Bowen on ",
                     "Legal advice · Megan Bowen · Done: not needed (No legal question arises from the decision.), recorded by Megan Bowen on ",
                     "Staffordshire Police's inspectorate (HM Inspectorate of Constabulary) · Patti Fernandez · Done: sent " + sentOn + ", recorded by Patti Fernandez on ",
                     "The Coroner, by the police · Patti Fernandez · Done: sent " + sentOn + ", recorded by Patti Fernandez on ",
                     "The Coroner, by formal letter · Isaiah Langer · Done: sent " + sentOn + ", recorded by Isaiah Langer on ",
                     "The CQC and the local Area Team · Megan Bowen (to pass on: no representative on the case) · Done: sent " + sentOn + ", recorded by Megan Bowen on ",
                     "Communications and media · Megan Bowen · Done: sent " + sentOn,
                     $"The National Panel · Megan Bowen, D8 due {due} · Done: sent {sentOn}, recorded by Megan Bowen on ",
                     "The nominated boards · Megan Bowen · Done: sent " + sentOn,
                     $"Ofsted · Megan Bowen, D8 due {due} · Done: sent {sentOn}, recorded by Megan Bowen on ",
                     $"The DfE safeguarding lead · Megan Bowen, D8 due {due} · Done: sent {sentOn}, recorded by Megan Bowen on ",
                 })
        {
            Assert.Contains(line, hub.CardText, StringComparison.Ordinal);
        }

        var stored = (await Cases().LoadAsync(ReferralSamples.Staffordshire, CaseReference.Parse(reference)))!;
        Assert.Equal(sent.Trim(), stored.State.Notifications.Single(n => n.Recipient == NotificationRecipient.NationalPanel).Details);
        Assert.Equal("Isaiah Langer", stored.State.Notifications.Single(n => n.Recipient == NotificationRecipient.CoronerLetter).By.Name);
        Assert.Equal("Patti Fernandez", stored.State.Notifications.Single(n => n.Recipient == NotificationRecipient.Coroner).By.Name);
        Assert.Contains(stored.Facts, f => f is AttemptRefused { Reason: "Only the Sub-group Chair can record the formal letter to the Coroner." } r && r.By.Name == "Megan Bowen");
        Assert.Contains(stored.Facts, f => f is AttemptRefused r && r.By.Name == "Patti Fernandez" && r.Reason == "Only the Board Manager can record the notice to Ofsted.");
        Assert.Contains(stored.Facts, f => f is AttemptRefused r && r.By.Name == "Patti Fernandez" && r.Reason == "That notification is not on this case's checklist.");
        Assert.Single(stored.Facts.OfType<NotificationSent>(), n => n.Recipient == NotificationRecipient.Ofsted);
    }

    /// <summary>The button data of the card's first button, with these inputs: what a nested button sends.</summary>
    private static JsonObject With(PlaygroundMessage card, Dictionary<string, string> inputs)
    {
        var data = (JsonObject)card.Buttons[0].Data.DeepClone();
        foreach (var (id, value) in inputs)
        {
            data[id] = value;
        }

        return data;
    }

    private static string InputValue(PlaygroundMessage card, string id) =>
        Nodes(card.Card).FirstOrDefault(o => o["id"]?.GetValue<string>() == id)?["value"]?.GetValue<string>() ?? "";

    private static WorkingDayCalendar ToolkitCalendar() => Domain.Obligations.ProcessProfile.Toolkit.CreateCalendar();

    /// <summary>
    /// A case of the local directory brought, through the domain commands dated in the weeks before today, to the
    /// Scoping Panel's recommendation of a Serious Case Review (the police and the Clinical Commissioning Groups
    /// involved; Patti Fernandez the police's representative), waiting for the Independent Chair.
    /// </summary>
    private async Task<string> SeriousCaseReviewRecommendedAsync(DateOnly today)
    {
        var cases = Cases();
        var directory = ReferralSamples.Directory;
        var board = ReferralSamples.Staffordshire;
        DateTimeOffset At(int daysAgo, int hour = 10) => LondonTime.ToInstant(today.AddDays(-daysAgo), new TimeOnly(hour, 0));
        var form = FormCheck.CheckAll(ReferralSamples.FilledDraft(), directory, today.AddDays(-22)).Form;
        var referred = await cases.ReferAsync(board, today.AddDays(-22).Year, ReferralSamples.Referrer,
            r => CaseCommands.Refer(r, form, new CommandContext(ReferralSamples.Referrer, At(22), directory)));
        Assert.False(referred.IsRefused, referred.Outcome.Explanation);
        var reference = referred.State.Reference!.Value;

        async Task Do(Actor actor, DateTimeOffset at, Func<CaseState, CommandContext, Outcome> command)
        {
            var result = await cases.ExecuteAsync(board, reference, "bring the case to the Independent Chair", actor, (state, _) => command(state, new CommandContext(actor, at, directory)));
            Assert.False(result.IsRefused, result.Outcome.Explanation);
        }

        var megan = ReferralSamples.BoardManager;
        var isaiah = ReferralSamples.SubgroupChair;
        var patti = ReferralSamples.AgencyRepresentative;
        var sio = new Actor(new PersonId("sio-checklist"), "DI Sam Vimes");
        var minutes = new Actor(new PersonId("minutes-checklist"), "Diego Siciliani");
        var police = new AgencyId("staffs-police");
        var panelStart = At(4, 10);
        await Do(megan, At(21), CaseCommands.InformChairs);
        await Do(megan, At(21), (s, c) => CaseCommands.ArrangeSubgroupMeeting(s, c, today.AddDays(-20), extraordinary: true));
        await Do(isaiah, At(20), (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.ConveneScopingPanel, "The criteria may be met."));
        await Do(megan, At(20), (s, c) => CaseCommands.ChooseAgencies(s, c, [police, new AgencyId("staffs-health")]));
        await Do(megan, At(20), (s, c) => CaseCommands.SendChildDetailsToPartners(s, c, today.AddDays(-12)));
        await Do(patti, At(18), (s, c) => CaseCommands.SecureRecords(s, c, police));
        await Do(patti, At(18), (s, c) => CaseCommands.ReturnRecordCheck(s, c, police, RecordCheckResult.Known, []));
        await Do(megan, At(15), (s, c) => CaseCommands.ScheduleScopingPanel(s, c, panelStart, panelStart.AddHours(2), "graph-event-checklist"));
        await Do(megan, At(15), (s, c) => CaseCommands.InvitePanelMember(s, c, patti, PanelCapacity.AgencyRepresentative, police, null));
        await Do(megan, At(15), (s, c) => CaseCommands.InvitePanelMember(s, c, sio, PanelCapacity.SeniorInvestigatingOfficer, police, "sam.vimes@police.example"));
        await Do(megan, At(15), (s, c) => CaseCommands.AssignPanelChair(s, c, isaiah, null));
        await Do(megan, At(15), (s, c) => CaseCommands.AppointMinuteTaker(s, c, minutes, declaresNoInvolvement: true));
        foreach (var attendee in new[] { isaiah, patti, sio, minutes })
        {
            await Do(attendee, At(5), (s, c) => CaseCommands.SignConfidentialityStatement(s, c, ConfidentialityStatement.ScopingPanel, attendee.Name));
        }

        await Do(isaiah, panelStart.AddHours(3), (s, c) => CaseCommands.RecordScopingPanelHeld(s, c, today.AddDays(-4), [isaiah.Id, patti.Id, sio.Id, minutes.Id], []));
        await Do(isaiah, panelStart.AddHours(4), (s, c) => CaseCommands.MakeRecommendation(s, c, RecommendationOption.FormalSeriousCaseReview, ReviewMethodology.Silp, false,
            ["Information sharing between police and schools"], "The panel agreed that the criteria are met."));
        return reference.Value;
    }
}
