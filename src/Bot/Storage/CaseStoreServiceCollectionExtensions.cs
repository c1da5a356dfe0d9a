using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ScrBot.Bot.Storage;

public static class CaseStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CaseStore"/> as a singleton. It needs a <see cref="TableServiceClient"/> and a
    /// <see cref="TimeProvider"/> registered by the host. Settings are <see cref="CaseStoreOptions"/>, read from the
    /// configuration section <c>CaseStore</c> when the host has an <see cref="IConfiguration"/>, and open to
    /// <c>Configure&lt;CaseStoreOptions&gt;</c>. Until the obligation rules register an
    /// <see cref="IObligationIndexSource"/>, the obligations index stays empty.
    /// </summary>
    public static IServiceCollection AddCaseStore(this IServiceCollection services)
    {
        services.AddOptions<CaseStoreOptions>().Configure<IServiceProvider>((options, provider) =>
            provider.GetService<IConfiguration>()?.GetSection(CaseStoreOptions.Section).Bind(options));
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
