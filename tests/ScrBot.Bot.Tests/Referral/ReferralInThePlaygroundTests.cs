using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ScrBot.Bot.Connector;
using ScrBot.Bot.Referral;
using ScrBot.Bot.Storage;
using ScrBot.Bot.Tests.Connector;
using ScrBot.Bot.Tests.EndToEnd;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Criteria;
using ScrBot.Domain.Referral;

namespace ScrBot.Bot.Tests.Referral;

/// <summary>The bot with the local board directory (config/directory.local.json), in the Agents Playground.</summary>
public sealed class ReferralPlaygroundFixture : PlaygroundFixture
{
    protected override void ConfigureBotSettings(IDictionary<string, string?> settings) =>
        settings["Directory__Path"] = ReferralSamples.LocalDirectoryPath;
}

/// <summary>
/// The referral journey end to end in the Microsoft 365 Agents Playground: Alex Wilber refers, Megan Bowen (Board
/// Manager) triages, Adele Vance and Isaiah Langer (the Chairs) are told, the board's channel gets its notice, and
/// Lynne Robbins (no role on the case) cannot tell that the case exists.
/// </summary>
public sealed class ReferralInThePlaygroundTests(ReferralPlaygroundFixture playground) : IClassFixture<ReferralPlaygroundFixture>
{
    private static readonly BoardId Staffordshire = new("staffordshire");

