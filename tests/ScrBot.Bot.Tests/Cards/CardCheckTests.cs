using System.Text.Json;
using System.Text.Json.Nodes;
using ScrBot.Bot.Cards;
using ScrBot.Bot.Connector;
using ScrBot.Bot.Tests.Infrastructure;

namespace ScrBot.Bot.Tests.Cards;

/// <summary>
/// Every card of the referral journey, written as the message the bot sends, checked by the official Adaptive Cards
/// parser (npm <c>adaptivecards</c>, tools/cards/check.mjs) at schema 1.5 and against the card budget (80 KB as
/// UTF-16, within Teams' 100 KB message limit).
/// The same run writes each card's JSON to docs/cards/ and pictures of the main ones, drawn by the official
/// renderer in headless Chromium (tools/cards/render.mjs).
/// </summary>
public sealed class CardCheckTests
{
    private static readonly string Docs = Path.Combine(AzuriteFixture.RepositoryRoot(), "docs", "cards");

    [Fact]
    public async Task EveryCardOfTheReferralJourneyPassesTheOfficialParserAndFitsInATeamsMessage()
    {
        var cards = CardCatalogue.All();
        var folder = WritePayloads(cards);
        try
        {
            var run = await NodeTool.RunAsync(Path.Combine("cards", "check.mjs"), [folder], TimeSpan.FromMinutes(5));
            var report = JsonNode.Parse(run.Output) ?? throw new InvalidOperationException("check.mjs printed nothing: " + run.Errors);

            var results = report["results"]!.AsArray();
            Assert.Equal(cards.Count, results.Count);
            var problems = results.SelectMany(r => r!["problems"]!.AsArray().Select(p => p!.GetValue<string>())).ToList();
            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
            Assert.Equal(0, run.ExitCode);
            Assert.All(results, r => Assert.InRange(r!["bytes"]!.GetValue<int>(), 1, CardBudget.MaxPayloadBytes));
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task TheCheckerRefusesACardTheParserDoesNotUnderstandOrThatIsTooBigForTeams()
    {
        var folder = Path.Combine(Path.GetTempPath(), "scrbot-bad-cards-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(folder);
        try
        {
            var misspelt = AdaptiveCard.Card([new JsonObject { ["type"] = "TextBlock", ["text"] = "Hello", ["wrap"] = true, ["colour"] = "Attention" }]);
            var unlabelled = AdaptiveCard.Card([new JsonObject { ["type"] = "Input.Text", ["id"] = "name", ["isRequired"] = true }]);
            var huge = AdaptiveCard.Card([AdaptiveCard.Text(new string('x', 50_000))]);
            await File.WriteAllTextAsync(Path.Combine(folder, "misspelt.json"), Payload(misspelt));
            await File.WriteAllTextAsync(Path.Combine(folder, "unlabelled.json"), Payload(unlabelled));
            await File.WriteAllTextAsync(Path.Combine(folder, "huge.json"), Payload(huge));

            var run = await NodeTool.RunAsync(Path.Combine("cards", "check.mjs"), [folder], TimeSpan.FromMinutes(2));
            var results = JsonNode.Parse(run.Output)!["results"]!.AsArray().ToDictionary(r => r!["name"]!.GetValue<string>(), r => string.Join(" ", r!["problems"]!.AsArray()));

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("colour", results["misspelt"], StringComparison.Ordinal);
            Assert.Contains("label", results["unlabelled"], StringComparison.OrdinalIgnoreCase);
            Assert.Contains("over Teams'", results["huge"], StringComparison.Ordinal);
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task TheMainCardsAreDrawnByTheOfficialRendererForTheReadme()
    {
        var cards = CardCatalogue.All();
        var folder = WritePayloads(cards);
        try
        {
            System.IO.Directory.CreateDirectory(Docs);
            foreach (var card in cards)
            {
                await File.WriteAllTextAsync(Path.Combine(Docs, card.Name + ".json"), AdaptiveCard.ToJson(card.Card, indented: true) + "\n");
            }

            var pictures = cards.Where(c => c.Picture).Select(c => c.Name).ToList();
            var run = await NodeTool.RunAsync(Path.Combine("cards", "render.mjs"), [folder, Docs, .. pictures], TimeSpan.FromMinutes(5));
            Assert.True(run.ExitCode == 0, run.Output + run.Errors);

            var report = JsonNode.Parse(run.Output)!;
            Assert.Empty(report["errors"]!.AsArray());
            foreach (var name in pictures)
            {
                var png = new FileInfo(Path.Combine(Docs, name + ".png"));
                Assert.True(png.Exists, $"{name}.png was drawn");
                Assert.True(png.Length > 5_000, $"{name}.png holds a picture ({png.Length} bytes)");
            }
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Each card as the message the bot sends to a personal chat, one file each.</summary>
    private static string WritePayloads(IEnumerable<CatalogueCard> cards)
    {
        var folder = Path.Combine(Path.GetTempPath(), "scrbot-cards-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(folder);
        foreach (var card in cards)
        {
            File.WriteAllText(Path.Combine(folder, card.Name + ".json"), Payload(card.Card));
        }

        return folder;
    }

    /// <summary>The whole message as the sender writes it (BotJson), addressed as in a Teams personal chat.</summary>
    private static string Payload(JsonObject card)
    {
        var activity = Activity.Card((JsonObject)card.DeepClone(), "ScrBot");
        activity.From = new ChannelAccount { Id = "28:" + Guid.Empty, Name = "ScrBot" };
        activity.Recipient = new ChannelAccount { Id = "29:1" + new string('a', 80), Name = "Alex Wilber", AadObjectId = Guid.Empty.ToString() };
        activity.Conversation = new ConversationAccount
        {
            Id = "a:1" + new string('b', 120),
            ConversationType = "personal",
            TenantId = Guid.Empty.ToString(),
        };
        activity.ServiceUrl = "https://smba.trafficmanager.net/uk/" + Guid.Empty + "/";
        activity.ReplyToId = "1:" + new string('c', 40);
        return BotJson.Serialize(activity);
    }
}
