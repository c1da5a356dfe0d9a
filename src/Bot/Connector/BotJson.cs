using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScrBot.Bot.Connector;

/// <summary>
/// The JSON conventions of the Bot Connector: camelCase names, nulls left out, and text written as it is. The default
/// encoder would write every non-ASCII character (Welsh, Polish, Urdu…) and every apostrophe as a six-character
/// <c>\uXXXX</c> escape, which can push a card over Teams' message limit; the payload goes over HTTP as JSON, never into an
/// HTML page, so only what JSON itself requires is escaped.
/// </summary>
public static class BotJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>
    /// The size Teams counts against its message limit: the UTF-16 size of the whole payload, as it is sent.
    /// </summary>
    public static int Utf16Size(Activity activity) => Serialize(activity).Length * 2;

    /// <summary>
    /// Teams' limit on one bot message, about 100 KB counted as UTF-16 (learn.microsoft.com, "Format your bot
    /// messages"; 40 KB until September 2025). More is refused with 413 MessageSizeTooBig.
    /// </summary>
    public const int MaxMessageBytes = 100 * 1024;
}
