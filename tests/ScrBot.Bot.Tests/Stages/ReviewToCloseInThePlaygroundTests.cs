using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ScrBot.Bot.Connector;
using ScrBot.Bot.Conversations;
using ScrBot.Bot.Storage;
using ScrBot.Bot.Tests.EndToEnd;
using ScrBot.Bot.Tests.Referral;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Tests.Stages;

/// <summary>
/// Stages 7–10 end to end in the Microsoft 365 Agents Playground, one Playground per person, each clicking the cards
/// they received: the Independent Chair upholds a recommendation to hold a Serious Case Review; the sub-group recommends
/// the reviewer (Ben Walters), the Independent Chair and the Director of Children's Services (Karen Berg) appoint him,
/// the National Panel is told, the Review Team and the Case Team are recorded; then the review (the agencies' reports by
/// their agreed dates, a delay decided by the Independent Chair), its publication and the action plan (the agency's SCR
/// lead and lead board member asked for timescales on escalation), to the case's close.
/// </summary>
public sealed class ReviewToCloseInThePlaygroundTests(StagesPlaygroundFixture playground) : IClassFixture<StagesPlaygroundFixture>
{
    [Fact]
    public async Task ACaseGoesFromTheReviewerToClosedEachStepByThePersonWhoseRoleItIs()
    {
        try
        {
            await JourneyAsync();
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException(e.Message + "\n" + string.Join("\n", playground.BotLogs.Lines.Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).Select(l => l.Message)), e);
        }
    }

    [Fact]
    public async Task TheChairUpholdsAnScrTheSubgroupRecommendsTheChairAndTheDirectorAppointTheNationalPanelIsToldAndTheReviewStarts()
    {
        var (megan, adele, isaiah, _, ben, karen) = await PeopleReadyAsync();
        var today = Today();
        var caseReference = await ReviewCaseStory.RecommendedAsync(Cases(), today, decidedDaysAgo: 0);
        var reference = caseReference.Value;
        playground.BotServices.GetRequiredService<CaseSyncQueue>().Enqueue(ReferralSamples.Staffordshire, caseReference);

        // The Independent Chair upholds the Scoping Panel's recommendation of a Serious Case Review.
        var decide = await TaskCardAsync(adele, reference, "Decide on the recommendation");
        await adele.PressAsync(decide, "Uphold", new JsonObject { ["reasons"] = "The criteria are met: the child died and agencies did not share referrals." });

        // The sub-group recommends the reviewer: the board's reviewer, from the National Panel's list, every check made.
        var recommend = await TaskCardAsync(isaiah, reference, "Recommend the reviewer");
        Assert.Contains("Recommend the lead reviewer of the Serious Case Review", recommend.CardText, StringComparison.Ordinal);
        var inputs = new JsonObject
        {
            ["lead"] = ReviewCaseStory.Reviewer.Id.Value, ["source"] = "NationalPanelList", ["training"] = "true", ["experience"] = "true", ["references"] = "true", ["independence"] = "false",
        };
        var notIndependent = await isaiah.PressAsync(recommend, "Recommend to the Chair and the Director", inputs);
        Assert.Equal("Checks: Before a reviewer is recommended, confirm the lead reviewer's independence from the case.", notIndependent!.Message);
        inputs["independence"] = "true";
        // The Independent Chair does not recommend: the button sent from her own card is refused, and kept in the audit trail.
        var byChair = await adele.ExecuteAsync(decide, "reviewer.recommend", new JsonObject
        {
            ["case"] = reference, ["step"] = "reviewer/recommend/1", ["lead"] = "other", ["leadName"] = "Someone Else", ["source"] = "NationalPanelList",
            ["training"] = "true", ["experience"] = "true", ["references"] = "true", ["independence"] = "true",
        });
        Assert.Equal("Only the Sub-group Chair, the Sub-group Vice-Chair or the Board Manager can recommend the reviewer.", byChair.Message);
        var recommended = await isaiah.PressAsync(Current(isaiah, recommend), "Recommend to the Chair and the Director", inputs);
        Assert.Contains("Recommend the reviewer: done by Isaiah Langer", Text(recommended!.Card!), StringComparison.Ordinal);

        // The Independent Chair and the Director of Children's Services each see the recommendation and its checks, and agree.
        var chairs = await TaskCardAsync(adele, reference, "Decide the reviewer's appointment");
        Assert.Contains("Ben Walters (gets their cards in Teams)", chairs.CardText, StringComparison.Ordinal);
        Assert.Contains("the lead reviewer's independence from the case confirmed", chairs.CardText, StringComparison.Ordinal);
        var agreed = await adele.PressAsync(chairs, "Agree to the appointment");
        Assert.Contains("The reviewer's appointment agreed by Adele Vance, Independent Chair", Text(agreed!.Card!), StringComparison.Ordinal);
        var directors = await karen.WaitForCardInPersonalChatAsync(m => Heading(m) == $"{reference} · Decide the reviewer's appointment" && m.Buttons.Count > 0
            && m.CardText.Contains("agreed by Adele Vance", StringComparison.Ordinal));
        var appointed = await karen.PressAsync(directors, "Agree to the appointment");
        Assert.Contains("The reviewer's appointment agreed by Karen Berg, Director of Children's Services", Text(appointed!.Card!), StringComparison.Ordinal);
        await HubShowsAsync(megan, reference, "Ben Walters, from the National Panel's list, on ");

        // The reviewer now holds his role on the case.
        var status = await AskAsync(ben, $"case {reference}");
        Assert.Contains("Your role: independent reviewer", status.CardText, StringComparison.Ordinal);

        // The notification checklist's notice to the National Panel now names the appointed reviewer (no second card
        // asks for it); the Review Team and the Case Team are recorded.
        var panel = await TaskCardAsync(megan, reference, "Notify the National Panel of the decision to hold an SCR");
        Assert.Contains("Ben Walters", panel.CardText, StringComparison.Ordinal);
        await megan.PressAsync(panel, "Sent to the National Panel", new JsonObject
        {
            ["sentOn"] = Iso(today), ["details"] = "The case, the Independent Chair's decision and the appointed reviewer, Ben Walters.",
        });
        var team = await TaskCardAsync(megan, reference, "Record the Review Team");
        await megan.PressAsync(team, "Record the Review Team", new JsonObject { ["members"] = "Staffordshire Police, DCI Jo Bloggs\nStaffordshire Children's Social Care, Head of Service Kim Lead", ["seniority"] = "true" });
        var caseTeam = await TaskCardAsync(megan, reference, "Record the Case Team");
        await megan.PressAsync(caseTeam, "Record the Case Team", new JsonObject { ["staff"] = "PC Amy Able, Staffordshire Police, response officer", ["family"] = "The child's mother" });
        await HubShowsAsync(megan, reference, "2 organisations, each represented by a manager of sufficient seniority");

        // The Board Manager starts the review; the reviewer is asked for the terms of reference.
        var start = await TaskCardAsync(megan, reference, "Start the Serious Case Review");
        Assert.Contains("Ben Walters", start.CardText, StringComparison.Ordinal);
        await megan.PressAsync(start, "Start the review", new JsonObject { ["date"] = Iso(today) });
        await TaskCardAsync(ben, reference, "Agree the terms of reference");

        var stored = (await Cases().LoadAsync(ReferralSamples.Staffordshire, caseReference))!;
        Assert.Equal(Stage.Review, stored.State.Stage);
        Assert.Equal("Ben Walters", stored.State.Reviewer!.Name);
        Assert.Contains(stored.Facts, f => f is CaseRoleAssigned { Role: ScrBot.Domain.Boards.Role.IndependentReviewer } a && a.Person.Name == "Ben Walters");
        Assert.Equal(today, stored.State.CurrentReviewerRound!.NationalPanelTold!.SentOn);
        Assert.Single(stored.Facts.OfType<NotificationSent>(), n => n.Recipient == NotificationRecipient.NationalPanel);
        Assert.Equal(["The child's mother"], stored.State.CaseTeam!.FamilyMembers);
        Assert.Contains(stored.Facts.OfType<AttemptRefused>(), r => r.Attempt == "recommend the reviewer" && r.By.Name == "Isaiah Langer");
        Assert.Contains(stored.Facts.OfType<AttemptRefused>(), r => r.Attempt == "recommend the reviewer" && r.By.Name == "Adele Vance");
    }

    private async Task JourneyAsync()
    {
        var (megan, adele, isaiah, patti, ben, karen) = await PeopleReadyAsync();
        var today = Today();
        var caseReference = await ReviewCaseStory.DecidedAsync(Cases(), today);
        var reference = caseReference.Value;
        var decidedOn = today.AddDays(-3);
        playground.BotServices.GetRequiredService<CaseSyncQueue>().Enqueue(ReferralSamples.Staffordshire, caseReference);

        // The reviewer (Ben Walters) recommended by the sub-group and appointed by the Independent Chair and the Director.
        var recommend = await TaskCardAsync(isaiah, reference, "Recommend the reviewer");
        await isaiah.PressAsync(recommend, "Recommend to the Chair and the Director", new JsonObject
        {
            ["lead"] = ReviewCaseStory.Reviewer.Id.Value, ["source"] = "NationalPanelList", ["training"] = "true", ["experience"] = "true", ["references"] = "true", ["independence"] = "true",
        });
        await adele.PressAsync(await TaskCardAsync(adele, reference, "Decide the reviewer's appointment"), "Agree to the appointment");
        await karen.PressAsync(await TaskCardAsync(karen, reference, "Decide the reviewer's appointment"), "Agree to the appointment");

        // The review starts; its clock (D9) already runs from the decision, six months on.
        var start = await TaskCardAsync(megan, reference, "Start the Serious Case Review");
        Assert.Contains(Words(decidedOn.AddMonths(6)), start.CardText, StringComparison.Ordinal);
        await megan.PressAsync(start, "Start the review", new JsonObject { ["date"] = Iso(today) });

        // The reviewer agrees the terms of reference, shared with the SIO first (a criminal investigation runs).
        var terms = await TaskCardAsync(ben, reference, "Agree the terms of reference");
        var notShared = await ben.PressAsync(terms, "Agree the terms of reference", new JsonObject { ["date"] = Iso(today), ["members"] = "Isaiah Langer, sub-group\nPatti Fernandez, Staffordshire Police", ["sharedWithSio"] = "false" });
        Assert.Equal("The terms of reference must be shared with the Senior Investigating Officer before they are agreed, because a criminal investigation is running.", notShared!.Message);
        var agreed = await ben.PressAsync(Current(ben, terms), "Agree the terms of reference", new JsonObject { ["date"] = Iso(today), ["members"] = "Isaiah Langer, sub-group\nPatti Fernandez, Staffordshire Police", ["sharedWithSio"] = "true" });
        Assert.Contains("done by Ben Walters", Text(agreed!.Card!), StringComparison.Ordinal);

        // The family coordinator; a Review Panel meeting (the family's role a standing item); a disclosure request.
        var family = await TaskCardAsync(megan, reference, "Appoint the family coordinator");
        await megan.PressAsync(family, "Appoint the family coordinator", new JsonObject { ["name"] = "Rosa Family-Liaison" });
        var conduct = await TaskCardAsync(ben, reference, "Conduct the Serious Case Review");
        var noFamilyItem = await PressNestedAsync(ben, conduct, "Record", new JsonObject { ["record"] = "review.panelmeeting",  ["date"] = Iso(today), ["familyConsidered"] = "false", ["immediate"] = "false" });
        Assert.Contains("The family's role in the review is a standing item", noFamilyItem.Message, StringComparison.Ordinal);
        await PressNestedAsync(ben, conduct, "Record", new JsonObject { ["record"] = "review.panelmeeting",  ["date"] = Iso(today), ["familyConsidered"] = "true", ["immediate"] = "true", ["immediateAction"] = "Police to share incident notifications with the school now." });
        var interview = await PressNestedAsync(ben, conduct, "Record", new JsonObject { ["record"] = "review.engagement",  ["kind"] = "FamilyInterview", ["engagedOn"] = Iso(today), ["details"] = "Mother interviewed.", ["consulted"] = "false" });
        Assert.StartsWith("A criminal case runs: the family is interviewed only after the police safeguarding lead and the Senior Investigating Officer", interview.Message, StringComparison.Ordinal);
        await PressNestedAsync(ben, conduct, "Record", new JsonObject { ["record"] = "review.engagement",  ["kind"] = "FamilyContract", ["engagedOn"] = Iso(today), ["details"] = "Contract agreed with the mother.", ["consulted"] = "false" });
        await PressNestedAsync(ben, conduct, "Record", new JsonObject { ["record"] = "review.disclosurerequest",  ["requestedBy"] = "Disclosure Officer", ["material"] = "The health chronology." });

        // The Independent Chair decides the request, only after consulting the reviewer, the police lead and the panel.
        var disclosure = await TaskCardAsync(adele, reference, "Decide disclosure request R1");
        Assert.Contains("The health chronology.", disclosure.CardText, StringComparison.Ordinal);
        var unconsulted = await adele.PressAsync(disclosure, "Record the decision", new JsonObject { ["consultedReviewer"] = "true", ["consultedPolice"] = "false", ["consultedPanel"] = "true", ["granted"] = "true", ["reason"] = "Needed for the trial." });
        Assert.Equal("Consult the police safeguarding lead before deciding a disclosure request.", unconsulted!.Message);
        var decided = await adele.PressAsync(Current(adele, disclosure), "Record the decision", new JsonObject { ["consultedReviewer"] = "true", ["consultedPolice"] = "true", ["consultedPanel"] = "true", ["granted"] = "true", ["reason"] = "Needed for the trial." });
        Assert.True(decided!.Card is not null, decided.Message);
        Assert.Contains("done by Adele Vance", Text(decided.Card!), StringComparison.Ordinal);

        // The agencies' reports: the reviewer agrees the police's date; Patti gets her card and records it sent.
        var reportDue = today.AddDays(14);
        await PressNestedAsync(ben, Current(ben, conduct), "Record", new JsonObject { ["record"] = "review.agencydates", ["due-staffs-police"] = Iso(reportDue) });
        await HubShowsAsync(megan, reference, $"Staffordshire Police: due {Words(reportDue)}, awaited");
        var report = await TaskCardAsync(patti, reference, $"Send your agency report by {Words(reportDue)}");
        Assert.Contains(Words(reportDue), report.CardText, StringComparison.Ordinal);
        var sent = await patti.PressAsync(report, "Report sent to the reviewer", new JsonObject { ["receivedOn"] = Iso(today) });
        Assert.Contains("done by Patti Fernandez", Text(sent!.Card!), StringComparison.Ordinal);
        var twice = await PressNestedAsync(ben, Current(ben, conduct), "Record", new JsonObject { ["record"] = "review.agencyreport", ["agency"] = "staffs-police", ["receivedOn"] = Iso(today) });
        Assert.Equal("Staffordshire Police's report has already been recorded as received.", twice.Message);
        await HubShowsAsync(megan, reference, $"Staffordshire Police: due {Words(reportDue)}, received");

        // A delay the SIO does not agree to: the reviewer records who and why, and the Independent Chair decides.
        var newTarget = decidedOn.AddMonths(9);
        var delay = new JsonObject { ["record"] = "review.delay", ["reason"] = "Trial listed.", ["writtenRequest"] = "Letter from the CPS.", ["target"] = Iso(newTarget), ["scope"] = "Police interviews left out", ["agreed"] = "false", ["whyNotAgreed"] = "The SIO wants the review finished before the trial." };
        var noWho = await PressNestedAsync(ben, Current(ben, conduct), "Record", delay);
        Assert.Equal("Say who does not agree: the Senior Investigating Officer, the Crown Prosecution Service, or both.", noWho.Message);
        delay["notAgreedBy"] = "SeniorInvestigatingOfficer";
        var referred = await PressNestedAsync(ben, Current(ben, conduct), "Record", delay);
        Assert.Contains("not agreed by the Senior Investigating Officer: with the Independent Chair", Text(referred.Card!), StringComparison.Ordinal);
        Assert.Contains(Words(decidedOn.AddMonths(6)), Text(referred.Card!), StringComparison.Ordinal);
        await HubShowsAsync(megan, reference, "Delay request Y1 is with the Independent Chair");

        var chairDelay = await TaskCardAsync(adele, reference, "Decide the delay to the Serious Case Review (Y1)");
        Assert.Contains("The SIO wants the review finished before the trial.", chairDelay.CardText, StringComparison.Ordinal);
        Assert.Contains("Police interviews left out", chairDelay.CardText, StringComparison.Ordinal);
        var noReasons = await adele.PressAsync(chairDelay, "Agree the delay", new JsonObject { ["target"] = Iso(newTarget), ["chairReasons"] = "" });
        Assert.Equal("The Independent Chair's reasons are required.", noReasons!.Message);
        var agreedDelay = await adele.PressAsync(Current(adele, chairDelay), "Agree the delay", new JsonObject { ["target"] = Iso(newTarget), ["chairReasons"] = "The trial would be prejudiced." });
        Assert.Contains("done by Adele Vance", Text(agreedDelay!.Card!), StringComparison.Ordinal);
        var staleDelay = await adele.PressAsync(chairDelay, "Refuse the delay", new JsonObject { ["target"] = "", ["chairReasons"] = "Changed my mind." });
        Assert.StartsWith("Already recorded by Adele Vance on ", staleDelay!.Message, StringComparison.Ordinal);

        // The review's clock (D9) moves to the date the Chair agreed.
        await ben.WaitForCardInPersonalChatAsync(m => Heading(m) == $"{reference} · Conduct the Serious Case Review"
            && m.CardText.Contains($"agreed by the Independent Chair, to {Words(newTarget)}", StringComparison.Ordinal)
            && m.CardText.Contains(HumanDates.Format(newTarget), StringComparison.Ordinal) && m.Buttons.Count > 0);

        // The report to the Board once the draft is checked against the terms of reference; the Board endorses it.
        var unchecked_ = await PressNestedAsync(ben, Current(ben, conduct), "Send the report to the Board", new JsonObject { ["completedOn"] = Iso(today), ["checked"] = "false" });
        Assert.Equal("Check the draft report against the terms of reference before it goes to the Board.", unchecked_.Message);
        var completed = await PressNestedAsync(ben, Current(ben, conduct), "Send the report to the Board", new JsonObject { ["completedOn"] = Iso(today), ["checked"] = "true" });
        Assert.Contains("done by Ben Walters", Text(completed.Card!), StringComparison.Ordinal);
        var endorse = await TaskCardAsync(megan, reference, "Record the Board's endorsement of the report");
        await megan.PressAsync(endorse, "Record the endorsement", new JsonObject { ["date"] = Iso(today) });

        // The Sub-group Chair draws up the action plan: three SMART recommendations.
        var draw = await TaskCardAsync(isaiah, reference, "Draw up the action plan");
        var unsmart = await isaiah.PressAsync(draw, "Add the recommendation", new JsonObject { ["owner"] = "staffs-police", ["action"] = "Share notifications.", ["outcome"] = "", ["due"] = Iso(today.AddMonths(3)), ["evidence"] = "" });
        Assert.Equal("The intended outcome is required. The evidence of completion is required.", unsmart!.Message);
        foreach (var (action, outcome) in new[] { ("Share domestic incident notifications with schools within 24 hours.", "Schools know the same day."), ("Train officers on the referral pathway.", "Every officer trained."), ("Audit the sharing protocol.", "An audit report.") })
        {
            await isaiah.PressAsync(Current(isaiah, draw), "Add the recommendation", new JsonObject { ["owner"] = "staffs-police", ["action"] = action, ["outcome"] = outcome, ["due"] = Iso(today.AddMonths(3)), ["evidence"] = "A copy of the protocol." });
        }

        Assert.Contains("A3 · Staffordshire Police", Current(isaiah, draw).CardText, StringComparison.Ordinal);

        // Publication planned; the report to the National Panel a week before (D10); published; the library copy.
        var plan = await TaskCardAsync(megan, reference, "Plan the publication");
        await megan.PressAsync(plan, "Plan the publication", new JsonObject { ["planningMeeting"] = Iso(today), ["date"] = Iso(today.AddDays(1)) });
        var panel = await TaskCardAsync(megan, reference, "Send the report to the National Panel");
        Assert.Contains(Words(today.AddDays(-6)), panel.CardText, StringComparison.Ordinal);
        await megan.PressAsync(panel, "Report sent to the National Panel", new JsonObject { ["date"] = Iso(today.AddDays(-7)) });
        var publish = await TaskCardAsync(megan, reference, "Publish the report");
        await megan.PressAsync(publish, "Record the publication", new JsonObject { ["date"] = Iso(today), ["link"] = "https://www.staffsscb.org.uk/scr/child-j" });
        await TaskCardAsync(megan, reference, "Send a copy to the NSPCC National SCR Library");

        // Sub-group meetings: each owner agency asked for its update on a card; A1 and A3 complete, A2 goes silent.
        await MeetingAsync(megan, reference, today.AddDays(-21), today.AddDays(-14));
        foreach (var id in new[] { "A1", "A3" })
        {
            var update = await TaskCardAsync(patti, reference, $"Give the update on {id}");
            await patti.PressAsync(update, "Give the update", new JsonObject { ["progress"] = "Done.", ["completed"] = "true", ["evidence"] = "Protocol signed 1 May." });
        }

        await TaskCardAsync(patti, reference, "Give the update on A2");

        // The daily sweep nudges the police for A2's overdue update (D12); the nudge's button opens the card that records it.
        await playground.BotServices.GetRequiredService<ScrBot.Bot.Nudges.NudgeSweep>().SweepAsync(today, null, default);
        var nudge = await patti.WaitForCardInPersonalChatAsync(m => Heading(m).StartsWith($"{reference} · Action-plan update to give by ", StringComparison.Ordinal)
                                                                  && m.Buttons.Any(b => b.Title == "Record it done"));
        var opened = await patti.PressAsync(nudge, "Record it done");
        Assert.Contains($"{reference} · Give the update on A2", Text(opened!.Card!), StringComparison.Ordinal);
        Assert.Contains("Give the update", opened.Card!.ToJsonString(), StringComparison.Ordinal);
        await MeetingAsync(megan, reference, today.AddDays(-14), today.AddDays(-7));
        await MeetingAsync(megan, reference, today.AddDays(-7), today);

        // Two meetings in a row without an update: escalated to the Executive Group, raised by the Sub-group Chair.
        var executive = await TaskCardAsync(isaiah, reference, "Raise A2 at the Executive Group");
        Assert.Contains("ask the agency's SCR lead and its lead board member for timescales", executive.CardText, StringComparison.Ordinal);
        Assert.Contains("Lee Gu, Pradeep Gupta (sent by ScrBot)", executive.CardText, StringComparison.Ordinal);
        await isaiah.PressAsync(executive, "Raised at the Executive Group", new JsonObject { ["date"] = Iso(today) });

        // The police's SCR lead and lead board member are sent the request for timescales. They are in the directory but
        // not among the Playground's people, so their cards are held for when they open ScrBot, and the hub says so.
        await HubShowsAsync(megan, reference, "A2 · Staffordshire Police: asked of Lee Gu, Pradeep Gupta, not yet given");
        var held = playground.BotServices.GetRequiredService<ScrBot.Bot.Delivery.IHeldCards>();
        foreach (var lead in new[] { "5c0b5a7e-0000-4000-8000-000000000042", "5c0b5a7e-0000-4000-8000-000000000043" })
        {
            await playground.WaitUntilAsync(async () => (await held.ForPersonAsync(lead, default)).Any(h => h.Key == $"step:{reference}:plan/timescales/A2/1"), "the request for timescales held for the lead");
        }

        // Lee Gu, on opening ScrBot, gives the timescales (his button is pressed through the bot host in
        // EscalationLeadsTests); the hub shows them.
        var leeGu = new ScrBot.Domain.Boards.Actor(new ScrBot.Domain.Boards.PersonId("5c0b5a7e-0000-4000-8000-000000000042"), "Lee Gu");
        var timescales = await Cases().ExecuteAsync(ReferralSamples.Staffordshire, caseReference, "give timescales for an escalated action", leeGu, (state, _) =>
            CaseCommands.GiveTimescales(state, new CommandContext(leeGu, playground.BotServices.GetRequiredService<TimeProvider>().GetUtcNow(), ReferralSamples.Directory), "A2", today.AddMonths(1), "Training booked for every response officer."));
        Assert.False(timescales.IsRefused, timescales.Outcome.Explanation);
        playground.BotServices.GetRequiredService<CaseSyncQueue>().Enqueue(ReferralSamples.Staffordshire, caseReference);
        await HubShowsAsync(megan, reference, $"A2 · Staffordshire Police: complete by {Words(today.AddMonths(1))}, given by Lee Gu");
        var asked = await patti.WaitForCardInPersonalChatAsync(m => Heading(m) == $"{reference} · Give the update on A2" && m.CardText.Contains("Escalated to the Executive Group", StringComparison.Ordinal) && m.Buttons.Count > 0);

        // Still outstanding at the next meeting: an exception at the Board.
        await MeetingAsync(megan, reference, today, null);
        var board = await TaskCardAsync(isaiah, reference, "Report A2 as an exception at the Board");
        await isaiah.PressAsync(board, "Reported to the Board", new JsonObject { ["date"] = Iso(today) });

        // A later update records progress and keeps the escalation history.
        var late = await patti.WaitForCardInPersonalChatAsync(m => Heading(m) == $"{reference} · Give the update on A2" && m.CardText.Contains("then an exception at the Board", StringComparison.Ordinal) && m.Buttons.Count > 0);
        await patti.PressAsync(late, "Give the update", new JsonObject { ["progress"] = "Training delivered to all officers.", ["completed"] = "true", ["evidence"] = "Attendance lists." });
        var stored = await Cases().LoadAsync(ReferralSamples.Staffordshire, caseReference);
        Assert.Equal([EscalationLevel.ExecutiveGroup, EscalationLevel.ExceptionAtBoard], stored!.State.Action("A2")!.Escalations);
        Assert.True(stored.State.Action("A2")!.Completed);

        // The Sub-group Chair reviews the evidence; the Executive Group and the Board endorse the plan.
        var evidence = await TaskCardAsync(isaiah, reference, "Review the evidence of completion");
        await isaiah.PressAsync(evidence, "Evidence reviewed", new JsonObject { ["date"] = Iso(today) });
        var endorsePlan = await TaskCardAsync(megan, reference, "Record the endorsement of the action plan");
        await megan.PressAsync(endorsePlan, "Record the endorsement", new JsonObject { ["date"] = Iso(today) });

        // Closing shows what is still open (the library copy) and refuses; once sent, the case closes, still owing the website.
        var close = await TaskCardAsync(megan, reference, "Close the case");
        Assert.Contains("no copy of the report has gone to the NSPCC National SCR Library", close.CardText, StringComparison.Ordinal);
        Assert.Contains($"the report stays on the board's website until at least {today.AddMonths(12):d MMMM yyyy}", close.CardText, StringComparison.Ordinal);
        var refused = await megan.PressAsync(close, "Close the case", new JsonObject { ["reason"] = "Action plan complete and endorsed." });
        Assert.Equal("The case cannot be closed: no copy of the report has gone to the NSPCC National SCR Library.", refused!.Message);
        var library = await TaskCardAsync(megan, reference, "Send a copy to the NSPCC National SCR Library");
        await megan.PressAsync(library, "Copy sent to the library", new JsonObject { ["date"] = Iso(today) });
        var closed = await megan.PressAsync(Current(megan, close), "Close the case", new JsonObject { ["reason"] = "Action plan complete and endorsed." });
        Assert.Contains("done by Megan Bowen", Text(closed!.Card!), StringComparison.Ordinal);

        var final = await Cases().LoadAsync(ReferralSamples.Staffordshire, caseReference);
        Assert.Equal(Stage.Closed, final!.State.Stage);
        Assert.Equal(newTarget, final.State.Delays.Single().NewTargetDate);
        Assert.True(final.State.DelayRequests.Single().Agreed);
        Assert.Equal([new ScrBot.Domain.Boards.AgencyId("staffs-police")], final.State.AgencyReportsReceived);
        Assert.Contains(final.Facts.OfType<AttemptRefused>(), r => r.By.Name == "Adele Vance" && r.Reason.StartsWith("Already recorded by Adele Vance", StringComparison.Ordinal));
        Assert.Equal("Rosa Family-Liaison", final.State.FamilyCoordinator);
        Assert.True(final.State.DisclosureRequests.Single().Granted);
        Assert.Equal("Police to share incident notifications with the school now.", final.State.ReviewPanelMeetings.Single().ImmediateAction);
        Assert.Equal("https://www.staffsscb.org.uk/scr/child-j", final.State.ReportAddress);
        Assert.Equal(4, final.State.ActionPlanMeetings.Count);
        Assert.Contains(final.Facts.OfType<AttemptRefused>(), r => r.Reason.StartsWith("The case cannot be closed: no copy", StringComparison.Ordinal));
        _ = asked;
    }

    [Fact]
    public async Task ADecisionNotToPublishGoesToTheNationalPanelForAdviceAndTheCaseCannotCloseWithoutIt()
    {
        var (megan, adele, _, _, _, _) = await PeopleReadyAsync();
        var reference = await ReviewCaseStory.ReportEndorsedAsync(Cases(), Today());
        playground.BotServices.GetRequiredService<CaseSyncQueue>().Enqueue(ReferralSamples.Staffordshire, reference);

        var decide = await TaskCardAsync(adele, reference.Value, "Decide whether not to publish the report");
        var decided = await adele.PressAsync(decide, "Do not publish the report", new JsonObject { ["reasons"] = "Publication would identify the siblings." });
        Assert.Contains("done by Adele Vance", Text(decided!.Card!), StringComparison.Ordinal);

        // The Board Manager's planning card is no longer needed; the National Panel's advice is asked for instead.
        var advice = await TaskCardAsync(megan, reference.Value, "Record the National Panel's advice on not publishing");
        Assert.Contains("Publication would identify the siblings.", advice.CardText, StringComparison.Ordinal);
        var stored = await Cases().LoadAsync(ReferralSamples.Staffordshire, reference);
        Assert.Contains("the National Panel's advice on the decision not to publish has not been recorded", CaseCommands.StillOpenBeforeClosing(stored!.State));
        await megan.PressAsync(advice, "Record the advice", new JsonObject { ["advice"] = "The Panel agrees; publish a summary of the learning." });

        var final = await Cases().LoadAsync(ReferralSamples.Staffordshire, reference);
        Assert.Equal("The Panel agrees; publish a summary of the learning.", final!.State.NationalPanelAdvice);
        Assert.DoesNotContain("National Panel", string.Join(" ", CaseCommands.StillOpenBeforeClosing(final.State)), StringComparison.Ordinal);
        Assert.Equal(Stage.ActionPlan, final.State.Stage);
    }

    // ── helpers ──

    private async Task MeetingAsync(PlaygroundSession megan, string reference, DateOnly heldOn, DateOnly? next)
    {
        var meeting = await megan.WaitForCardInPersonalChatAsync(m => Heading(m) == $"{reference} · Record a sub-group meeting on the action plan" && m.Buttons.Count > 0
            && m.CardText.Contains("Meetings so far", StringComparison.Ordinal));
        var count = Cases().LoadAsync(ReferralSamples.Staffordshire, CaseReference.Parse(reference)).Result!.State.ActionPlanMeetings.Count;
        var answer = await megan.ExecuteAsync(meeting, "plan.meeting", new JsonObject
        {
            ["case"] = reference, ["step"] = "plan/meeting", ["date"] = Iso(heldOn), ["next"] = next is { } n ? Iso(n) : "",
        });
        Assert.Null(answer.Message is { } m && m.Contains("cannot", StringComparison.Ordinal) ? m : null);
        await playground.WaitUntilAsync(async () => (await Cases().LoadAsync(ReferralSamples.Staffordshire, CaseReference.Parse(reference)))!.State.ActionPlanMeetings.Count == count + 1, "the meeting recorded");
    }

    private async Task<(PlaygroundSession, PlaygroundSession, PlaygroundSession, PlaygroundSession, PlaygroundSession, PlaygroundSession)> PeopleReadyAsync()
    {
        var references = playground.BotServices.GetRequiredService<IConversationReferences>();
        var people = new List<PlaygroundSession>();
        foreach (var name in new[] { "Megan Bowen", "Adele Vance", "Isaiah Langer", "Patti Fernandez", "Ben Walters", "Karen Berg" })
        {
            var session = await playground.AsAsync(name);
            if (await references.FindPersonalAsync(session.Person.AadObjectId, default) is null)
            {
                await session.InstallInPersonalChatAsync();
                await playground.WaitUntilAsync(async () => await references.FindPersonalAsync(session.Person.AadObjectId, default) is not null, $"{name}'s personal chat");
            }

            people.Add(session);
        }

        return (people[0], people[1], people[2], people[3], people[4], people[5]);
    }

    /// <summary>Presses a button inside one of the card's expandable sections (Action.ShowCard).</summary>
    private static async Task<InvokeAnswer> PressNestedAsync(PlaygroundSession person, PlaygroundMessage message, string title, JsonObject inputs)
    {
        var button = Nodes(message.Card!).First(n => n["type"]?.GetValue<string>() == "Action.Execute" && n["title"]?.GetValue<string>() == title);
        var data = (JsonObject)button["data"]!.DeepClone();
        foreach (var (key, value) in inputs)
        {
            data[key] = value?.DeepClone();
        }

        return await person.ExecuteAsync(message, button["verb"]!.GetValue<string>(), data);
    }

    private static IEnumerable<JsonObject> Nodes(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Nodes(p.Value))),
        JsonArray a => a.SelectMany(Nodes),
        _ => [],
    };

    private DateOnly Today() => LondonTime.Today(playground.BotServices.GetRequiredService<TimeProvider>());

    private CaseStore Cases() => playground.BotServices.GetRequiredService<CaseStore>();

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Words(DateOnly date) => HumanDates.Format(date);

    private static string Heading(PlaygroundMessage m) => m.Card is null ? "" : JourneyHarness.Heading(m.Card);

    private static Task<PlaygroundMessage> HubShowsAsync(PlaygroundSession manager, string reference, string text) =>
        manager.WaitForCardInPersonalChatAsync(m => Heading(m) == $"{reference} · Case card" && m.CardText.Contains(text, StringComparison.Ordinal));

    private static async Task<PlaygroundMessage> AskAsync(PlaygroundSession person, string text)
    {
        var before = person.PersonalChat.Select(m => m.MessageId).ToHashSet();
        await person.SayInPersonalChatAsync(text);
        return await person.WaitForAsync(person.PersonalChatId, m => !before.Contains(m.MessageId) && m.FromId != person.Person.Id
            && m.CardText.Contains("Your part in this case", StringComparison.Ordinal));
    }

    private static Task<PlaygroundMessage> TaskCardAsync(PlaygroundSession person, string reference, string step) =>
        person.WaitForCardInPersonalChatAsync(m => m.Card is not null && JourneyHarness.Heading(m.Card) == $"{reference} · {step}" && m.Buttons.Count > 0);

    private static PlaygroundMessage Current(PlaygroundSession session, PlaygroundMessage message) =>
        session.PersonalChat.Single(m => m.MessageId == message.MessageId);

    private static string Text(JsonObject card) => new PlaygroundMessage("", "", null, "", null, [card], 0).CardText;
}

