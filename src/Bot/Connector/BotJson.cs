using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScrBot.Bot.Connector;

/// <summary>The JSON conventions of the Bot Connector: camelCase names, nulls left out.</summary>
public static class BotJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>
    /// The size Teams counts against its 40 KB message limit: the UTF-16 size of the whole payload.
    /// </summary>
    public static int Utf16Size(Activity activity) => Serialize(activity).Length * 2;

    public const int MaxMessageBytes = 40 * 1024;
}
