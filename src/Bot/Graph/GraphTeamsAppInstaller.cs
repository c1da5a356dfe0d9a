using Microsoft.Extensions.Logging;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using ScrBot.Bot.Hosting;

namespace ScrBot.Bot.Graph;

/// <summary>
/// Installs ScrBot in a person's personal scope through Microsoft Graph, as "Proactive installation of apps using Graph
/// API" describes: first <c>GET /users/{id}/teamwork/installedApps?$expand=teamsApp&amp;$filter=teamsApp/id eq '{app}'</c>
/// to see whether it is there already, then <c>POST /users/{id}/teamwork/installedApps</c> binding
/// <c>teamsApp@odata.bind</c> to the app in the tenant's catalogue (<c>Graph__TeamsAppId</c>). Needs the application
/// permission <c>TeamsAppInstallation.ReadWriteSelfForUser.All</c>; Graph answers 403 without it, and 409 when the app
/// was installed meanwhile. Teams then sends the bot an installationUpdate with the person's chat.
/// </summary>
public sealed class GraphTeamsAppInstaller(GraphServiceClient graph, GraphSettings settings, ILogger<GraphTeamsAppInstaller> logger)
    : ITeamsAppInstaller
{
    private readonly string _appId = settings.TeamsAppId ?? throw new ArgumentException("Graph__TeamsAppId is not set.", nameof(settings));

    public async Task<AppInstallResult> InstallForPersonAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(aadObjectId, out var objectId))
        {
            return new AppInstallResult(AppInstallOutcome.Failed, "ScrBot could not be installed for this person: they have no Microsoft Entra object id in the board directory.");
        }

        var user = objectId.ToString();
        try
        {
            var installed = await graph.Users[user].Teamwork.InstalledApps.GetAsync(request =>
            {
                request.QueryParameters.Expand = ["teamsApp"];
                request.QueryParameters.Filter = $"teamsApp/id eq '{_appId}'";
            }, cancellationToken).ConfigureAwait(false);
            if (installed?.Value is { Count: > 0 })
            {
                return new AppInstallResult(AppInstallOutcome.AlreadyInstalled);
            }

            var installation = new UserScopeTeamsAppInstallation
            {
                AdditionalData = new Dictionary<string, object>
                {
                    ["teamsApp@odata.bind"] = $"{settings.BaseUrl.ToString().TrimEnd('/')}/appCatalogs/teamsApps/{_appId}",
                },
            };
            await graph.Users[user].Teamwork.InstalledApps.PostAsync(installation, cancellationToken: cancellationToken).ConfigureAwait(false);
            logger.LogInformation("ScrBot was installed for a person through Microsoft Graph");
            return new AppInstallResult(AppInstallOutcome.Installed);
        }
        catch (ODataError error) when (error.ResponseStatusCode == 409)
        {
            return new AppInstallResult(AppInstallOutcome.AlreadyInstalled);
        }
        catch (ODataError error) when (error.ResponseStatusCode == 403)
        {
            logger.LogWarning("Microsoft Graph refused to install ScrBot for a person: {Code}", error.Error?.Code);
            return new AppInstallResult(
                AppInstallOutcome.NotPermitted,
                "ScrBot cannot install itself for people: the tenant has not granted it the TeamsAppInstallation.ReadWriteSelfForUser.All permission.");
        }
        catch (ODataError error)
        {
            logger.LogWarning("Microsoft Graph could not install ScrBot for a person: {Status} {Code}", error.ResponseStatusCode, error.Error?.Code);
            return new AppInstallResult(AppInstallOutcome.Failed, error.ResponseStatusCode switch
            {
                404 => "ScrBot could not be installed for this person: Microsoft Graph does not know them, or ScrBot is not in the tenant's app catalogue.",
                429 => "ScrBot could not be installed for this person now: Microsoft Graph is busy. It will be tried again later.",
                _ => "ScrBot could not be installed for this person now: Microsoft Graph did not answer properly. It will be tried again later.",
            });
        }
        catch (HttpRequestException e)
        {
            logger.LogWarning(e, "Microsoft Graph could not be reached to install ScrBot for a person");
            return new AppInstallResult(AppInstallOutcome.Failed, "ScrBot could not be installed for this person now: Microsoft Graph could not be reached. It will be tried again later.");
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Microsoft Graph did not answer in time to install ScrBot for a person");
            return new AppInstallResult(AppInstallOutcome.Failed, "ScrBot could not be installed for this person now: Microsoft Graph did not answer in time. It will be tried again later.");
        }
    }
}