/// <summary>Every option of every choice set on the cards of stages 8–10 pressed in the Agents Playground, as the card sends it.</summary>
public sealed class ReviewChoicesInThePlaygroundTests(StagesPlaygroundFixture playground) : IClassFixture<StagesPlaygroundFixture>
{
    [Fact]
    public async Task EveryOptionOfTheReviewAndActionPlanCardsIsTakenByTheServer()
    {
        var references = playground.BotServices.GetRequiredService<IConversationReferences>();
        var people = new Dictionary<string, PlaygroundSession>();
        foreach (var name in new[] { "Megan Bowen", "Adele Vance", "Isaiah Langer", "Ben Walters" })
        {
            var session = await playground.AsAsync(name);
            if (await references.FindPersonalAsync(session.Person.AadObjectId, default) is null)
            {
                await session.InstallInPersonalChatAsync();
                await playground.WaitUntilAsync(async () => await references.FindPersonalAsync(session.Person.AadObjectId, default) is not null, $"{name}'s personal chat");
            }

            people[name] = session;
        }

        var cases = playground.BotServices.GetRequiredService<CaseStore>();
        var today = LondonTime.Today(playground.BotServices.GetRequiredService<TimeProvider>());
        var reference = await ReviewCaseStory.DecidedWithReviewerAsync(cases, today);
        var now = LondonTime.ToInstant(today, new TimeOnly(9, 0));
        foreach (var (actor, command) in new (ScrBot.Domain.Boards.Actor, Func<CaseState, CommandContext, Outcome>)[]
                 {
                     (ReviewCaseStory.Megan, (s, c) => CaseCommands.InitiateReview(s, c, today)),
                     (ReviewCaseStory.Reviewer, (s, c) => CaseCommands.AgreeTermsOfReference(s, c, today, true, ["Isaiah Langer"])),
                     (ReviewCaseStory.Megan, (s, c) => CaseCommands.AppointFamilyCoordinator(s, c, "Rosa")),
                 })
        {
            var done = await cases.ExecuteAsync(ReferralSamples.Staffordshire, reference, "prepare", actor, (state, _) => command(state, new CommandContext(actor, now, ReferralSamples.Directory)));
            Assert.False(done.IsRefused, done.Outcome.Explanation);
        }

        playground.BotServices.GetRequiredService<CaseSyncQueue>().Enqueue(ReferralSamples.Staffordshire, reference);
        var ben = people["Ben Walters"];
        var conduct = await ben.WaitForCardInPersonalChatAsync(m => m.Card is not null && JourneyHarness.Heading(m.Card) == $"{reference} · Conduct the Serious Case Review" && m.Buttons.Count > 0);
        var iso = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var data = new JsonObject { ["case"] = reference.Value, ["step"] = "review/conduct" };
        var answers = new List<(string Option, InvokeAnswer Answer)>();

        async Task Press(PlaygroundSession who, PlaygroundMessage card, string verb, string option, JsonObject inputs)
        {
            var sent = (JsonObject)data.DeepClone();
            foreach (var (k, v) in inputs)
            {
                sent[k] = v?.DeepClone();
            }

            answers.Add((option, await who.ExecuteAsync(card, verb, sent)));
        }

        foreach (var choice in Options(conduct.Card!, "record"))
        {
            await Press(ben, conduct, "review.record", choice, new JsonObject
            {
                ["record"] = choice, ["date"] = iso, ["familyConsidered"] = "true", ["immediate"] = "false", ["kind"] = "FamilyUpdate", ["engagedOn"] = iso,
                ["details"] = "Update given.", ["requestedBy"] = "Senior Investigating Officer", ["material"] = "Minutes.", ["agency"] = "staffs-police",
                ["receivedOn"] = iso, ["reason"] = "Trial.", ["writtenRequest"] = "Letter.", ["target"] = today.AddMonths(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["agreed"] = "true",
                ["due-staffs-police"] = today.AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            });
        }

        // Each answer to "agreed with the SIO and the CPS?", and each "not agreed by": a referral the Chair then refuses.
        var delays = 0;
        foreach (var (agreed, who) in Options(conduct.Card!, "agreed").Select(a => (a, "Both")).Concat(Options(conduct.Card!, "notAgreedBy").Select(w => ("false", w))))
        {
            await Press(ben, conduct, "review.record", agreed + "/" + who, new JsonObject
            {
                ["record"] = "review.delay", ["reason"] = "Trial.", ["writtenRequest"] = "Letter.", ["target"] = today.AddMonths(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["agreed"] = agreed, ["notAgreedBy"] = who, ["whyNotAgreed"] = "They differ on the timing.",
            });
            if (agreed == "false")
            {
                var id = $"Y{++delays}";
                var refused = await cases.ExecuteAsync(ReferralSamples.Staffordshire, reference, "decide a delay", ReviewCaseStory.Adele, (state, _) =>
                    CaseCommands.DecideReviewDelay(state, new CommandContext(ReviewCaseStory.Adele, now, ReferralSamples.Directory), id, false, null, "The review goes ahead."));
                Assert.False(refused.IsRefused, refused.Outcome.Explanation);
            }
        }

        foreach (var choice in Options(conduct.Card!, "immediate"))
        {
            await Press(ben, conduct, "review.record", choice, new JsonObject { ["record"] = "review.panelmeeting", ["date"] = iso, ["familyConsidered"] = "true", ["immediate"] = choice, ["immediateAction"] = "Police act now." });
        }

        foreach (var choice in Options(conduct.Card!, "kind"))
        {
            await Press(ben, conduct, "review.record", choice, new JsonObject { ["record"] = "review.engagement", ["kind"] = choice, ["engagedOn"] = iso, ["details"] = "Done.", ["consulted"] = "true", ["delegates"] = "true" });
        }

        foreach (var choice in Options(conduct.Card!, "requestedBy"))
        {
            await Press(ben, conduct, "review.record", choice, new JsonObject { ["record"] = "review.disclosurerequest", ["requestedBy"] = choice, ["material"] = "The chronology." });
        }

        foreach (var choice in Options(conduct.Card!, "agency"))
        {
            await Press(ben, conduct, "review.record", choice, new JsonObject { ["record"] = "review.agencyreport", ["agency"] = choice, ["receivedOn"] = iso });
        }

        var adele = people["Adele Vance"];
        var requests = 1;
        var disclosure = await adele.WaitForCardInPersonalChatAsync(m => m.Card is not null && JourneyHarness.Heading(m.Card) == $"{reference} · Decide disclosure request R1" && m.Buttons.Count > 0);
        foreach (var choice in Options(disclosure.Card!, "granted"))
        {
            var id = $"R{requests++}";
            var sent = new JsonObject { ["case"] = reference.Value, ["step"] = $"review/disclosure/{id}", ["request"] = id, ["granted"] = choice, ["reason"] = "Decided.", ["consultedReviewer"] = "true", ["consultedPolice"] = "true", ["consultedPanel"] = "true" };
            answers.Add((choice, await adele.ExecuteAsync(disclosure, "review.disclose", sent)));
        }

        await Press(ben, conduct, "review.complete", "complete", new JsonObject { ["completedOn"] = iso, ["checked"] = "true" });
        var isaiah = people["Isaiah Langer"];
        var draw = await isaiah.WaitForCardInPersonalChatAsync(m => m.Card is not null && JourneyHarness.Heading(m.Card) == $"{reference} · Draw up the action plan" && m.Buttons.Count > 0);
        foreach (var choice in Options(draw.Card!, "owner"))
        {
            answers.Add((choice, await isaiah.ExecuteAsync(draw, "plan.add", new JsonObject
            {
                ["case"] = reference.Value, ["step"] = "plan/draw", ["owner"] = choice, ["action"] = "Act.", ["outcome"] = "Better.", ["due"] = today.AddMonths(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["evidence"] = "Proof.",
            })));
        }

        // Every option was taken: none is answered as unknown or as a choice not made; only the report shared with the
        // family (the review not yet complete) is refused, by its rule.
        Assert.All(answers, a => Assert.False(a.Answer.IsError, $"{a.Option}: {a.Answer.Message}"));
        Assert.All(answers.Where(a => a.Option != "ReportSharedWithFamily"), a => Assert.True(
            a.Answer.Card is not null || a.Answer.Message is null || !a.Answer.Message.Contains("cannot", StringComparison.Ordinal) && !a.Answer.Message.StartsWith("Choose", StringComparison.Ordinal) && !a.Answer.Message.StartsWith("Say", StringComparison.Ordinal),
            $"{a.Option}: {a.Answer.Message}"));
        var final = (await cases.LoadAsync(ReferralSamples.Staffordshire, reference))!.State;
        Assert.Equal(2, final.DisclosureRequests.Count(r => r.Granted is not null));
        Assert.Equal([DelayNotAgreedBy.Both, DelayNotAgreedBy.SeniorInvestigatingOfficer, DelayNotAgreedBy.CrownProsecutionService, DelayNotAgreedBy.Both], final.DelayRequests.Select(r => r.NotAgreedBy));
        Assert.Equal(2, final.Delays.Count);
        Assert.Equal([new AgencyReportDate(new ScrBot.Domain.Boards.AgencyId("staffs-police"), today.AddDays(14))], final.AgencyReportDates);
        Assert.Equal(Options(draw.Card!, "owner").Count, final.Actions.Count);
        // Six kinds less the report shared with the family (refused), and the update recorded through "What to record".
        Assert.Equal(Options(conduct.Card!, "kind").Count, final.Engagements.Count);
    }

    private static List<string> Options(JsonObject card, string id) =>
        Nodes(card).Where(n => n["type"]?.GetValue<string>() == "Input.ChoiceSet" && n["id"]?.GetValue<string>() == id)
            .SelectMany(n => n["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>())).Distinct().ToList();

    private static IEnumerable<JsonObject> Nodes(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Nodes(p.Value))),
        JsonArray a => a.SelectMany(Nodes),
        _ => [],
    };
}
