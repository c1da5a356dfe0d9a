namespace ScrBot.Bot.Graph;

/// <summary>
/// Installs ScrBot in a person's personal scope, so that the bot can reach them before they have opened it
/// themselves. Through Microsoft Graph (<c>POST /users/{id}/teamwork/installedApps</c>) where the tenant has granted
/// <c>TeamsAppInstallation.ReadWriteSelfForUser.All</c>; otherwise the answer says why it could not be done.
/// </summary>
public interface ITeamsAppInstaller
{
    /// <summary>Installs ScrBot for the person with this Entra object id, or says why it could not.</summary>
    Task<AppInstallResult> InstallForPersonAsync(string aadObjectId, CancellationToken cancellationToken);
}

/// <summary>What an installation attempt came to.</summary>
public enum AppInstallOutcome
{
    /// <summary>Installed now: Teams sends the bot an installationUpdate with the person's chat.</summary>
    Installed,

    /// <summary>It was already installed for the person.</summary>
    AlreadyInstalled,

    /// <summary>Not allowed here (no Graph configured, or the tenant has not granted the permission).</summary>
    NotPermitted,

    /// <summary>Graph was asked and failed (an outage, a throttle that did not clear).</summary>
    Failed,
}

/// <summary>An installation attempt's outcome, with a reason in plain English when it did not install.</summary>
public sealed record AppInstallResult(AppInstallOutcome Outcome, string? Reason = null)
{
    public bool Reachable => Outcome is AppInstallOutcome.Installed or AppInstallOutcome.AlreadyInstalled;
}

/// <summary>Used when Microsoft Graph is not configured: nobody is installed, and the reason says so.</summary>
public sealed class NoTeamsAppInstaller : ITeamsAppInstaller
{
    public Task<AppInstallResult> InstallForPersonAsync(string aadObjectId, CancellationToken cancellationToken) =>
        Task.FromResult(new AppInstallResult(
            AppInstallOutcome.NotPermitted,
            "ScrBot cannot install itself for people here because Microsoft Graph is not configured."));
}
