using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ScrBot.Bot.Referral;

/// <summary>
/// How long an unsent referral draft is kept (setting <c>Referral__DraftRetentionDays</c>). A draft holds a child's
/// details outside any case, so one left behind is deleted rather than kept for ever.
/// </summary>
public sealed class DraftRetentionOptions
{
    public const string Section = "Referral";

    public int DraftRetentionDays { get; set; } = 30;

    /// <summary>How often drafts past their time are looked for.</summary>
    public TimeSpan DraftSweepInterval { get; set; } = TimeSpan.FromHours(6);
}

/// <summary>Deletes referral drafts not saved for <see cref="DraftRetentionOptions.DraftRetentionDays"/> days, every <see cref="DraftRetentionOptions.DraftSweepInterval"/> on the host's clock.</summary>
public sealed class DraftRetentionWorker(
    IServiceProvider services,
    TimeProvider time,
    IOptions<DraftRetentionOptions> options,
    ILogger<DraftRetentionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var settings = options.Value;
        if (settings.DraftRetentionDays < 1 || settings.DraftSweepInterval <= TimeSpan.Zero)
        {
            logger.LogError("Referral__DraftRetentionDays must be at least 1 and Referral__DraftSweepInterval positive; unsent drafts are not being deleted");
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var delay = Task.Delay(settings.DraftSweepInterval, time, stoppingToken);
            logger.LogDebug("Next sweep for old referral drafts at {Due:O}", time.GetUtcNow() + settings.DraftSweepInterval);
            await delay.ConfigureAwait(false);
            try
            {
                var cutoff = time.GetUtcNow().AddDays(-settings.DraftRetentionDays);
                var deleted = await services.GetRequiredService<IDraftStore>().DeleteSavedBeforeAsync(cutoff, stoppingToken).ConfigureAwait(false);
                logger.LogInformation("Draft retention: {Deleted} unsent referral drafts older than {Days} days deleted", deleted, settings.DraftRetentionDays);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "The sweep for old referral drafts failed");
            }
        }
    }
}
