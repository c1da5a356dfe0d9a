using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScrBot.Bot.Connector;

/// <summary>
/// The JSON conventions of the Bot Connector: camelCase names, nulls left out, and text written as it is. The default
/// encoder would write every non-ASCII character (Welsh, Polish, Urdu…) and every apostrophe as a six-character
/// <c>\uXXXX</c> escape, which can push a card over Teams' 40 KB; the payload goes over HTTP as JSON, never into an
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
    /// The size Teams counts against its 40 KB message limit: the UTF-16 size of the whole payload, as it is sent.
    /// </summary>
    public static int Utf16Size(Activity activity) => Serialize(activity).Length * 2;

    public const int MaxMessageBytes = 40 * 1024;
}
