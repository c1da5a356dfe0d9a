using System.Text.Json;
using System.Text.Json.Serialization;
using ScrBot.Domain.Cases;

namespace ScrBot.Domain.Boards;

/// <summary>Writes the small identifier types as plain JSON strings, so stored facts stay readable.</summary>
internal abstract class StringValueConverter<T> : JsonConverter<T>
{
    protected abstract T Create(string value);

    protected abstract string Text(T value);

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? Create(reader.GetString()!)
            : throw new JsonException($"Expected a string for {typeof(T).Name}.");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(Text(value));

    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Create(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WritePropertyName(Text(value));
}

internal sealed class BoardIdJson : StringValueConverter<BoardId>
{
    protected override BoardId Create(string value) => new(value);

    protected override string Text(BoardId value) => value.Value;
}

internal sealed class AgencyIdJson : StringValueConverter<AgencyId>
{
    protected override AgencyId Create(string value) => new(value);

    protected override string Text(AgencyId value) => value.Value;
}

internal sealed class PersonIdJson : StringValueConverter<PersonId>
{
    protected override PersonId Create(string value) => new(value);

    protected override string Text(PersonId value) => value.Value;
}

internal sealed class CaseReferenceJson : StringValueConverter<CaseReference>
{
    protected override CaseReference Create(string value) =>
        CaseReference.TryParse(value, out var reference) ? reference.Value : throw new JsonException($"'{value}' is not a case reference.");

    protected override string Text(CaseReference value) => value.Value;
}
