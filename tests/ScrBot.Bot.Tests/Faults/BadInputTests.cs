using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using ScrBot.Bot.Connector;
using ScrBot.Bot.Tests.Connector;
using ScrBot.Bot.Tests.Infrastructure;

namespace ScrBot.Bot.Tests.Faults;

/// <summary>
/// Bad input gets a clear answer, never a server error: the running host (/api/messages, Azurite, the stand-in Bot
/// Connector) is given activities and card values of many generated shapes — over-long ids, tampered draft ids,
/// lone UTF-16 surrogates, references no case can have, null members, foreign serviceUrls, values of the wrong
/// type — and afterwards nothing failed in its log, nothing was kept that should not be, and /health is fine.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class BadInputTests(AzuriteFixture azurite)
{
    private const string Lone = "\ud800";

    [Theory]
    [InlineData("conversation")]
    [InlineData("id")]
    [InlineData("aadObjectId")]
    public async Task AnOverLongIdIsAClear400NotAStorageFailure(string field)
    {
        await using var bot = await LocalBot.StartAsync(azurite);
        var help = Activities.Message(bot.ServiceUrl, "help");
        var huge = new string('x', 5000);
        switch (field)
        {
            case "conversation": help["conversation"]!["id"] = "a:" + huge; break;
            case "id": help["id"] = huge; break;
            default: help["from"]!["aadObjectId"] = huge; break;
        }

        var response = await bot.PostAsync(help);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("longer than", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(bot.Bot.Logs.Lines, l => l.Level >= LogLevel.Error);
        Assert.Empty(bot.Connector.Requests);
    }

    [Fact]
    public async Task MembersAddedWithANullMemberIsNoFailure()
    {
        await using var bot = await LocalBot.StartAsync(azurite);
        var update = Activities.Message(bot.ServiceUrl, "");
        update["type"] = "conversationUpdate";
        update["membersAdded"] = new JsonArray(null, new JsonObject { ["id"] = Activities.BotId });

        var response = await bot.PostAsync(update);

        Assert.True((int)response.StatusCode < 500, $"answered {(int)response.StatusCode}");
        Assert.DoesNotContain(bot.Bot.Logs.Lines, l => l.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task ACaseReferenceNoCaseCanHaveIsAnsweredAsNoSuchCase()
    {
        await using var bot = await LocalBot.StartAsync(azurite);
        var look = Activities.Message(bot.ServiceUrl, "case SCR-3000-0001");

        var response = await bot.PostAsync(look);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await bot.Connector.WaitForAsync(r => r.ConversationId == look["conversation"]!["id"]!.GetValue<string>());
        Assert.Contains("no case", answer.Text ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(bot.Bot.Logs.Lines, l => l.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task ALoneSurrogateInAFormAnswerIsKeptAsTheReplacementCharacter()
    {
        await using var bot = await LocalBot.StartAsync(azurite);
        var chat = "a:1" + Activities.NewId();
        var person = Guid.NewGuid().ToString();
        var draftId = await StartReferralAsync(bot, chat, person);

        var press = Press(bot, chat, person, "referral.next", new JsonObject { ["draftId"] = draftId, ["section"] = "1", ["referrerName"] = "Alex" + Lone + " Wilber" });
        var response = await bot.PostAsync(press);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(answer["statusCode"]!.GetValue<int>() < 500, answer.ToJsonString());
        Assert.DoesNotContain(bot.Bot.Logs.Lines, l => l.Level >= LogLevel.Error);
        await AssertStoredTextIsWellFormedAsync();
    }

    [Fact]
    public async Task ATamperedOverLongDraftIdIsToldTheFormIsClosed()
    {
        await using var bot = await LocalBot.StartAsync(azurite);
        var chat = "a:1" + Activities.NewId();
        var person = Guid.NewGuid().ToString();
        await StartReferralAsync(bot, chat, person);

        var response = await bot.PostAsync(Press(bot, chat, person, "referral.next", new JsonObject { ["draftId"] = new string('d', 5000), ["section"] = "1" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, answer["statusCode"]!.GetValue<int>());
        Assert.DoesNotContain(bot.Bot.Logs.Lines, l => l.Level >= LogLevel.Error);
    }

    /// <summary>
    /// Hundreds of activities generated from a seed: each a shape Teams or the Playground sends, then bent in one to
    /// three ways. The seed is printed in a failure so that a failing shape can be produced again.
    /// </summary>
    [Theory]
    [InlineData(20261130)]
    [InlineData(7)]
    public async Task GeneratedBadInputNeverGetsAServerErrorNorLogsAFailureNorKeepsWhatItShouldNot(int seed)
    {
        await using var bot = await LocalBot.StartAsync(azurite);
        var random = new Random(seed);
        var chat = "a:1" + Activities.NewId();
        var person = Guid.NewGuid().ToString();
        var draftId = await StartReferralAsync(bot, chat, person);

        var problems = new List<string>();
        for (var i = 0; i < 150; i++)
        {
            var activity = Generate(random, bot, chat, person, draftId);
            var json = activity.ToJsonString();
            var response = await bot.PostAsync(activity);
            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode >= 500)
            {
                problems.Add($"#{i} answered {(int)response.StatusCode}: {Cut(json)}");
            }
            else if (body.Length > 0 && JsonNode.Parse(body) is JsonObject answer && answer["statusCode"] is JsonValue code && code.GetValue<int>() >= 500)
            {
                problems.Add($"#{i} invoke answered {code}: {Cut(json)}");
            }
        }

        var failures = bot.Bot.Logs.Lines.Where(l => l.Level >= LogLevel.Error).Select(l => Cut(l.Message)).ToList();
        Assert.True(problems.Count == 0 && failures.Count == 0,
            $"seed {seed}:{Environment.NewLine}{string.Join(Environment.NewLine, problems.Concat(failures))}");

        using var client = bot.Bot.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        await AssertStoredTextIsWellFormedAsync();
        await AssertNoReferenceOutsideTheConnectorHostsAsync();
    }

    private static string Cut(string text) => text.Length > 300 ? text[..300] + "…" : text;

    private static readonly string[] Verbs =
    [
        "referral.start", "referral.next", "referral.back", "referral.add", "referral.review", "referral.submit",
        "referral.discard", "referral.resume", "case.status", "case.show", "case.", "referral.", "nonsense", "",
    ];

    private static readonly string[] Texts =
    [
        "help", "refer", "case", "case SCR-3000-0001", "case SCR-2026-0007", "case SCR-0000-0000", "case SCR-99999-1",
        "case SCR-\u0662\u0660\u0662\u0666-0001", "case " + Lone, "ping", "", "   ", "<at>ScrBot</at>", "\u0000\u0001",
    ];

    private static JsonObject Generate(Random random, LocalBot bot, string chat, string person, string draftId)
    {
        JsonObject activity = random.Next(6) switch
        {
            0 => Text(bot, chat, person, Pick(random, Texts) + (random.Next(4) == 0 ? new string('é', random.Next(1, 9000)) : "")),
            1 or 2 => Press(bot, chat, person, Pick(random, Verbs), CardData(random, draftId)),
            3 => Submit(bot, chat, person, Pick(random, Verbs), CardData(random, draftId)),
            4 => Members(bot, chat, person, random),
            _ => Other(bot, chat, person, random),
        };

        for (var bends = random.Next(0, 3); bends > 0; bends--)
        {
            Bend(random, activity);
        }

        return activity;
    }

    private static JsonObject CardData(Random random, string draftId)
    {
        var data = new JsonObject
        {
            ["draftId"] = random.Next(5) switch
            {
                0 => new string('d', random.Next(60, 6000)),
                1 => draftId + Lone,
                2 => null,
                3 => 42,
                _ => draftId,
            },
            ["section"] = random.Next(4) switch { 0 => "99", 1 => "-1", 2 => "x", _ => random.Next(1, 7).ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        foreach (var field in new[] { "referrerName", "childFirstName", "childDateOfBirth", "incidentDate", "caseReference", "goToSection", "person", "reference" })
        {
            if (random.Next(3) == 0)
            {
                data[field] = random.Next(6) switch
                {
                    0 => new string('a', random.Next(1, 20000)),
                    1 => "x" + Lone + "y",
                    2 => new JsonArray(1, 2),
                    3 => "SCR-3000-0001",
                    4 => "\udfff" + new string('\ud83d', 3),
                    _ => "2026-02-30",
                };
            }
        }

        return data;
    }

    private static void Bend(Random random, JsonObject activity)
    {
        switch (random.Next(12))
        {
            case 0: Part(activity, "conversation")["id"] = "a:" + new string('c', random.Next(300, 5000)); break;
            case 1: activity["id"] = new string('i', random.Next(300, 5000)); break;
            case 2: Part(activity, "from")["aadObjectId"] = new string('o', random.Next(300, 5000)); break;
            case 3: activity["serviceUrl"] = Pick(random, ["file:///etc/passwd", "https://attacker.example/", "not a url", "", "http://10.0.0.1/"]); break;
            case 4: activity["from"] = null; break;
            case 5: activity["conversation"] = new JsonObject(); break;
            case 6: activity["replyToId"] = new string('r', random.Next(300, 3000)); break;
            case 7: activity["text"] = Lone + "help"; break;
            case 8: activity["value"] = Pick<JsonNode?>(random, [new JsonArray(), JsonValue.Create(3), JsonValue.Create("x"), null]); break;
            case 9: Part(activity, "from")["aadObjectId"] = Lone; break;
            case 10: activity["recipient"] = null; break;
            default: activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = new string('t', 3000) } }; break;
        }
    }

    private static JsonObject Part(JsonObject activity, string name) =>
        activity[name] as JsonObject ?? (JsonObject)(activity[name] = new JsonObject());

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static JsonObject Text(LocalBot bot, string chat, string person, string text)
    {
        var activity = Activities.Message(bot.ServiceUrl, text, chat);
        activity["from"]!["aadObjectId"] = person;
        return activity;
    }

    private static JsonObject Press(LocalBot bot, string chat, string person, string verb, JsonObject data)
    {
        var activity = Activities.CardAction(bot.ServiceUrl, verb, data, chat);
        activity["from"]!["aadObjectId"] = person;
        return activity;
    }

    private static JsonObject Submit(LocalBot bot, string chat, string person, string verb, JsonObject data)
    {
        var activity = Text(bot, chat, person, "");
        activity.Remove("text");
        data["verb"] = verb;
        activity["value"] = data;
        activity["replyToId"] = "card-1";
        return activity;
    }

    private static JsonObject Members(LocalBot bot, string chat, string person, Random random)
    {
        var activity = Text(bot, chat, person, "");
        activity.Remove("text");
        activity["type"] = random.Next(3) == 0 ? "installationUpdate" : "conversationUpdate";
        activity["action"] = Pick(random, ["add", "remove", "add-upgrade", null, new string('a', 400)]);
        JsonNode?[] members = [null, new JsonObject(), new JsonObject { ["id"] = Activities.BotId }, new JsonObject { ["id"] = new string('m', 4000) }, JsonValue.Create(5)];
        activity[random.Next(2) == 0 ? "membersAdded" : "membersRemoved"] = new JsonArray(Pick(random, members)?.DeepClone(), Pick(random, members)?.DeepClone());
        if (random.Next(3) == 0)
        {
            activity["channelData"] = new JsonObject { ["eventType"] = Pick(random, ["teamDeleted", "channelCreated", "channelDeleted", "x"]), ["channel"] = new JsonObject { ["id"] = "19:c" + Lone } };
        }

        return activity;
    }

    private static JsonObject Other(LocalBot bot, string chat, string person, Random random)
    {
        var activity = Press(bot, chat, person, "referral.next", new JsonObject());
        activity["type"] = Pick(random, ["invoke", "typing", "messageReaction", "event", new string('t', 500), "message"]);
        activity["name"] = Pick(random, ["adaptiveCard/action", "composeExtension/query", null, ""]);
        activity["value"] = Pick<JsonNode?>(random, [new JsonObject { ["action"] = new JsonObject { ["verb"] = 5 } }, new JsonObject { ["action"] = "x" }, null, new JsonObject { ["action"] = new JsonObject { ["verb"] = "referral.next", ["data"] = new JsonArray() } }]);
        return activity;
    }

    /// <summary>Opens the form by typing <c>refer</c>; answers the draft id its card carries.</summary>
    private static async Task<string> StartReferralAsync(LocalBot bot, string chat, string person)
    {
        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(Text(bot, chat, person, "refer"))).StatusCode);
        var form = await bot.Connector.WaitForAsync(r => r.ConversationId == chat && r.Card is not null);
        return DraftIdPattern().Match(form.Card!.ToJsonString()).Groups[1].Value;
    }

    [GeneratedRegex("\"draftId\":\"([0-9a-f]{32})\"")]
    private static partial Regex DraftIdPattern();

    /// <summary>No text kept anywhere in the tables is ill-formed UTF-16.</summary>
    private async Task AssertStoredTextIsWellFormedAsync()
    {
        await foreach (var table in azurite.ServiceClient().QueryAsync())
        {
            await foreach (var row in azurite.ServiceClient().GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                foreach (var (name, value) in row)
                {
                    if (value is string text)
                    {
                        Assert.True(InboundShape.Mend(text) == text, $"{table.Name} {name} holds a lone surrogate");
                    }
                }
            }
        }
    }

    /// <summary>Where to reach people is kept only for connector hosts (loopback here, locally) and for ids Teams could send.</summary>
    private async Task AssertNoReferenceOutsideTheConnectorHostsAsync()
    {
        var local = ConnectorHosts.Default(localDevelopment: true);
        var table = azurite.ServiceClient().GetTableClient(BotTables.ConversationReferences);
        await table.CreateIfNotExistsAsync();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            Assert.True(local.Allows(row.GetString("ServiceUrl")), $"kept serviceUrl {row.GetString("ServiceUrl")}");
            Assert.True(row.RowKey.Length <= 3 * InboundShape.MaxIdLength, "kept an over-long id");
        }
    }
}
