using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ScrBot.Bot.Boards;
using ScrBot.Bot.Nudges;
using ScrBot.Bot.Storage;
using ScrBot.Domain.Boards;

namespace ScrBot.Bot.Hosting;

/// <summary>Registers deadline nudges; in the host's namespace so that Program.cs needs one line for it.</summary>
public static class NudgeRegistration
{
    /// <summary>
    /// Deadline nudges: the daily sweep (<see cref="NudgeWorker"/>, <see cref="NudgeSweep"/>) and its table
    /// (<see cref="NudgeLedger"/>, named after the case store's table prefix). Needs <c>AddScrBot()</c> first. Settings
    /// <c>Nudges__Enabled</c>, <c>Nudges__TimeOfDay</c>, <c>Nudges__LookaheadWorkingDays</c>, <c>Nudges__LeaseMinutes</c>.
    /// </summary>
    public static IServiceCollection AddDeadlineNudges(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(BoardDirectory)))
        {
            services.AddBoardDirectory();
        }

        services.AddCaseStore();
        services.TryAddSingleton(sp => NudgeSettings.Read(sp.GetService<IConfiguration>()));
        services.TryAddSingleton(sp => new NudgeLedger(
            sp.GetRequiredService<TableServiceClient>(),
            sp.GetRequiredService<IOptions<CaseStoreOptions>>().Value.TablePrefix));
        services.TryAddSingleton<NudgeSweep>();
        services.AddSingleton<ScrBot.Bot.Delivery.IHeldCardSender, NudgeHeldCards>();
        services.TryAddSingleton<NudgeJournal>();
        services.AddHostedService<NudgeWorker>();
        return services;
    }
}
