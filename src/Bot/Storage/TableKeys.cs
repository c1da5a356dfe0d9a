using System.Globalization;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Storage;

/// <summary>
/// Builds PartitionKey and RowKey values. Azure Tables forbids '/', '\', '#', '?' and control characters in keys;
/// '|' separates the parts of a composite key. Those characters (and '%') are written as %XX inside a part.
/// </summary>
internal static class TableKeys
{
    public const char Separator = '|';

    /// <summary>The RowKey of the case's snapshot row.</summary>
    public const string SnapshotRow = "snapshot";

    /// <summary>The RowKey of the row recording which index rows the case may have outside its partition.</summary>
    public const string IndexRecordRow = "index";

    /// <summary>One part of a composite key: the characters Tables forbids (and '%') encoded as everywhere else
    /// (<see cref="Connector.TableKeys.Encode"/>), and the separator '|' too.</summary>
    public static string Part(string value)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException("A key part cannot be empty.", nameof(value));
        }

        return Connector.TableKeys.Encode(value).Replace("|", "%7C", StringComparison.Ordinal);
    }

    public static string Board(BoardId board) => Part(board.Value);

    /// <summary>One partition per case: <c>{board}|{reference}</c>.</summary>
    public static string Case(BoardId board, CaseReference reference) => $"{Board(board)}{Separator}{reference.Value}";

    /// <summary>A fact's RowKey: <c>f</c> and its version in ten digits, so rows sort in the order they were stored.</summary>
    public static string Fact(int version) => string.Create(CultureInfo.InvariantCulture, $"f{version:D10}");

    public const string FactPrefix = "f";

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Year(int year) => year.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>The RowKey of an obligation row: <c>{board}|{reference}|{obligation key}</c> (e.g. <c>D3/police</c>).</summary>
    public static string Obligation(BoardId board, CaseReference reference, string key) =>
        $"{CaseObligationPrefix(board, reference)}{Part(key)}";

    /// <summary>Every obligation RowKey of one case starts with this.</summary>
    public static string CaseObligationPrefix(BoardId board, CaseReference reference) =>
        $"{Board(board)}{Separator}{reference.Value}{Separator}";

    /// <summary>The first string after every string that starts with <paramref name="prefix"/>.</summary>
    public static string PrefixEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);
}
