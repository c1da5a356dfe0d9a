using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ScrBot.Bot.Storage;
using ScrBot.Bot.Tests.Infrastructure;

namespace ScrBot.Bot.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class CaseStoreRegistrationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TheHostsStorageAccountClockAndObligationRulesAreTheOnesTheCaseStoreUses()
    {
        var time = new InstantTimers(Kit.ReferredAt);
        var prefix = Kit.NewPrefix();
        var services = new ServiceCollection()
            .AddSingleton(azurite.ServiceClient())
            .AddSingleton<TimeProvider>(time)
            .AddCaseStore()
            .AddSingleton<IObligationIndexSource, TriageObligations>()
            .Configure<CaseStoreOptions>(o => o.TablePrefix = prefix);
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<CaseStore>();
        var reference = await Kit.ReferAsync(store, Kit.Staffordshire);

        Assert.Same(store, provider.GetRequiredService<CaseStore>());
        Assert.Equal(prefix + "Cases", store.Tables.Cases);
        var rows = await Kit.RowsAsync(azurite.ServiceClient().GetTableClient(prefix + "Cases"), $"PartitionKey eq 'staffordshire|{reference}'");
        Assert.Contains(rows, r => r.RowKey == "snapshot");
        Assert.Equal([ScrBot.Domain.Obligations.ObligationCode.D2], (await store.DueOnOrBeforeAsync(new DateOnly(2026, 11, 30))).Select(o => o.Code));
    }

    [Fact]
    public void TheTableNamesComeFromTheCaseStoreSettingsAndTheObligationRulesFeedTheIndex()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["CaseStore:TablePrefix"] = "scrtest", ["CaseStore:MaxAttempts"] = "5" })
            .Build();
        using var provider = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(new TableServiceClient(azurite.ConnectionString))
            .AddSingleton(TimeProvider.System)
            .AddCaseStore()
            .BuildServiceProvider();

        var store = provider.GetRequiredService<CaseStore>();

        Assert.Equal(
            new CaseTableNames("scrtestCases", "scrtestCaseIndex", "scrtestCaseLookup", "scrtestCaseCounters", "scrtestObligations") { TaskCards = "scrtestTaskCards" },
            store.Tables);
        Assert.Equal(5, provider.GetRequiredService<IOptions<CaseStoreOptions>>().Value.MaxAttempts);
        Assert.IsType<ObligationRulesIndexSource>(provider.GetRequiredService<IObligationIndexSource>());
    }
}
