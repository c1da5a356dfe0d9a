using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ScrBot.Bot.Tests.Connector;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Domain.Boards;

namespace ScrBot.Bot.Tests.Referral;

/// <summary>
/// "Any other LSCBs that have an interest or involvement in the case should co-operate as partners": the Board
/// Manager of a cooperating board is told of the case and can open it. The real bot host on Azurite, activities
/// posted to /api/messages, and the Bot Connector stand-in.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CooperatingBoardTests(AzuriteFixture azurite)
{
    private const string StokeManagerId = "5c0b5a7e-0000-4000-8000-000000000028";

    /// <summary>The local directory, Stoke-on-Trent with a Board Manager of its own (Diego Siciliani).</summary>
    private async Task<(TriageHost Host, BoardMember StokeManager)> StartAsync()
    {
        var host = await TriageHost.StartAsync(azurite, text =>
        {
            const string megan = "{ \"entraObjectId\": \"5c0b5a7e-0000-4000-8000-000000000021\", \"name\": \"Megan Bowen\"";
            var last = text.LastIndexOf(megan, StringComparison.Ordinal);
            return text[..last] + $"{{ \"entraObjectId\": \"{StokeManagerId}\", \"name\": \"Diego Siciliani\"" + text[(last + megan.Length)..];
        });
        foreach (var member in host.Directory.Boards.SelectMany(b => b.Members))
        {
            await host.GiveChatAsync(member.Person);
        }

        await host.InstallInTheBoardsTeamAsync();
        var stokeManager = host.Directory.WithRole(new BoardId("stoke-on-trent"), Role.BoardManager).Single();
        Assert.Equal("Diego Siciliani", stokeManager.Name);
        return (host, stokeManager);
    }

    [Fact]
    public async Task TheCooperatingBoardsManagerIsToldOfTheCaseAndCanOpenIt()
    {
        var (host, stokeManager) = await StartAsync();
        await using var _ = host;

        // Referred to Staffordshire, the child known to Stoke-on-Trent too (the sample form names it).
        var reference = await host.ReferAsync();
        await using var bot = host.StartBot();

        var told = await host.Connector.WaitForAsync(r => r.Operation == "send" && r.ConversationId == TriageHost.Chat(stokeManager.Person)
            && TriageHost.Text(r).Contains($"{reference} · A case your board cooperates on", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        Assert.Contains("Staffordshire Safeguarding Children Board leads this case", TriageHost.Text(told), StringComparison.Ordinal);
        Assert.DoesNotContain("Jamie", TriageHost.Text(told), StringComparison.Ordinal);

        var ask = Activities.Message(host.Connector.ServiceUrl.ToString(), $"case {reference}", TriageHost.Chat(stokeManager.Person));
        ask["from"]!["aadObjectId"] = stokeManager.Person.Value;
        await bot.PostActivityAsync(ask);
        var status = await host.Connector.WaitForAsync(r => r.Operation == "send" && r.ConversationId == TriageHost.Chat(stokeManager.Person)
            && TriageHost.Text(r).Contains($"{reference} · Triage by the Board Manager", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        Assert.Contains("Jamie Collins", TriageHost.Text(status), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBoardManagerHandsTheCaseToTheBoardThatShouldLeadWithAReasonAndThatBoardsManagerIsToldAndCanOpenIt()
    {
        var (host, stokeManager) = await StartAsync();
        await using var _ = host;
        var manager = host.Person(Role.BoardManager);
        var police = host.Person(Role.AgencyRepresentative);
        var reference = await host.ReferAsync(f => f with { OtherBoardsInvolved = [] });
        await using var bot = host.StartBot();
        var triage = await host.Connector.WaitForAsync(r => r.Operation == "send" && r.ConversationId == TriageHost.Chat(manager)
            && TriageHost.Text(r).Contains($"{reference} · New referral for triage", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        Assert.Null(await StatusAsync(bot, host, stokeManager.Person, reference.Value));
        var show = triage.Card!["actions"]!.AsArray().Single(a => a!["title"]!.GetValue<string>() == "Hand to another board")!;
        var handOver = (JsonObject)show["card"]!["actions"]![0]!;

        var refused = await PressAsync(bot, host, police, handOver, "stoke-on-trent", "The child lives in Stoke.");
        Assert.Equal("application/vnd.microsoft.error", refused["type"]!.GetValue<string>());

        var handed = await PressAsync(bot, host, manager, handOver, "stoke-on-trent", "The child normally lives in Stoke-on-Trent.");
        Assert.Contains($"{reference} · Handed to Stoke-on-Trent Safeguarding Children Board", handed.ToJsonString(ScrBot.Bot.Cards.AdaptiveCard.Json), StringComparison.Ordinal);
        await host.Connector.WaitForAsync(r => r.Operation == "send" && r.ConversationId == TriageHost.Chat(stokeManager.Person)
            && TriageHost.Text(r).Contains($"{reference} · Handed to your board", StringComparison.Ordinal), TimeSpan.FromMinutes(1));

        var status = await StatusAsync(bot, host, stokeManager.Person, reference.Value);
        Assert.NotNull(status);
        Assert.Contains("The child normally lives in Stoke-on-Trent.", status, StringComparison.Ordinal);
        Assert.NotNull(await StatusAsync(bot, host, manager, reference.Value));
        var stored = await host.Cases.LoadAsync(ReferralSamples.Staffordshire, reference);
        Assert.Equal(new BoardId("stoke-on-trent"), stored!.State.LeadBoard);
        Assert.Equal([ReferralSamples.Staffordshire], stored.State.CooperatingBoards);
    }

    private static async Task<string?> StatusAsync(BotFactory bot, TriageHost host, PersonId person, string reference)
    {
        var before = new HashSet<object>(host.Connector.Requests, ReferenceEqualityComparer.Instance);
        var ask = Activities.Message(host.Connector.ServiceUrl.ToString(), $"case {reference}", TriageHost.Chat(person));
        ask["from"]!["aadObjectId"] = person.Value;
        await bot.PostActivityAsync(ask);
        var answer = await host.Connector.WaitForAsync(r => r.Operation == "send" && r.ConversationId == TriageHost.Chat(person)
            && !before.Contains(r), TimeSpan.FromMinutes(1));
        var text = TriageHost.Text(answer);
        return text.Contains("Triage by the Board Manager", StringComparison.Ordinal) ? text : null;
    }

    private static async Task<JsonObject> PressAsync(BotFactory bot, TriageHost host, PersonId person, JsonObject action, string board, string reason)
    {
        var data = (JsonObject)action["data"]!.DeepClone();
        data[ScrBot.Bot.Cards.TriageCard.HandOverBoardInput] = board;
        data[ScrBot.Bot.Cards.TriageCard.HandOverReasonInput] = reason;
        var invoke = Activities.CardAction(host.Connector.ServiceUrl.ToString(), action["verb"]!.GetValue<string>(), data, TriageHost.Chat(person));
        invoke["from"]!["aadObjectId"] = person.Value;
        using var response = await bot.PostActivityAsync(invoke);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
