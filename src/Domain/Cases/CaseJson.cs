using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScrBot.Domain.Cases;

/// <summary>The one JSON shape of facts and snapshots, used wherever they are stored or compared.</summary>
public static class CaseJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
    };

    public static string Serialize(CaseEvent fact) => JsonSerializer.Serialize(fact, Options);

    public static CaseEvent DeserializeFact(string json) =>
        JsonSerializer.Deserialize<CaseEvent>(json, Options) ?? throw new JsonException("A stored fact was empty.");

    public static string Serialize(CaseState state) => JsonSerializer.Serialize(state, Options);

    public static CaseState DeserializeState(string json) =>
        JsonSerializer.Deserialize<CaseState>(json, Options) ?? throw new JsonException("A stored snapshot was empty.");
}
