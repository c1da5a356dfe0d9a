using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ScrBot.Bot.Storage;

public static class CaseStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CaseStore"/> as a singleton. It needs a <see cref="TableServiceClient"/> and a
    /// <see cref="TimeProvider"/> registered by the host; settings come from <see cref="CaseStoreOptions"/>
    /// (bind the <c>CaseStore</c> section to change them). Until the obligation rules register an
    /// <see cref="IObligationIndexSource"/>, the obligations index stays empty.
    /// </summary>
    public static IServiceCollection AddCaseStore(this IServiceCollection services)
    {
        services.AddOptions<CaseStoreOptions>();
        services.TryAddSingleton<IObligationIndexSource, NoObligations>();
        services.TryAddSingleton(provider => new CaseStore(
            provider.GetRequiredService<TableServiceClient>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<IObligationIndexSource>(),
            provider.GetRequiredService<IOptions<CaseStoreOptions>>().Value,
            provider.GetService<ILogger<CaseStore>>()));
        return services;
    }
}
