using System.Security.Cryptography;
using System.Text;

namespace ScrBot.Domain.Cases;

/// <summary>
/// The Scoping Panel Confidentiality Statement (toolkit Appendix C no. 7) as shown to a panel member. Each version's
/// text is its own file in <c>src/Domain/Cases/Statements</c> (<c>scoping-panel-confidentiality-statement.v1.txt</c>);
/// a published version's text never changes: a changed text is a new file with a new version. A signature records the
/// <see cref="Version"/> and the SHA-256 hash of exactly this <see cref="Text"/>, so it is always clear what was signed.
/// </summary>
public sealed record ConfidentialityStatement(string Version, string Text)
{
    private const string FilePrefix = "statements/scoping-panel-confidentiality-statement.v";

    /// <summary>Every published version of the statement, oldest first.</summary>
    public static IReadOnlyList<ConfidentialityStatement> Published { get; } = Load();

    /// <summary>The statement every Scoping Panel attendee signs now: the latest published version.</summary>
    public static ConfidentialityStatement ScopingPanel => Published[^1];

    /// <summary>The SHA-256 hash of the UTF-8 text, in lower-case hexadecimal.</summary>
    public string Sha256 => Hash(Text);

    /// <summary>The published statement of this version, if any.</summary>
    public static ConfidentialityStatement? OfVersion(string version) => Published.FirstOrDefault(s => s.Version == version);

    public static string Hash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static List<ConfidentialityStatement> Load()
    {
        var assembly = typeof(ConfidentialityStatement).Assembly;
        var statements = new List<ConfidentialityStatement>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(FilePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var text = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
            statements.Add(new ConfidentialityStatement(name[FilePrefix.Length..^".txt".Length], text));
        }

        if (statements.Count == 0)
        {
            throw new InvalidOperationException("No confidentiality statement is published (src/Domain/Cases/Statements).");
        }

        return [.. statements.OrderBy(s => int.Parse(s.Version, System.Globalization.CultureInfo.InvariantCulture))];
    }
}
