using ScrBot.Bot.Referral;
using ScrBot.Bot.Storage;
using ScrBot.Bot.Tests.Referral;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Tests.Stages;

/// <summary>
/// Brings a case of the local board directory, through the domain commands in the case store, to where the review
/// begins: referred, the Scoping Panel held, the Independent Chair's decision to hold a Serious Case Review recorded and
/// (for <see cref="DecidedWithReviewerAsync"/>) the reviewer (Ben Walters, of the board's directory, in the Playground)
/// recommended by the Sub-group Chair and appointed by the Independent Chair and the Director of Children's Services
/// (Karen Berg). Each step is dated in the weeks before today.
/// </summary>
internal static class ReviewCaseStory
{
    public static readonly Actor Megan = new(new PersonId("5c0b5a7e-0000-4000-8000-000000000021"), "Megan Bowen");
    public static readonly Actor Adele = new(new PersonId("5c0b5a7e-0000-4000-8000-000000000022"), "Adele Vance");
    public static readonly Actor Isaiah = new(new PersonId("5c0b5a7e-0000-4000-8000-000000000023"), "Isaiah Langer");
    public static readonly Actor Patti = new(new PersonId("5c0b5a7e-0000-4000-8000-000000000024"), "Patti Fernandez");
    public static readonly Actor Director = new(new PersonId("5c0b5a7e-0000-4000-8000-000000000030"), "Karen Berg");
    public static readonly Actor Reviewer = new(new PersonId("5c0b5a7e-0000-4000-8000-000000000032"), "Ben Walters");
    private static readonly Actor Sio = new(new PersonId("sio-sam-vimes"), "DI Sam Vimes");
    private static readonly Actor MinuteTaker = new(new PersonId("minute-taker-diego"), "Diego Siciliani");
    private static readonly AgencyId Police = new("staffs-police");

    /// <summary>
    /// The reference of a case decided <paramref name="decidedDaysAgo"/> days before <paramref name="today"/>, with its
    /// reviewer appointed. With <paramref name="directory"/> and <paramref name="as"/>, told on another copy of the
    /// local directory whose people have other ids (<see cref="StageHost.Local"/>).
    /// </summary>
    public static async Task<CaseReference> DecidedWithReviewerAsync(CaseStore cases, DateOnly today, int decidedDaysAgo = 3, BoardDirectory? directory = null, Func<Actor, Actor>? @as = null)
    {
        directory ??= ReferralSamples.Directory;
        var map = @as ?? (a => a);
        var reference = await DecidedAsync(cases, today, decidedDaysAgo, directory, map);
        var at = LondonTime.ToInstant(today.AddDays(-decidedDaysAgo), new TimeOnly(11, 0));
        var checks = new ReviewerChecks(Training: true, Experience: true, ReferencesOrPreviousWork: true, Independence: true);
        foreach (var (actor, command) in new (Actor, Func<CaseState, CommandContext, Outcome>)[]
                 {
                     (map(Isaiah), (s, c) => CaseCommands.RecommendReviewer(s, c, ReviewerNomination.InDirectory(map(Reviewer).Id), null, ReviewerSource.NationalPanelList, null, checks)),
                     (map(Adele), (s, c) => CaseCommands.AnswerReviewerAppointment(s, c, Role.IndependentChair, true, null)),
                     (map(Director), (s, c) => CaseCommands.AnswerReviewerAppointment(s, c, Role.DirectorOfChildrensServices, true, null)),
                 })
        {
            var result = await cases.ExecuteAsync(ReferralSamples.Staffordshire, reference, "appoint the reviewer", actor,
                (state, _) => command(state, new CommandContext(actor, at, directory)));
            Assert.False(result.IsRefused, result.Outcome.Explanation);
        }

        return reference;
    }

    /// <summary>The reference of a case whose Independent Chair decided, <paramref name="decidedDaysAgo"/> days before <paramref name="today"/>, to hold a Serious Case Review.</summary>
    public static async Task<CaseReference> DecidedAsync(CaseStore cases, DateOnly today, int decidedDaysAgo = 3, BoardDirectory? directory = null, Func<Actor, Actor>? @as = null)
    {
        directory ??= ReferralSamples.Directory;
        var chair = (@as ?? (a => a))(Adele);
        var reference = await RecommendedAsync(cases, today, decidedDaysAgo, directory, @as);
        var at = LondonTime.ToInstant(today.AddDays(-decidedDaysAgo), new TimeOnly(10, 0));
        var result = await cases.ExecuteAsync(ReferralSamples.Staffordshire, reference, "bring the case to the review", chair,
            (state, _) => CaseCommands.RecordChairsDecision(state, new CommandContext(chair, at, directory), ChairDecisionKind.Uphold, "I agree with the panel."));
        Assert.False(result.IsRefused, result.Outcome.Explanation);
        return reference;
    }

