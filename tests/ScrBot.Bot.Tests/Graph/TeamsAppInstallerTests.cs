using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using ScrBot.Bot.Graph;
using ScrBot.Bot.Tests.Connector;
using ScrBot.GraphStandIn;

namespace ScrBot.Bot.Tests.Graph;

/// <summary>
/// ScrBot installs itself for a person through Graph (<c>/users/{id}/teamwork/installedApps</c>, held by the stand-in to
/// specs/graph-v1.0.csdl), so that a person who never opened it can still be reached.
/// </summary>
public sealed class TeamsAppInstallerTests : IAsyncLifetime
{
    private const string Patti = "5c0b5a7e-0000-4000-8000-000000000024";
    private GraphTestKit _kit = null!;
    private GraphTeamsAppInstaller _installer = null!;

    public async Task InitializeAsync()
    {
        _kit = await GraphTestKit.StartAsync();
        _installer = new GraphTeamsAppInstaller(_kit.Client, _kit.Settings, NullLogger<GraphTeamsAppInstaller>.Instance);
    }

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public async Task APersonWhoNeverOpenedScrBotHasItInstalledThroughGraph()
    {
        var result = await _installer.InstallForPersonAsync(Patti, CancellationToken.None);

        Assert.Equal(AppInstallOutcome.Installed, result.Outcome);
        Assert.True(result.Reachable);
        var installation = Assert.Single(_kit.State.Installations);
        Assert.Equal(Patti, installation.UserId);
        Assert.Equal(_kit.Settings.TeamsAppId, installation.TeamsAppId);
        Assert.All(_kit.GraphRequests, r => Assert.Equal("Bearer " + GraphTestKit.Token, r.Authorization));
        Assert.Equal([200, 201], _kit.GraphRequests.Select(r => r.Status));
    }

    [Fact]
    public async Task APersonWhoHasItAlreadyIsToldSoAndNothingIsInstalledTwice()
    {
        await _installer.InstallForPersonAsync(Patti, CancellationToken.None);

        var again = await _installer.InstallForPersonAsync(Patti, CancellationToken.None);

        Assert.Equal(AppInstallOutcome.AlreadyInstalled, again.Outcome);
        Assert.Single(_kit.State.Installations);
    }

    [Fact]
    public async Task AnInstallThatRacesAnotherAndGetsGraphs409IsAlreadyInstalled()
    {
        _kit.State.Faults.Add(new Fault { Status = 409, Method = "POST", PathContains = "/installedApps" });

        var result = await _installer.InstallForPersonAsync(Patti, CancellationToken.None);

        Assert.Equal(AppInstallOutcome.AlreadyInstalled, result.Outcome);
    }

    [Fact]
    public async Task WithoutThePermissionGraphAnswers403AndTheReasonSaysWhichPermission()
    {
        _kit.State.InstallationGranted = false;

        var result = await _installer.InstallForPersonAsync(Patti, CancellationToken.None);

        Assert.Equal(AppInstallOutcome.NotPermitted, result.Outcome);
        Assert.Contains("TeamsAppInstallation.ReadWriteSelfForUser.All", result.Reason);
        Assert.Empty(_kit.State.Installations);
    }

    [Fact]
    public async Task AnOutageIsAFailureInPlainWordsThatCanBeTriedAgain()
    {
        _kit.State.Faults.Add(new Fault { Status = 500, Times = 1 });

        var failed = await _installer.InstallForPersonAsync(Patti, CancellationToken.None);
        var later = await _installer.InstallForPersonAsync(Patti, CancellationToken.None);

        Assert.Equal(AppInstallOutcome.Failed, failed.Outcome);
        Assert.Contains("tried again later", failed.Reason);
        Assert.Equal(AppInstallOutcome.Installed, later.Outcome);
    }

    [Fact]
    public async Task AThrottleIsWaitedOutForAsLongAsRetryAfterSaysOnTheInjectedClock()
    {
        _kit.State.Faults.Add(new Fault { Status = 429, RetryAfterSeconds = 30, Method = "POST" });
        var started = _kit.Time.GetUtcNow();

        var result = await _kit.RunAsync(_installer.InstallForPersonAsync(Patti, CancellationToken.None));

        Assert.Equal(AppInstallOutcome.Installed, result.Outcome);
        Assert.True(_kit.Time.GetUtcNow() - started >= TimeSpan.FromSeconds(30));
        Assert.Equal([200, 429, 201], _kit.GraphRequests.Select(r => r.Status));
    }

    [Fact]
    public async Task AfterAnInstallTheStandInSendsTheBotTheInstallationUpdateTeamsWould()
    {
        var received = new TaskCompletionSource<JsonNode>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var bot = await LoopbackServer.StartAsync(routes => routes.MapPostActivity(received));
        _kit.State.BotEndpoint = new Uri(bot.BaseAddress, "api/messages");
        _kit.State.BotServiceUrl = new Uri("http://127.0.0.1:5999/connector/");

        await _installer.InstallForPersonAsync(Patti, CancellationToken.None);
        var activity = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("installationUpdate", activity["type"]!.GetValue<string>());
        Assert.Equal("add", activity["action"]!.GetValue<string>());
        Assert.Equal(Patti, activity["from"]!["aadObjectId"]!.GetValue<string>());
        Assert.Equal("personal", activity["conversation"]!["conversationType"]!.GetValue<string>());
        Assert.Equal("http://127.0.0.1:5999/connector/", activity["serviceUrl"]!.GetValue<string>());
        Assert.Empty(SwaggerSchema.Load().Problems(activity, "Activity"));
    }

    [Fact]
    public async Task SomeoneWithoutAnEntraObjectIdCannotBeInstalledAndGraphIsNotAsked()
    {
        var result = await _installer.InstallForPersonAsync("not-an-id", CancellationToken.None);

        Assert.Equal(AppInstallOutcome.Failed, result.Outcome);
        Assert.Empty(_kit.GraphRequests);
    }
}

internal static class ActivityReceiver
{
    public static void MapPostActivity(this Microsoft.AspNetCore.Routing.IEndpointRouteBuilder routes, TaskCompletionSource<JsonNode> received) =>
        Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapPost(routes, "/api/messages", async (Microsoft.AspNetCore.Http.HttpContext c) =>
        {
            received.TrySetResult((await JsonNode.ParseAsync(c.Request.Body))!);
            return Microsoft.AspNetCore.Http.Results.Ok();
        });
}
