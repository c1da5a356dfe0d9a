using Azure.Data.Tables;

namespace ScrBot.Bot.Tests.Infrastructure;

[Collection(AzuriteCollection.Name)]
public sealed class AzuriteFixtureTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AStoredRowCanBeReadBackFromTheRealTableService()
    {
        var table = await azurite.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Value"] = "kept" });

        var row = await table.GetEntityAsync<TableEntity>("p", "r");

        Assert.Equal("kept", row.Value.GetString("Value"));
    }
}
