using Microsoft.Extensions.DependencyInjection;
using ScrBot.Bot.Graph;
using ScrBot.Bot.Scheduling;
using ScrBot.Bot.Tests.Connector;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Scheduling;
using ScrBot.GraphStandIn;

namespace ScrBot.Bot.Tests.Graph;

/// <summary>
/// The bot host configured as scripts/run-local.sh configures it: no identity, Graph__BaseUrl at the Graph stand-in on
/// loopback. It starts, and its Graph calls reach the stand-in with the local development token.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class LocalGraphTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TheLocalBotSchedulesAndInstallsThroughTheStandInWithADevelopmentToken()
    {
        await using var standIn = await BotFactory.BuildAlone(() => GraphStandInServer.StartAsync());
        standIn.State.TenantDomains.Add("board.example");
        standIn.State.Catalogue["0f5c3b8e-5c0b-4a7e-8000-000000000001"] = "ScrBot";
        var settings = BotFactory.LocalSettings(azurite.ConnectionString);
        settings["Graph__BaseUrl"] = standIn.BaseUrl.ToString();
        settings["Graph__OrganiserMailbox"] = "scr-panels@board.example";
        settings["Graph__TeamsAppId"] = "0f5c3b8e-5c0b-4a7e-8000-000000000001";
        await using var bot = new BotFactory(settings);
        using var client = bot.CreateClient();

        var health = await client.GetAsync("/health");
        var installer = bot.Services.GetRequiredService<ITeamsAppInstaller>();
        var installed = await installer.InstallForPersonAsync("5c0b5a7e-0000-4000-8000-000000000024", CancellationToken.None);
        var calendar = bot.Services.GetRequiredService<PanelCalendar>();
        var window = SlotFinder.WindowOf(new SlotSearch { FirstDay = new DateOnly(2026, 12, 1) }, WorkingDayCalendar.EnglandAndWales);
        var freeBusy = await calendar.ReadFreeBusyAsync([new Invitee("pattif@board.example", "Patti Fernandez", true)], window, CancellationToken.None);

        Assert.True(health.IsSuccessStatusCode);
        Assert.IsType<GraphTeamsAppInstaller>(installer);
        Assert.Equal(AppInstallOutcome.Installed, installed.Outcome);
        Assert.True(freeBusy.Succeeded, freeBusy.Failure);
        Assert.NotEmpty(standIn.State.Requests);
        Assert.All(standIn.State.Requests, r => Assert.Equal("Bearer " + LocalStandInCredential.Token, r.Authorization));
    }
}