    [Fact]
    public async Task AReferralGoesFromReferToItsAcknowledgementAndToTheBoardManagerChairsAndChannel()
    {
        var (megan, adele, isaiah) = await BoardReadyAsync();
        var alex = await playground.AsAsync("Alex Wilber");

        var (reference, acknowledgement) = await ReferAsync(alex, ReferralSamples.Answers(), correctAnErrorOnTheWay: true);

        Assert.Contains("SCR criteria met", acknowledgement, StringComparison.Ordinal);
        Assert.Contains("A notifiable serious child care incident", acknowledgement, StringComparison.Ordinal);
        Assert.Contains("Advice only: the decision stays with the sub-group and the Independent Chair.", acknowledgement, StringComparison.Ordinal);
        Assert.Contains("What happens next", acknowledgement, StringComparison.Ordinal);

        var triage = await megan.WaitForCardInPersonalChatAsync(m => m.CardText.Contains($"{reference} · New referral for triage", StringComparison.Ordinal));
        Assert.Contains("Jamie Collins", triage.CardText, StringComparison.Ordinal);
        Assert.Contains("Two referrals from the school were not shared with health.", triage.CardText, StringComparison.Ordinal);
        Assert.Contains("The Independent Chair and the Sub-group Chair have been told of this referral (Adele Vance and Isaiah Langer).", triage.CardText, StringComparison.Ordinal);

        var reached = await alex.WaitForCardInPersonalChatAsync(m => m.CardText.Contains($"{reference} · The Board Manager has your referral", StringComparison.Ordinal));
        Assert.Contains("Megan Bowen, the Board Manager,", reached.CardText, StringComparison.Ordinal);

        await adele.WaitForCardInPersonalChatAsync(m => m.CardText.Contains($"{reference} · New referral", StringComparison.Ordinal) && m.CardText.Contains("As Independent Chair", StringComparison.Ordinal));
        await isaiah.WaitForCardInPersonalChatAsync(m => m.CardText.Contains($"{reference} · New referral", StringComparison.Ordinal) && m.CardText.Contains("As Sub-group Chair", StringComparison.Ordinal));

        var notice = await playground.WaitForChannelMessageAsync(playground.Tenant.ChannelId, m => m.CardText.Contains(reference, StringComparison.Ordinal));
        Assert.True(notice.FromBot(playground.Tenant));
        var posted = notice.Card!.ToJsonString();
        foreach (var detail in ChildsDetails.Append("Alex Wilber"))
        {
            Assert.DoesNotContain(detail, posted, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("SCR criteria met", notice.CardText, StringComparison.Ordinal);

        var cases = playground.BotServices.GetRequiredService<CaseStore>();
        StoredCase? stored = null;
        await playground.WaitUntilAsync(
            async () => (stored = await cases.LoadAsync(Staffordshire, CaseReference.Parse(reference)))?.State.ChairsInformed.Count == 2,
            "the Chairs to be recorded as informed (D2)");
        Assert.Equal(["Adele Vance", "Isaiah Langer"], stored!.State.ChairsInformed.Select(c => c.Name));
        Assert.Equal(ReferralSamples.BoardManager.Id, stored.Facts.OfType<ChairsInformed>().Single().By.Id);

        // Nothing the bot logged on the way, at any level, carries the child's details.
        var logged = string.Join("\n", playground.BotLogs.Lines.Select(l => l.Message));
        Assert.Contains(reference, logged, StringComparison.Ordinal);
        foreach (var detail in ChildsDetails.Where(d => !d.Any(char.IsDigit)).Concat(DatesOfBirth))
        {
            Assert.DoesNotContain(detail, logged, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>The sample child's details as they could be written: name, other names, date of birth in several formats, address, description, significant others.</summary>
    private static readonly string[] ChildsDetails =
    [
        "Jamie", "Collins", "JJ", "Smith", "2016", "14 May", "14/05", "05/14", "Example Road", "ST16", "Stafford ST", "Sam Collins", "Mother",
        "unresponsive", "neglect", "Two referrals",
    ];

    /// <summary>The child's date of birth written in full (logs are full of ids, where a bare "2016" can occur by chance).</summary>
    private static readonly string[] DatesOfBirth = ["14 May 2016", "14/05/2016", "05/14/2016", "2016-05-14", "20160514", "14.05.2016"];

    [Fact]
    public async Task ADraftSurvivesARestartOfTheBotInTheMiddleOfTheForm()
    {
        var alex = await playground.AsAsync("Alex Wilber");
        var form = await OpenFormAsync(alex);
        var answers = ReferralSamples.Answers();
        form = await NextAsync(alex, form, "Next", answers[FormSection.Referrer], "Section 2 of 6");
        form = await NextAsync(alex, form, "Next", answers[FormSection.Child], "Section 3 of 6");

        // A second bot host, started afresh on the same storage, answers Alex's next "refer" in the same chat.
        await using var restarted = new BotFactory(new Dictionary<string, string?>
        {
            ["Storage__TablesConnectionString"] = playground.Azurite.ConnectionString,
            ["Directory__Path"] = ReferralSamples.LocalDirectoryPath,
        });
        var chat = await playground.BotServices.GetRequiredService<IConversationReferences>().FindPersonalAsync(alex.Person.AadObjectId, default);
        using var response = await restarted.PostActivityAsync(Said(alex, chat!.ServiceUrl, "refer"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        PlaygroundMessage prompt;
        try
        {
            prompt = await alex.WaitForCardInPersonalChatAsync(m => m.CardText.Contains("New referral · You have a draft", StringComparison.Ordinal));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(string.Join("\n", restarted.Logs.Lines.Select(l => l.Message)), e);
        }
        Assert.Contains("Section 3 of 6 · The incident", prompt.CardText, StringComparison.Ordinal);
        Assert.Contains("Jamie Collins", prompt.CardText, StringComparison.Ordinal);

        var carriedOn = await alex.PressAsync(prompt, "Carry on with the draft");
        Assert.Contains("Section 3 of 6 · The incident", Heading(carriedOn!.Card!), StringComparison.Ordinal);
        var back = await alex.PressAsync(Current(alex, prompt), "Back");
        Assert.Equal("Jamie Collins", Value(back!.Card!, FormFields.ChildName));

        var discarded = await PressConfirmedAsync(alex, Current(alex, prompt), "Yes, discard the draft");
        Assert.Contains("Draft discarded", Heading(discarded.Card!), StringComparison.Ordinal);
        _ = form;
    }

    [Fact]
    public async Task CaseByAPersonWithNoRoleOnItGetsExactlyTheAnswerForACaseThatDoesNotExist()
    {
        await BoardReadyAsync();
        var alex = await playground.AsAsync("Alex Wilber");
        var (reference, _) = await ReferAsync(alex, ReferralSamples.Answers(), correctAnErrorOnTheWay: false);
        var lynne = await playground.AsAsync("Lynne Robbins");

        var existing = await AskAsync(lynne, $"case {reference}");
        var missing = await AskAsync(lynne, "case SCR-2026-9999");
        var nonsense = await AskAsync(lynne, "case 42");

        Assert.Equal(CaseStatusService.NotFound, existing.Text);
        Assert.Equal(missing.Text, existing.Text);
        Assert.Equal(missing.Text, nonsense.Text);
        Assert.Null(existing.Card);

        // A bare reference is read as "case <reference>".
        var megan = await playground.AsAsync("Megan Bowen");
        await megan.SayInPersonalChatAsync(reference);
        var status = await megan.WaitForCardInPersonalChatAsync(m => m.CardText.Contains($"{reference} · Triage by the Board Manager", StringComparison.Ordinal));
        Assert.Contains("Jamie Collins", status.CardText, StringComparison.Ordinal);
        Assert.Contains("Open obligations", status.CardText, StringComparison.Ordinal);
    }

    public static TheoryData<string> WorkedExamples() => ["death-with-suspected-neglect", "serious-harm-with-concerns", "serious-harm-no-concerns", "looked-after-death-no-abuse"];

    [Theory]
    [MemberData(nameof(WorkedExamples))]
    public async Task TheAcknowledgementGivesTheDomainsVerdictForTheWorkedExamples(string example)
    {
        await BoardReadyAsync();
        var alex = await playground.AsAsync("Alex Wilber");
        var answers = ReferralJourneyTests.WorkedExampleAnswers(example);

        var (reference, acknowledgement) = await ReferAsync(alex, answers, correctAnErrorOnTheWay: false);

        var stored = await playground.BotServices.GetRequiredService<CaseStore>().LoadAsync(Staffordshire, CaseReference.Parse(reference));
        var advice = CriteriaAssessment.Assess(stored!.State.Form!);
        Assert.Contains(ScrBot.Bot.Cards.Words.Of(advice.SeriousCaseReview), acknowledgement, StringComparison.Ordinal);
        Assert.Contains(ScrBot.Bot.Cards.Words.Notifiable(advice.NotifiableIncident), acknowledgement, StringComparison.Ordinal);
        Assert.All(advice.SeriousCaseReviewReasons, r => Assert.Contains(r, acknowledgement, StringComparison.Ordinal));

        var expected = example switch
        {
            "death-with-suspected-neglect" or "serious-harm-with-concerns" => "SCR criteria met",
            _ => "SCR criteria not met",
        };
        Assert.Contains(expected, acknowledgement, StringComparison.Ordinal);
        Assert.Contains("A notifiable serious child care incident", acknowledgement, StringComparison.Ordinal);
        if (example == "looked-after-death-no-abuse")
        {
            Assert.Contains("A looked-after child has died, which is notifiable whether or not abuse or neglect is known or suspected.", acknowledgement, StringComparison.Ordinal);
        }
    }

    /// <summary>The Board Manager and both Chairs have ScrBot in their personal chats, and it is in the board's team channel.</summary>
    private async Task<(PlaygroundSession Megan, PlaygroundSession Adele, PlaygroundSession Isaiah)> BoardReadyAsync()
    {
        var references = playground.BotServices.GetRequiredService<IConversationReferences>();
        var people = new List<PlaygroundSession>();
        foreach (var name in new[] { "Megan Bowen", "Adele Vance", "Isaiah Langer" })
        {
            var session = await playground.AsAsync(name);
            if (await references.FindPersonalAsync(session.Person.AadObjectId, default) is null)
            {
                await session.InstallInPersonalChatAsync();
                await playground.WaitUntilAsync(async () => await references.FindPersonalAsync(session.Person.AadObjectId, default) is not null, $"{name}'s personal chat");
            }

            people.Add(session);
        }

        if (await references.FindChannelAsync(playground.Tenant.ChannelId, default) is null)
        {
            await people[0].InstallInTeamAsync(playground.Tenant.ChannelId);
            await playground.WaitUntilAsync(async () => await references.FindChannelAsync(playground.Tenant.ChannelId, default) is not null, "the board's channel");
        }

        return (people[0], people[1], people[2]);
    }

    /// <summary>Types <c>refer</c>, fills every section (with one error corrected on the way if asked), reviews and sends.</summary>
    private static async Task<(string Reference, string Acknowledgement)> ReferAsync(
        PlaygroundSession referrer, Dictionary<FormSection, Dictionary<string, string>> answers, bool correctAnErrorOnTheWay)
    {
        var form = await OpenFormAsync(referrer);
        form = await NextAsync(referrer, form, "Next", answers[FormSection.Referrer], "Section 2 of 6 · The child");
        if (correctAnErrorOnTheWay)
        {
            var wrong = new Dictionary<string, string>(answers[FormSection.Child]) { [FormFields.ChildDateOfBirth] = "2030-01-04" };
            form = await NextAsync(referrer, form, "Next", wrong, "Section 2 of 6 · The child");
            Assert.Contains("Date of birth is in the future.", form.CardText, StringComparison.Ordinal);
            Assert.Equal("2030-01-04", Value(form.Card!, FormFields.ChildDateOfBirth));
        }

        form = await NextAsync(referrer, form, "Next", answers[FormSection.Child], "Section 3 of 6 · The incident");
        form = await NextAsync(referrer, form, "Next", answers[FormSection.Incident], "Section 4 of 6 · Significant others");
        form = await NextAsync(referrer, form, "Next", answers[FormSection.SignificantOthers], "Section 5 of 6 · Agencies and boards involved");
        form = await NextAsync(referrer, form, "Next", answers[FormSection.AgenciesAndBoards], "Section 6 of 6 · Parallel processes");
        form = await NextAsync(referrer, form, "Review", answers[FormSection.ParallelProcesses], "New referral · Check your answers");

        var sent = await referrer.PressAsync(form, "Send referral") ?? throw new InvalidOperationException("Send gave no answer.");
        var heading = Heading(sent.Card!);
        Assert.EndsWith(" · Referral received", heading, StringComparison.Ordinal);
        var reference = heading[..heading.IndexOf(' ', StringComparison.Ordinal)];
        Assert.True(CaseReference.TryParse(reference, out _), reference);
        return (reference, Current(referrer, form).CardText);
    }

    private static async Task<PlaygroundMessage> OpenFormAsync(PlaygroundSession referrer)
    {
        var before = referrer.PersonalChat.Select(m => m.MessageId).ToHashSet();
        await referrer.SayInPersonalChatAsync("refer");
        var card = await referrer.WaitForCardInPersonalChatAsync(m => !before.Contains(m.MessageId) && m.CardText.Contains("New referral ·", StringComparison.Ordinal));
        if (card.CardText.Contains("You have a draft", StringComparison.Ordinal))
        {
            await PressConfirmedAsync(referrer, card, "Yes, discard the draft");
            before = referrer.PersonalChat.Select(m => m.MessageId).ToHashSet();
            await referrer.SayInPersonalChatAsync("refer");
            card = await referrer.WaitForCardInPersonalChatAsync(m => !before.Contains(m.MessageId) && m.CardText.Contains("Section 1 of 6", StringComparison.Ordinal));
        }

        Assert.Contains("Section 1 of 6 · About you and your agency", card.CardText, StringComparison.Ordinal);
        return card;
    }

    /// <summary>Presses a button of the form with the section's answers; the card is replaced in place by the next one.</summary>
    private static async Task<PlaygroundMessage> NextAsync(PlaygroundSession referrer, PlaygroundMessage form, string button, Dictionary<string, string> answers, string expected)
    {
        var inputs = new JsonObject();
        foreach (var (id, value) in answers)
        {
            inputs[id] = value;
        }

        var answer = await referrer.PressAsync(form, button, inputs) ?? throw new InvalidOperationException("The form gave no answer.");
        Assert.True(answer.Card is not null, answer.Message);
        Assert.Contains(expected, Heading(answer.Card), StringComparison.Ordinal);
        return Current(referrer, form);
    }

    /// <summary>Opens a button's confirmation (Action.ShowCard) and presses the button inside it.</summary>
    private static async Task<InvokeAnswer> PressConfirmedAsync(PlaygroundSession person, PlaygroundMessage message, string title)
    {
        var action = Nodes(message.Card!).Single(n => n["type"]?.GetValue<string>() == "Action.Execute" && n["title"]?.GetValue<string>() == title);
        return await person.ExecuteAsync(message, action["verb"]!.GetValue<string>(), (JsonObject?)action["data"]?.DeepClone());
    }

    private static IEnumerable<JsonObject> Nodes(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Nodes(p.Value))),
        JsonArray a => a.SelectMany(Nodes),
        _ => [],
    };

    private static async Task<PlaygroundMessage> AskAsync(PlaygroundSession person, string text)
    {
        var before = person.PersonalChat.Select(m => m.MessageId).ToHashSet();
        await person.SayInPersonalChatAsync(text);
        return await person.WaitForAsync(person.PersonalChatId, m => !before.Contains(m.MessageId) && m.FromId != person.Person.Id);
    }

    private static PlaygroundMessage Current(PlaygroundSession session, PlaygroundMessage message) =>
        session.PersonalChat.Single(m => m.MessageId == message.MessageId);

    /// <summary>A message from this person in their personal chat, as their Playground sends it.</summary>
    private static JsonObject Said(PlaygroundSession person, Uri serviceUrl, string text)
    {
        var activity = Activities.Message(serviceUrl.AbsoluteUri, text, person.PersonalChatId);
        activity["from"] = new JsonObject { ["id"] = person.Person.Id, ["name"] = person.Person.Name, ["aadObjectId"] = person.Person.AadObjectId };
        activity["recipient"] = new JsonObject { ["id"] = "28:scrbot-local", ["name"] = "ScrBot" };
        return activity;
    }

    private static string Heading(JsonObject card) => JourneyHarness.Heading(card);

    private static string? Value(JsonObject card, string id) => JourneyHarness.Value(card, id);
}
