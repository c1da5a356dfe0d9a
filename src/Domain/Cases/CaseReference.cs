using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ScrBot.Domain.Cases;

/// <summary>
/// A case's reference, e.g. <c>SCR-2026-0007</c>: numbered in one sequence per year across every board of a deployment, so it names one case. The only thing about a case that
/// may appear in a channel post, a reminder, a log line or an index row.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(ScrBot.Domain.Boards.CaseReferenceJson))]
public readonly partial record struct CaseReference
{
    public CaseReference(int year, int number)
    {
        if (year is < 2000 or > 2999)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "A case reference year has four digits.");
        }

        if (number is < 1 or > 9999)
        {
            throw new ArgumentOutOfRangeException(nameof(number), number, "A case reference number runs from 1 to 9999.");
        }

        Year = year;
        Number = number;
    }

    public int Year { get; }

    public int Number { get; }

    public string Value => string.Create(CultureInfo.InvariantCulture, $"SCR-{Year:D4}-{Number:D4}");

    public override string ToString() => Value;

    public static bool TryParse(string? text, [NotNullWhen(true)] out CaseReference? reference)
    {
        reference = null;
        if (text is null)
        {
            return false;
        }

        var match = Pattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        if (!int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(match.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number is < 1 or > 9999 || year is < 2000 or > 2999)
        {
            return false;
        }

        reference = new CaseReference(year, number);
        return true;
    }

    public static CaseReference Parse(string text) =>
        TryParse(text, out var reference) ? reference.Value : throw new FormatException($"'{text}' is not a case reference like SCR-2026-0007.");

    [GeneratedRegex(@"^SCR-([0-9]{4})-([0-9]{4})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
