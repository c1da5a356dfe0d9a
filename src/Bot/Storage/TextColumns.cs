using System.Text;
using Azure.Data.Tables;

namespace ScrBot.Bot.Storage;

/// <summary>
/// Stores a long text (a fact's or a snapshot's JSON) across several string properties: a string property holds at
/// most 64 KiB (32K UTF-16 characters), an entity at most 1 MiB. The parts are <c>{name}</c>, <c>{name}1</c>,
/// <c>{name}2</c>, ... and <c>{name}Parts</c> says how many there are.
/// </summary>
internal static class TextColumns
{
    /// <summary>Characters per property: 64,000 bytes as UTF-16, under the 65,536-byte limit.</summary>
    public const int PartLength = 32_000;

    public static int Write(TableEntity entity, string name, string text)
    {
        var parts = Split(text);
        for (var i = 0; i < parts.Count; i++)
        {
            entity[PartName(name, i)] = parts[i];
        }

        entity[name + "Parts"] = parts.Count;
        return parts.Count;
    }

    public static string Read(TableEntity entity, string name)
    {
        var count = entity.GetInt32(name + "Parts") ?? 1;
        if (count == 1)
        {
            return entity.GetString(name) ?? throw MissingPart(entity, name);
        }

        var builder = new StringBuilder(count * PartLength);
        for (var i = 0; i < count; i++)
        {
            builder.Append(entity.GetString(PartName(name, i)) ?? throw MissingPart(entity, PartName(name, i)));
        }

        return builder.ToString();
    }

    public static string PartName(string name, int index) => index == 0 ? name : $"{name}{index}";

    public static IReadOnlyList<string> Split(string text)
    {
        if (text.Length <= PartLength)
        {
            return [text];
        }

        var parts = new List<string>(text.Length / PartLength + 1);
        var start = 0;
        while (start < text.Length)
        {
            var length = Math.Min(PartLength, text.Length - start);
            if (start + length < text.Length && char.IsHighSurrogate(text[start + length - 1]))
            {
                length--;
            }

            parts.Add(text.Substring(start, length));
            start += length;
        }

        return parts;
    }

    private static InvalidOperationException MissingPart(TableEntity entity, string name) =>
        new($"The stored row {entity.PartitionKey}/{entity.RowKey} has no property {name}.");
}
