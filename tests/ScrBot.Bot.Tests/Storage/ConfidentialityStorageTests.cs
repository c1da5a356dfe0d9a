using System.Globalization;
using Azure.Data.Tables;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Referral;

namespace ScrBot.Bot.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class ConfidentialityStorageTests(AzuriteFixture azurite)
{
    private const string ChildName = "Marigold Featherstonehaugh";
    private const string OtherName = "Goldie Fenshaw";
    private const string Address = "14 Quillfeather Lane, Leek";
    private const string Mother = "Rosalind Featherstonehaugh";
    private static readonly DateOnly DateOfBirth = new(2015, 3, 4);

    [Fact]
    public async Task NoRowOutsideTheCasePartitionsHoldsTheChildsIdentifyingDetails()
    {
        var time = new InstantTimers(Kit.ReferredAt.AddHours(3));
        var store = Kit.NewStore(azurite, time, new TriageObligations());
        var form = Kit.Form(Kit.Staffordshire, ChildName, DateOfBirth, Address, [OtherName],
            [new SignificantOther(Mother, "Mother", new DateOnly(1988, 7, 9))]);
        var reference = await Kit.ReferAsync(store, Kit.Staffordshire, form);
        await Kit.ReferAsync(store, Kit.Stoke, form with { Referrer = form.Referrer with { Board = Kit.Stoke } });
        await store.ExecuteAsync(Kit.Staffordshire, reference, "Send the child's details to partners", Kit.BoardManager,
            Kit.Append(new ChildDetailsSentToPartners([new AgencyId("police")], new DateOnly(2026, 11, 13)) { At = time.Now, By = Kit.BoardManager }));
        await store.ExecuteAsync(Kit.Staffordshire, reference, "Return a record check", Kit.BoardManager,
            (_, _) => Outcome.Refused($"The police hold no record of {ChildName} born {DateOfBirth:d MMMM yyyy}."));
        await store.RebuildIndexAsync(Kit.Staffordshire, reference);

        var forbidden = new[]
        {
            ChildName, "Featherstonehaugh", OtherName, Address, "Quillfeather", Mother,
            "2015-03-04", "04/03/2015", "4/3/2015", "4 March 2015", "04 March 2015", "March 4, 2015", "20150304",
            "1988-07-09", "09/07/1988", "9 July 1988",
        };
        var service = azurite.ServiceClient();
        var scanned = 0;
        var found = new List<string>();
        await foreach (var table in service.QueryAsync())
        {
            if (table.Name.EndsWith("Cases", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var row in await Kit.RowsAsync(service.GetTableClient(table.Name)))
            {
                scanned++;
                var text = Text(row);
                found.AddRange(forbidden.Where(f => text.Contains(f, StringComparison.OrdinalIgnoreCase)).Select(f => $"{table.Name}: {f}"));
            }
        }

        Assert.Empty(found);
        Assert.True(scanned >= 7, $"Only {scanned} index rows were read.");
        Assert.Contains(store.Tables.Obligations, await TableNamesAsync(service));

        // The details are in the case partition, where they belong: the scan above would have seen them there.
        var caseRows = await Kit.RowsAsync(service.GetTableClient(store.Tables.Cases));
        Assert.Contains(caseRows, r => Text(r).Contains(ChildName, StringComparison.Ordinal));
        Assert.Contains(caseRows, r => Text(r).Contains("2015-03-04", StringComparison.Ordinal));
        Assert.Contains(caseRows, r => Text(r).Contains("4 March 2015", StringComparison.Ordinal));
    }

    private static string Text(TableEntity row) => string.Join("\n", row.Select(p => $"{p.Key}={Format(p.Value)}"));

    private static string Format(object? value) => value switch
    {
        DateTimeOffset at => at.ToString("o", CultureInfo.InvariantCulture),
        DateTime at => at.ToString("o", CultureInfo.InvariantCulture),
        byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "",
    };

    private static async Task<List<string>> TableNamesAsync(TableServiceClient service)
    {
        var names = new List<string>();
        await foreach (var table in service.QueryAsync())
        {
            names.Add(table.Name);
        }

        return names;
    }
}
