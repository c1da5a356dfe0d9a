using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ScrBot.Bot.Cards;
using ScrBot.Bot.Connector;
using ScrBot.Bot.Tests.Infrastructure;

namespace ScrBot.Bot.Tests.Connector;

/// <summary>
/// The one sender against a stand-in Bot Connector that answers as the swagger describes and refuses with 429 what
/// breaks Teams' limits ("Optimize your bot with rate limiting", learn.microsoft.com).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SenderTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Start = new(2027, 3, 12, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task FiveHundredMessagesToFiftyConversationsArriveOnceEachInOrderWithinTeamsLimits()
    {
        var time = new FakeTimeProvider(Start);
        await using var harness = await SenderHarness.StartAsync(azurite, time);
        var conversations = Enumerable.Range(0, 50).Select(_ => SenderHarness.NewConversationId()).ToList();
        var sends = new List<Task<SendResult>>();
        for (var message = 0; message < 10; message++)
        {
            foreach (var conversation in conversations)
            {
                sends.Add(harness.Sender.SendAsync(harness.Conversation(conversation), Activity.Message($"{conversation}|{message}")));
            }
        }

        var results = await SenderHarness.AdvanceUntilAsync(time, Task.WhenAll(sends), TimeSpan.FromMilliseconds(50));

        Assert.All(results, r => Assert.True(r.Delivered, r.Problem));
        Assert.Empty(harness.Connector.Violations);
        var arrived = harness.Connector.Requests;
        Assert.Equal(500, arrived.Count);
        Assert.True(arrived.Max(r => r.At) - arrived.Min(r => r.At) >= TimeSpan.FromSeconds(9), "At 50 a second, 500 requests take at least 9 seconds");
        Assert.All(arrived, r => Assert.Equal(201, r.Status));
        Assert.Equal(500, arrived.Select(r => r.Text).Distinct().Count());
        foreach (var conversation in conversations)
        {
            var order = arrived.Where(r => r.ConversationId == conversation).Select(r => int.Parse(r.Text!.Split('|')[1])).ToList();
            Assert.Equal(Enumerable.Range(0, 10), order);
        }
    }

    [Fact]
    public async Task MessagesToOneConversationNeverBreakItsLimits()
    {
        var time = new FakeTimeProvider(Start);
        await using var harness = await SenderHarness.StartAsync(azurite, time);
        harness.Connector.EnforceLimits = false;
        var to = harness.Conversation(SenderHarness.NewConversationId());

        var all = Task.WhenAll(Enumerable.Range(0, 70).Select(i => harness.Sender.SendAsync(to, Activity.Message("m" + i))));
        await SenderHarness.AdvanceUntilAsync(time, all, TimeSpan.FromMilliseconds(100));

        var times = harness.Connector.Requests.Select(r => r.At).Order().ToList();
        Assert.Equal(70, times.Count);
        foreach (var limit in FakeBotConnector.ConversationSendLimits)
        {
            foreach (var t in times)
            {
                Assert.True(times.Count(o => o >= t && o < t + limit.Window) <= limit.Count, $"More than {limit.Count} in {limit.Window} from {t:HH:mm:ss.fff}");
            }
        }

        Assert.True(times[^1] - times[0] >= TimeSpan.FromSeconds(30), "The 61st message waits for the 30-second window");
    }

    [Fact]
    public void TheSenderKeepsToTeamsPublishedLimits()
    {
        Assert.Equal(FakeBotConnector.ConversationSendLimits, TeamsLimits.ConversationSends);
        Assert.Equal(FakeBotConnector.MemberReadLimits, TeamsLimits.ConversationMemberReads);
        Assert.Equal([new RateLimit(50, TimeSpan.FromSeconds(1))], TeamsLimits.App(Hosting.BotSettings.DefaultAppRateLimitPerSecond));
    }

    [Fact]
    public async Task ARetryWaitsAtLeastAsLongAsTeamsSaysInRetryAfter()
    {
        var time = new FakeTimeProvider(Start);
        await using var harness = await SenderHarness.StartAsync(azurite, time, new SenderOptions { Jitter = () => 0 });
        var first = true;
        harness.Connector.Script = _ =>
        {
            if (!first)
            {
                return null;
            }

            first = false;
            return (429, 7);
        };

        var result = await SenderHarness.AdvanceUntilAsync(time, harness.Sender.SendAsync(harness.Conversation(SenderHarness.NewConversationId()), Activity.Message("hello")), TimeSpan.FromMilliseconds(100));

        Assert.True(result.Delivered);
        var requests = harness.Connector.Requests;
        Assert.Equal([429, 201], requests.Select(r => r.Status));
        var waited = requests[1].At - requests[0].At;
        Assert.InRange(waited, TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7.5));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(412)]
    [InlineData(502)]
    [InlineData(504)]
    public async Task ATransientRefusalIsRetriedUntilTheMessageGetsThrough(int status)
    {
        var time = new FakeTimeProvider(Start);
        await using var harness = await SenderHarness.StartAsync(azurite, time, new SenderOptions { Jitter = () => 0 });
        var refusals = 3;
        harness.Connector.Script = _ => refusals-- > 0 ? (status, null) : null;

        var result = await SenderHarness.AdvanceUntilAsync(time, harness.Sender.SendAsync(harness.Conversation(SenderHarness.NewConversationId()), Activity.Message("hello")));

        Assert.True(result.Delivered);
        var requests = harness.Connector.Requests;
        Assert.Equal([status, status, status, 201], requests.Select(r => r.Status));
        var gaps = requests.Zip(requests.Skip(1), (a, b) => b.At - a.At).ToList();
        Assert.True(gaps[0] >= TimeSpan.FromSeconds(0.5) && gaps[1] >= TimeSpan.FromSeconds(1) && gaps[2] >= TimeSpan.FromSeconds(2), "Backoff doubles");
    }

    [Fact]
    public void BackoffIsJitteredExponentialAndHonoursRetryAfter()
    {
        var low = new BotSenderProbe(() => 0).Sender;
        var high = new BotSenderProbe(() => 0.999).Sender;

        Assert.Equal(TimeSpan.FromSeconds(0.5), low.Backoff(1, TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromSeconds(2), low.Backoff(3, TimeSpan.Zero));
        Assert.True(high.Backoff(3, TimeSpan.Zero) is var h && h > TimeSpan.FromSeconds(3.9) && h < TimeSpan.FromSeconds(4));
        Assert.Equal(TimeSpan.FromSeconds(15), low.Backoff(30, TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromSeconds(10), low.Backoff(1, TimeSpan.FromSeconds(10)));
        Assert.InRange(high.Backoff(1, TimeSpan.FromSeconds(10)), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(12));
    }

    [Fact]
    public async Task AMessageRefusedOutrightIsKeptAsUndeliveredWithoutItsContentAndReported()
    {
        await using var harness = await SenderHarness.StartAsync(azurite);
        harness.Connector.Script = _ => (403, null);
        var conversation = SenderHarness.NewConversationId();

        var result = await harness.Sender.SendAsync(
            harness.Conversation(conversation), Activity.Card(SenderHarness.SmallCard("Child: Jane Example, born 1 May 2019")), new SendOptions("outbox-42"));

        Assert.False(result.Delivered);
        Assert.Single(harness.Connector.Requests);
        var kept = Assert.Single(await harness.Undelivered.ListAsync(null, default), u => u.ConversationId == conversation);
        Assert.Equal("send", kept.Operation);
        Assert.Equal("message", kept.ActivityType);
        Assert.Equal("outbox-42", kept.ResendKey);
        Assert.Contains("403", kept.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("Jane", kept.ToString(), StringComparison.Ordinal);
        Assert.Contains(harness.Logs.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains(conversation, StringComparison.Ordinal));
        Assert.DoesNotContain(harness.Logs.Lines, l => l.Message.Contains("Jane", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMessageStillRefusedAfterEveryRetryIsKeptAsUndelivered()
    {
        await using var harness = await SenderHarness.StartAsync(azurite, options: new SenderOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(1) });
        harness.Connector.Script = _ => (502, null);
        var conversation = SenderHarness.NewConversationId();

        var result = await harness.Sender.SendAsync(harness.Conversation(conversation), Activity.Message("hello"));

        Assert.False(result.Delivered);
        Assert.Equal(3, harness.Connector.Requests.Count);
        var kept = Assert.Single(await harness.Undelivered.ListAsync(Start.AddYears(-10), default), u => u.ConversationId == conversation);
        Assert.Equal(3, kept.Attempts);
        Assert.Contains("502", kept.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOperatorCanListUndeliveredMessagesFromTheCommandLine()
    {
        await using var harness = await SenderHarness.StartAsync(azurite);
        harness.Connector.Script = _ => (404, null);
        var conversation = SenderHarness.NewConversationId();
        await harness.Sender.SendAsync(harness.Conversation(conversation), Activity.Message("hello"), new SendOptions("nudge-D3-SCR-2027-0003"));

        var (exitCode, output, errors) = await BotProcess.RunAsync(
            new Dictionary<string, string> { ["Storage__TablesConnectionString"] = azurite.ConnectionString }, "list-undelivered", "--since", "2000-01-01");

        Assert.True(exitCode == 0, errors);
        var line = Assert.Single(output.Split('\n'), l => l.Contains(conversation, StringComparison.Ordinal));
        Assert.Contains("nudge-D3-SCR-2027-0003", line, StringComparison.Ordinal);
        Assert.Contains("404", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMessageOverTeamsLimitThatHasNoLongTextToShortenIsNotSentButKeptAsUndelivered()
    {
        await using var harness = await SenderHarness.StartAsync(azurite);
        var conversation = SenderHarness.NewConversationId();
        var card = SenderHarness.SmallCard("many short lines");
        for (var i = 0; i < 2500; i++)
        {
            card["body"]!.AsArray().Add(new JsonObject { ["type"] = "TextBlock", ["text"] = "line " + i, ["wrap"] = true });
        }

        var result = await harness.Sender.SendAsync(harness.Conversation(conversation), Activity.Card(card));

        Assert.False(result.Delivered);
        Assert.Empty(harness.Connector.Requests);
        var kept = Assert.Single(await harness.Undelivered.ListAsync(null, default), u => u.ConversationId == conversation);
        Assert.Contains("100 KB", kept.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACardOverTheBudgetIsSentWithItsLongTextsShortenedToFitAndItsButtonsKept()
    {
        await using var harness = await SenderHarness.StartAsync(azurite);
        var card = SenderHarness.SmallCard("The incident: " + new string('x', 150_000));
        card["actions"] = new JsonArray(new JsonObject { ["type"] = "Action.Execute", ["title"] = "Next", ["verb"] = "referral.next", ["data"] = new JsonObject { ["draftId"] = "d1" } });

        var result = await harness.Sender.SendAsync(harness.Conversation(SenderHarness.NewConversationId()), Activity.Card(card));

        Assert.True(result.Delivered, result.Problem);
        var sent = Assert.Single(harness.Connector.Requests);
        Assert.InRange(sent.Body!.ToJsonString().Length * 2, 1, CardBudget.MaxPayloadBytes);
        var text = sent.Card!["body"]![0]!["text"]!.GetValue<string>();
        Assert.StartsWith("The incident: xxx", text, StringComparison.Ordinal);
        Assert.EndsWith("…", text, StringComparison.Ordinal);
        Assert.Equal("d1", sent.Card!["actions"]![0]!["data"]!["draftId"]!.GetValue<string>());
    }

    [Fact]
    public async Task WelshPolishAndUrduTextIsSentAsItIsAndCountedAtItsRealSizeAgainstTheMessageLimit()
    {
        await using var harness = await SenderHarness.StartAsync(azurite);
        const string words = "Bwrdd Diogelu Plant Caerdydd – Ŵyr a'i ŷd · Łódzka Rada Ochrony Dzieci – żółć · بچوں کے تحفظ کا بورڈ · Children's Services ";
        var text = string.Concat(Enumerable.Repeat(words, 18_000 / words.Length));
        var activity = Activity.Card(SenderHarness.SmallCard(text));

        var written = BotJson.Serialize(activity);
        var result = await harness.Sender.SendAsync(harness.Conversation(SenderHarness.NewConversationId()), activity);

        Assert.Contains(words, written, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", written, StringComparison.Ordinal);
        Assert.InRange(BotJson.Utf16Size(activity), text.Length * 2, text.Length * 2 + 1024);
        Assert.True(result.Delivered, result.Problem);
        Assert.Equal(text, Assert.Single(harness.Connector.Requests).Card!["body"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task RepliesUpdatesAndNewConversationsUseTheBotConnectorsRoutes()
    {
        await using var harness = await SenderHarness.StartAsync(azurite);
        var channel = new ConversationReference(harness.Connector.ServiceUrl, "19:board@thread.tacv2", Activities.TenantId, ConversationTypes.Channel, ChannelId: "19:board@thread.tacv2", TeamId: "19:board@thread.tacv2");
        var chat = harness.Conversation("a:1chat;with=odd/chars");
        var bot = new ChannelAccount { Id = Activities.BotId, Name = "ScrBot" };

        var reply = await harness.Sender.ReplyAsync(chat, "1700000000000", Activity.Message("a reply"));
        var update = await harness.Sender.UpdateAsync(chat, reply.ActivityId!, Activity.Message("an update"));
        var personal = await harness.Sender.CreatePersonalConversationAsync(harness.Connector.ServiceUrl, Activities.TenantId, bot, Activities.UserId);
        var thread = await harness.Sender.CreateChannelThreadAsync(channel, bot, Activity.Message("a new thread"));

        Assert.True(reply.Delivered && update.Delivered && personal.Created && thread.Created);
        var requests = harness.Connector.Requests;
        Assert.Equal(("POST", "/v3/conversations/a%3A1chat%3Bwith%3Dodd%2Fchars/activities/1700000000000"), (requests[0].Method, requests[0].RawTarget));
        Assert.Equal("a:1chat;with=odd/chars", requests[0].ConversationId);
        Assert.Equal("1700000000000", requests[0].Body!["replyToId"]!.GetValue<string>());
        Assert.Equal(("PUT", "update"), (requests[1].Method, requests[1].Operation));
        Assert.Equal("an update", requests[1].Text);
        Assert.Equal(("POST", "/v3/conversations"), (requests[2].Method, requests[2].Path));
        Assert.False(requests[2].Body!["isGroup"]!.GetValue<bool>());
        Assert.Equal(Activities.UserId, requests[2].Body!["members"]![0]!["id"]!.GetValue<string>());
        Assert.True(requests[3].Body!["isGroup"]!.GetValue<bool>());
        Assert.Equal("19:board@thread.tacv2", requests[3].Body!["channelData"]!["channel"]!["id"]!.GetValue<string>());
        Assert.StartsWith("19:board@thread.tacv2;messageid=", thread.ConversationId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MembersAreReadPageByPage()
    {
        await using var harness = await SenderHarness.StartAsync(azurite);
        harness.Connector.Members.AddRange(Enumerable.Range(0, 5).Select(i => new TeamsChannelAccount { Id = "29:user-" + i, Name = "User " + i, AadObjectId = Guid.NewGuid().ToString() }));
        var team = harness.Conversation("19:board@thread.tacv2");

        var first = await harness.Sender.GetMembersPageAsync(team, pageSize: 3);
        var second = await harness.Sender.GetMembersPageAsync(team, pageSize: 3, continuationToken: first.ContinuationToken);

        Assert.Equal(["29:user-0", "29:user-1", "29:user-2", "29:user-3", "29:user-4"], first.Members.Concat(second.Members).Select(m => m.Id));
        Assert.Null(second.ContinuationToken);
        Assert.Contains("pageSize=3", harness.Connector.Requests[0].Path, StringComparison.Ordinal);
        Assert.Contains("continuationToken=3", harness.Connector.Requests[1].Path, StringComparison.Ordinal);
    }

    /// <summary>A sender that is only asked for its backoff.</summary>
    private sealed class BotSenderProbe(Func<double> jitter)
    {
        public BotSender Sender { get; } = new(
            new ConnectorClient(new HttpClient(), new SenderHarness.NoToken()),
            new ConnectorRateLimiter(TimeProvider.System, 50, TimeSpan.Zero),
            new NoStore(),
            TimeProvider.System,
            new SenderOptions { Jitter = jitter, MaxDelay = TimeSpan.FromSeconds(30) },
            Microsoft.Extensions.Logging.Abstractions.NullLogger<BotSender>.Instance);

        private sealed class NoStore : IUndeliveredMessages
        {
            public Task RecordAsync(UndeliveredMessage message, CancellationToken cancellationToken) => Task.CompletedTask;

            public Task<IReadOnlyList<UndeliveredMessage>> ListAsync(DateTimeOffset? since, CancellationToken cancellationToken) =>
                Task.FromResult<IReadOnlyList<UndeliveredMessage>>([]);
        }
    }
}
