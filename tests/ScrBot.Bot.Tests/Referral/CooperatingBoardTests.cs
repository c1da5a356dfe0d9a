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

    [Fact]
    public async Task TheCooperatingBoardsManagerIsToldOfTheCaseAndCanOpenIt()
    {
        // Stoke-on-Trent has a Board Manager of its own.
        await using var host = await TriageHost.StartAsync(azurite, text =>
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
}
