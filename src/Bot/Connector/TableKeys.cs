using System.Collections.Concurrent;
using System.Text;
using Azure.Data.Tables;

namespace ScrBot.Bot.Connector;

/// <summary>
/// Teams ids (conversation ids such as <c>19:abc@thread.tacv2;messageid=1</c>) used as Azure Tables keys:
/// the characters Tables forbids in keys (<c>/ \ # ?</c> and control characters) and <c>%</c> are percent-encoded.
/// </summary>
public static class TableKeys
{
    public static string Encode(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var builder = new StringBuilder(id.Length);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in id.EnumerateRunes())
        {
            var c = rune.Value;
            if (c is '/' or '\\' or '#' or '?' or '%' || c < 0x20 || (c >= 0x7F && c <= 0x9F))
            {
                var length = rune.EncodeToUtf8(bytes);
                for (var i = 0; i < length; i++)
                {
                    builder.Append('%').Append(bytes[i].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            else
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }
}

/// <summary>
/// The connector's tables, each created on first use: where to reach people, handled activity ids,
/// and messages that could not be delivered.
/// </summary>
public sealed class BotTables(TableServiceClient service)
{
    public const string ConversationReferences = "ConversationReferences";
    public const string HandledActivities = "HandledActivities";
    public const string UndeliveredMessages = "UndeliveredMessages";

    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new();

    public Task<TableClient> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        var lazy = _tables.GetOrAdd(name, n => new Lazy<Task<TableClient>>(() => CreateAsync(n)));
        var task = lazy.Value;
        if (task.IsFaulted || task.IsCanceled)
        {
            _tables.TryRemove(new KeyValuePair<string, Lazy<Task<TableClient>>>(name, lazy));
        }

        return task.WaitAsync(cancellationToken);
    }

    private async Task<TableClient> CreateAsync(string name)
    {
        var client = service.GetTableClient(name);
        await client.CreateIfNotExistsAsync(CancellationToken.None).ConfigureAwait(false);
        return client;
    }
}
