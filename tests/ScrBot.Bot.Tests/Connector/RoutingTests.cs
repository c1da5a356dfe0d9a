using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ScrBot.Bot.Connector;
using ScrBot.Bot.Hosting;
using ScrBot.Bot.Routing;
using ScrBot.Bot.Tests.Infrastructure;

namespace ScrBot.Bot.Tests.Connector;

/// <summary>Each activity leads to one handler; anything else gets a plain-English answer, never a server error.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RoutingTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private LocalBot _bot = null!;

    public async Task InitializeAsync() => _bot = await LocalBot.StartAsync(azurite);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private async Task<FakeBotConnector.Received> SentTo(JsonObject activity) =>
        await _bot.Connector.WaitForAsync(r => r.ConversationId == activity["conversation"]!["id"]!.GetValue<string>());

    [Fact]
    public async Task HelpIsAnsweredWithTheHelpCardListingCommandsAndButtons()
    {
        var help = Activities.Message(_bot.ServiceUrl, "help");

        Assert.Equal(HttpStatusCode.OK, (await _bot.PostAsync(help)).StatusCode);

        var sent = await SentTo(help);
        var card = sent.Card!;
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        var buttons = card["actions"]!.AsArray().Select(a => (a!["title"]!.GetValue<string>(), a["verb"]!.GetValue<string>())).ToList();
        Assert.Equal(("New referral", "referral.start"), buttons[0]);
        Assert.Contains(("Case status", "case.status"), buttons);
        var commands = card["body"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "FactSet")!["facts"]!.AsArray().Select(f => f!["title"]!.GetValue<string>());
        Assert.Superset(new HashSet<string> { "help", "refer", "case", "ping" }, commands.ToHashSet());
        Assert.All(card["body"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == "TextBlock"), b => Assert.True(b!["wrap"]!.GetValue<bool>()));
        Assert.True(sent.Body!.ToJsonString().Length * 2 < 40 * 1024);
        Assert.Equal(Activities.UserId, sent.Body!["recipient"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheHelpCardIsValidForTheOfficialAdaptiveCardsParser()
    {
        var catalogue = _bot.Bot.Services.GetRequiredService<HelpCatalogue>();

        var problems = await LocalBot.CardProblemsAsync(catalogue.Card(), catalogue.Card(Replies.Welcome));

        Assert.All(problems, Assert.Empty);
    }

    [Fact]
    public async Task AMentionOfTheBotInAChannelIsIgnoredWhenReadingTheCommand()
    {
        var help = Activities.Message(_bot.ServiceUrl, "<at>ScrBot</at>&nbsp;HELP ", "19:board@thread.tacv2;messageid=" + Activities.NewId(), ConversationTypes.Channel);

        await _bot.PostAsync(help);

        Assert.Equal("1.5", (await SentTo(help)).Card!["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task TextThatIsNoCommandIsAnsweredShortlyWithTheCommandsNotTheWholeHelpCard()
    {
        var chat = Activities.Message(_bot.ServiceUrl, "what now?");

        await _bot.PostAsync(chat);

        var sent = await SentTo(chat);
        Assert.Null(sent.Card);
        var text = sent.Body!["text"]!.GetValue<string>();
        Assert.StartsWith(Replies.NotUnderstood, text, StringComparison.Ordinal);
        foreach (var command in new[] { "help", "ping" })
        {
            Assert.Contains($"- **{command}**: ", text, StringComparison.Ordinal);
        }

        Assert.True(text.Length < 600, "a short answer");
    }

    [Fact]
    public async Task ATypedCommandReachesItsHandlerWithTheSendersIdentity()
    {
        await _bot.PostAsync(Activities.Message(_bot.ServiceUrl, "Ping please"));

        var turn = Assert.Single(_bot.Calls.Turns);
        Assert.Equal(Activities.UserAadObjectId, turn.UserAadObjectId);
        Assert.Equal("Alex Wilber", turn.UserName);
        Assert.Equal(ConversationTypes.Personal, turn.Conversation.ConversationType);
    }

    [Theory]
    [InlineData("test.replace", 200, AdaptiveCardInvokeResponse.CardType)]
    [InlineData("test.message", 200, AdaptiveCardInvokeResponse.MessageType)]
    [InlineData("test.refuse", 400, AdaptiveCardInvokeResponse.ErrorType)]
    public async Task ACardButtonIsAnsweredInTheHttpResponseInTheShapeTeamsExpects(string verb, int statusCode, string type)
    {
        var answer = await _bot.PostForJsonAsync(Activities.CardAction(_bot.ServiceUrl, verb));

        Assert.Equal(statusCode, answer["statusCode"]!.GetValue<int>());
        Assert.Equal(type, answer["type"]!.GetValue<string>());
        switch (type)
        {
            case AdaptiveCardInvokeResponse.CardType:
                Assert.Equal("Done by Alex Wilber", answer["value"]!["body"]![0]!["text"]!.GetValue<string>());
                break;
            case AdaptiveCardInvokeResponse.MessageType:
                Assert.Equal("Saved.", answer["value"]!.GetValue<string>());
                break;
            default:
                Assert.Equal("Only the Independent Chair can do that.", answer["value"]!["message"]!.GetValue<string>());
                break;
        }

        Assert.Empty(_bot.Connector.Requests);
    }

    [Fact]
    public async Task AnUnknownButtonGetsAPlainEnglishAnswerNotAServerError()
    {
        var response = await _bot.PostAsync(Activities.CardAction(_bot.ServiceUrl, "nonsense.verb"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(400, answer["statusCode"]!.GetValue<int>());
        Assert.Equal(AdaptiveCardInvokeResponse.ErrorType, answer["type"]!.GetValue<string>());
        Assert.Equal(Replies.UnknownButton, answer["value"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task AHelpButtonWhoseFeatureIsNotInstalledSaysSoByName()
    {
        await using var bot = await LocalBot.StartAsync(azurite, s => s.AddHelpEntry(new HelpEntry("Action plan", "Report progress on an action", Verb: "actionplan.open")));

        var answer = await bot.PostForJsonAsync(Activities.CardAction(bot.ServiceUrl, "actionplan.open"));

        Assert.Equal("Action plan isn't available yet. Please ask the board's business office.", answer["value"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task AHandlerThatFailsGetsTheUserAnApologyNotAServerError()
    {
        var answer = await _bot.PostForJsonAsync(Activities.CardAction(_bot.ServiceUrl, "test.crash"));

        Assert.Equal(Replies.SomethingWentWrong, answer["value"]!["message"]!.GetValue<string>());
    }

    public static TheoryData<string> MalformedActionValues => new()
    {
        """{"action": {"type": "Action.Execute"}}""",
        """{"action": {"type": "Action.Execute", "verb": 42}}""",
        """{"action": {"type": "Action.Execute", "verb": "test.message", "data": 7}}""",
        """{"nothing": "here"}""",
        "\"just text\"",
    };

    [Theory]
    [MemberData(nameof(MalformedActionValues))]
    public async Task AMalformedCardActionGetsAPlainEnglishAnswer(string value)
    {
        var invoke = Activities.CardAction(_bot.ServiceUrl, "test.message");
        invoke["value"] = JsonNode.Parse(value);

        var answer = await _bot.PostForJsonAsync(invoke);

        Assert.Equal(400, answer["statusCode"]!.GetValue<int>());
        Assert.Equal(Replies.UnreadableButton, answer["value"]!["message"]!.GetValue<string>());
        Assert.Equal(0, _bot.Calls.Count);
    }

    [Fact]
    public async Task ASubmittedCardIsReplacedInPlace()
    {
        var submit = Activities.Message(_bot.ServiceUrl, "");
        submit.Remove("text");
        submit["replyToId"] = "card-7";
        submit["value"] = new JsonObject { ["verb"] = "test.replace", ["reason"] = "typed in the card" };

        await _bot.PostAsync(submit);

        var update = await SentTo(submit);
        Assert.Equal(("PUT", "card-7"), (update.Method, update.ActivityId));
        Assert.Equal("typed in the card", Assert.Single(_bot.Calls.Turns).Activity.Value!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task ASubmitWithoutAVerbGetsAPlainEnglishReply()
    {
        var submit = Activities.Message(_bot.ServiceUrl, "");
        submit["value"] = new JsonObject { ["decision"] = "uphold" };

        await _bot.PostAsync(submit);

        Assert.Equal(Replies.UnreadableButton, (await SentTo(submit)).Text);
        Assert.Equal(0, _bot.Calls.Count);
    }

    [Theory]
    [InlineData("typing")]
    [InlineData("messageReaction")]
    [InlineData("event")]
    [InlineData("endOfConversation")]
    [InlineData("somethingNew")]
    public async Task AnActivityTypeTheBotDoesNotHandleIsAnsweredPlainly(string type)
    {
        var activity = Activities.Message(_bot.ServiceUrl, "");
        activity["type"] = type;

        var answer = await _bot.PostForJsonAsync(activity);

        Assert.Equal($"ScrBot does not act on '{type}' activities.", answer["message"]!.GetValue<string>());
        Assert.Empty(_bot.Connector.Requests);
    }

    [Fact]
    public async Task AnInvokeTheBotDoesNotHandleIsAnsweredPlainly()
    {
        var invoke = Activities.CardAction(_bot.ServiceUrl, "test.message");
        invoke["name"] = "composeExtension/query";

        var answer = await _bot.PostForJsonAsync(invoke);

        Assert.Equal("ScrBot does not handle 'composeExtension/query' requests.", answer["value"]!["message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("this is not JSON")]
    [InlineData("{}")]
    [InlineData("[1, 2, 3]")]
    [InlineData("")]
    public async Task ABodyThatIsNotAnActivityGetsAPlainEnglish400(string body)
    {
        using var client = _bot.Bot.CreateClient();

        var response = await client.PostAsync("/api/messages", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(Replies.NotAnActivity, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMessageWithNoTextAndNoValueIsAnsweredPlainly()
    {
        var picture = Activities.Message(_bot.ServiceUrl, "");
        picture.Remove("text");

        await _bot.PostAsync(picture);

        Assert.Equal(Replies.NothingToRead, (await SentTo(picture)).Text);
    }

    [Fact]
    public async Task LogsNameActivitiesAndVerbsButNeverWhatPeopleTypedOrEntered()
    {
        await _bot.PostAsync(Activities.Message(_bot.ServiceUrl, "ping Jane Example born 01/05/2019"));
        await _bot.PostAsync(Activities.CardAction(_bot.ServiceUrl, "test.message", new JsonObject { ["childName"] = "Jane Example" }));

        var lines = _bot.Bot.Logs.Lines;
        Assert.Contains(lines, l => l.Message.Contains("test.message", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Message.Contains("Command ping", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Message.Contains("Jane", StringComparison.Ordinal) || l.Message.Contains("2019", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheHealthEndpointAnswers()
    {
        using var client = _bot.Bot.CreateClient();

        var health = JsonNode.Parse(await client.GetStringAsync("/health"))!;

        Assert.Equal("healthy", health["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/", "Serious Case Review")]
    [InlineData("/privacy", "shown only to people with a role on the case")]
    [InlineData("/terms", "need-to-know basis")]
    public async Task ThePagesTheTeamsAppPackageLinksToAreServed(string path, string words)
    {
        using var client = _bot.Bot.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(words, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoHandlersClaimingOneCommandStopStartUp()
    {
        await using var bot = new BotFactory(BotFactory.LocalSettings(azurite.ConnectionString), s =>
        {
            s.AddSingleton(new HandlerCalls());
            s.AddCommand<PingCommand>();
            s.AddCommand<PingCommand>();
        });

        Assert.ThrowsAny<Exception>(() => bot.CreateClient());
        Assert.Contains(bot.Logs.Lines, l => l.Message.Contains("Two handlers claim the command 'ping'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("referral.", "referral.start", true)]
    [InlineData("referral.", "referral.", false)]
    [InlineData("referral.", "referrals.start", false)]
    [InlineData("case", "case", true)]
    [InlineData("case", "case.status", true)]
    [InlineData("case", "casework", false)]
    public void AVerbPrefixClaimsTheVerbsBelowIt(string prefix, string verb, bool claimed) =>
        Assert.Equal(claimed, ActivityRouter.Claims(prefix, verb));
}

/// <summary>The help card's "Case status" button, through the real host.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CaseStatusButtonTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private LocalBot _bot = null!;

    public async Task InitializeAsync() => _bot = await LocalBot.StartAsync(azurite);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task CaseStatusAsksForTheReferenceWithALabelledBox()
    {
        var answer = await _bot.PostForJsonAsync(Activities.CardAction(_bot.ServiceUrl, "case.status"));

        var card = answer["value"]!.AsObject();
        var input = card["body"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "Input.Text")!;
        Assert.Equal("Case reference", input["label"]!.GetValue<string>());
        Assert.Equal("case.show", card["actions"]![0]!["verb"]!.GetValue<string>());
    }

    [Fact]
    public async Task AMistypedReferenceIsShownBesideTheBoxWithWhatWasTypedKept()
    {
        var answer = await _bot.PostForJsonAsync(Activities.CardAction(_bot.ServiceUrl, "case.show", new JsonObject { ["reference"] = "SCR-26-7" }));

        var body = answer["value"]!["body"]!.AsArray();
        Assert.Equal("SCR-26-7", body.Single(b => b!["type"]!.GetValue<string>() == "Input.Text")!["value"]!.GetValue<string>());
        Assert.Contains(body, b => b!["text"]?.GetValue<string>() == "'SCR-26-7' is not a case reference. A reference looks like SCR-2026-0007.");
    }

    [Fact]
    public async Task AReferenceNobodyHasIsAnsweredWithTheSameWordsAsTypingCase()
    {
        var answer = await _bot.PostForJsonAsync(Activities.CardAction(_bot.ServiceUrl, "case.show", new JsonObject { ["reference"] = "SCR-2026-0099" }));

        Assert.Equal(ScrBot.Bot.Referral.CaseStatusService.NotFound, answer["value"]!.GetValue<string>());
    }
}