    /// <summary>
    /// The reference of a case whose Scoping Panel recommended a Serious Case Review to the Independent Chair, the panel
    /// held <paramref name="decidedDaysAgo"/> + 4 days before <paramref name="today"/>.
    /// </summary>
    public static async Task<CaseReference> RecommendedAsync(CaseStore cases, DateOnly today, int decidedDaysAgo = 3, BoardDirectory? directory = null, Func<Actor, Actor>? @as = null)
    {
        directory ??= ReferralSamples.Directory;
        var map = @as ?? (a => a);
        var (Megan, Isaiah, Patti) = (map(ReviewCaseStory.Megan), map(ReviewCaseStory.Isaiah), map(ReviewCaseStory.Patti));
        var board = ReferralSamples.Staffordshire;
        DateTimeOffset At(int daysAgo, int hour = 10) => LondonTime.ToInstant(today.AddDays(-daysAgo), new TimeOnly(hour, 0));
        var referredOn = today.AddDays(-decidedDaysAgo - 22);
        var form = FormCheck.CheckAll(ReferralSamples.FilledDraft(), directory, referredOn).Form;
        var referrer = map(ReferralSamples.Referrer);
        var referred = await cases.ReferAsync(board, referredOn.Year, referrer,
            r => CaseCommands.Refer(r, form, new CommandContext(referrer, At(decidedDaysAgo + 22), directory)));
        Assert.False(referred.IsRefused, referred.Outcome.Explanation);
        var reference = referred.State.Reference!.Value;
        var panelStart = At(decidedDaysAgo + 4, 10);

        async Task Do(Actor actor, DateTimeOffset at, Func<CaseState, CommandContext, Outcome> command)
        {
            var result = await cases.ExecuteAsync(board, reference, "bring the case to the review", actor, (state, _) => command(state, new CommandContext(actor, at, directory)));
            Assert.False(result.IsRefused, result.Outcome.Explanation);
        }

        var d = decidedDaysAgo;
        await Do(Megan, At(d + 21), CaseCommands.InformChairs);
        await Do(Megan, At(d + 21), (s, c) => CaseCommands.ArrangeSubgroupMeeting(s, c, today.AddDays(-d - 20), extraordinary: true));
        await Do(Isaiah, At(d + 20), (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.ConveneScopingPanel, "The criteria may be met."));
        await Do(Megan, At(d + 20), (s, c) => CaseCommands.ChooseAgencies(s, c, [Police]));
        await Do(Megan, At(d + 20), (s, c) => CaseCommands.SendChildDetailsToPartners(s, c, today.AddDays(-d - 12)));
        await Do(Patti, At(d + 18), (s, c) => CaseCommands.SecureRecords(s, c, Police));
        await Do(Patti, At(d + 18), (s, c) => CaseCommands.ReturnRecordCheck(s, c, Police, RecordCheckResult.Known, []));
        await Do(Megan, At(d + 15), (s, c) => CaseCommands.ScheduleScopingPanel(s, c, panelStart, panelStart.AddHours(2), "graph-event-review"));
        await Do(Megan, At(d + 15), (s, c) => CaseCommands.InvitePanelMember(s, c, Patti, PanelCapacity.AgencyRepresentative, Police, null));
        await Do(Megan, At(d + 15), (s, c) => CaseCommands.InvitePanelMember(s, c, Sio, PanelCapacity.SeniorInvestigatingOfficer, Police, "sam.vimes@police.example"));
        await Do(Megan, At(d + 15), (s, c) => CaseCommands.AssignPanelChair(s, c, Isaiah, null));
        await Do(Megan, At(d + 15), (s, c) => CaseCommands.AppointMinuteTaker(s, c, MinuteTaker, declaresNoInvolvement: true));
        foreach (var attendee in new[] { Isaiah, Patti, Sio, MinuteTaker })
        {
            await Do(attendee, At(d + 5), (s, c) => CaseCommands.SignConfidentialityStatement(s, c, ConfidentialityStatement.ScopingPanel, attendee.Name));
        }

        await Do(Isaiah, panelStart.AddHours(3), (s, c) => CaseCommands.RecordScopingPanelHeld(s, c, today.AddDays(-d - 4), [Isaiah.Id, Patti.Id, Sio.Id, MinuteTaker.Id], []));
        await Do(Isaiah, panelStart.AddHours(4), (s, c) => CaseCommands.MakeRecommendation(s, c, RecommendationOption.FormalSeriousCaseReview, ReviewMethodology.Silp, false,
            ["Information sharing between police and schools"], "The panel agreed that the criteria are met."));
        return reference;
    }

    /// <summary>A case further on: the review done and its report endorsed by the Board today.</summary>
    public static async Task<CaseReference> ReportEndorsedAsync(CaseStore cases, DateOnly today)
    {
        var reference = await DecidedWithReviewerAsync(cases, today);
        var now = LondonTime.ToInstant(today, new TimeOnly(9, 0));
        var directory = ReferralSamples.Directory;
        foreach (var (actor, command) in new (Actor, Func<CaseState, CommandContext, Outcome>)[]
                 {
                     (Megan, (s, c) => CaseCommands.InitiateReview(s, c, today)),
                     (Reviewer, (s, c) => CaseCommands.AgreeTermsOfReference(s, c, today, true, ["Isaiah Langer, sub-group"])),
                     (Reviewer, (s, c) => CaseCommands.CompleteReview(s, c, today, true)),
                     (Megan, (s, c) => CaseCommands.EndorseReport(s, c, today)),
                 })
        {
            var result = await cases.ExecuteAsync(ReferralSamples.Staffordshire, reference, "bring the case to publication", actor, (state, _) => command(state, new CommandContext(actor, now, directory)));
            Assert.False(result.IsRefused, result.Outcome.Explanation);
        }

        return reference;
    }
}
