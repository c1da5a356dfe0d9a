using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ScrBot.Bot.Boards;
using ScrBot.Bot.Delivery;
using ScrBot.Bot.Hosting;
using ScrBot.Bot.Storage;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Obligations;

namespace ScrBot.Bot.Referral;

public static class ReferralRegistration
{
    /// <summary>
    /// The referral journey: <c>refer</c>, the form's buttons, triage, and <c>case &lt;reference&gt;</c>. Needs
    /// <c>AddScrBot()</c> first. Loads the board directory at start-up (an invalid file stops it).
    /// </summary>
    public static IServiceCollection AddReferralJourney(this IServiceCollection services)
    {
        services.AddBoardDirectory();
        services.AddPersonDelivery();
        services.AddCaseStore();
        services.TryAddSingleton<IDraftStore, DraftStore>();
        services.AddSingleton<ReferralJourney>();
        services.AddSingleton<DuplicateSearch>();
        services.AddOptions<TriageOptions>().Configure<IServiceProvider>((options, provider) =>
            provider.GetService<IConfiguration>()?.GetSection(TriageOptions.Section).Bind(options));
        services.AddSingleton<TriageLedger>();
        services.AddSingleton<ReferralTriage>();
        services.AddSingleton<TriageQueue>();
        services.AddSingleton<IHeldCardSender, TriageHeldCards>();
        services.AddHostedService<TriageWorker>();
        services.AddOptions<DraftRetentionOptions>().Configure<IServiceProvider>((options, provider) =>
            provider.GetService<IConfiguration>()?.GetSection(DraftRetentionOptions.Section).Bind(options));
        services.AddHostedService<DraftRetentionWorker>();
        services.AddSingleton<CaseStatusService>();

        services.AddCommand<ReferCommand>();
        services.AddCommand<CaseCommand>();
        services.AddCardAction<ReferralCardActions>();
        services.AddCardAction<CaseStatusActions>();
        services.AddCommand<NotificationsCommand>();
        services.AddCardAction<NotifiableIncidentActions>();
        services.AddSingleton<LeadBoardActions>();
        services.AddSingleton<ScrBot.Bot.Routing.ICardActionHandler>(sp => sp.GetRequiredService<LeadBoardActions>());
        services.AddSingleton<IHeldCardSender>(sp => sp.GetRequiredService<LeadBoardActions>());
        return services;
    }
}
