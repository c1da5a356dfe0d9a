using System.Security.Cryptography;
using System.Text;

namespace ScrBot.Domain.Cases;

/// <summary>
/// The Scoping Panel Confidentiality Statement (toolkit Appendix C) as shown to a panel member. A signature records the
/// <see cref="Version"/> and the SHA-256 hash of exactly this <see cref="Text"/>, so it is always clear what was signed.
/// </summary>
public sealed record ConfidentialityStatement(string Version, string Text)
{
    /// <summary>The statement every Scoping Panel attendee signs.</summary>
    public static ConfidentialityStatement ScopingPanel { get; } = new(
        "4 (14 June 2016)",
        """
        Scoping Panel Confidentiality Statement

        I understand that the information shared at this Scoping Panel is confidential. It is shared so that the panel can
        learn lessons about the services provided to the child and their family, and decide whether the criteria for a
        Serious Case Review are met.

        I will use the information only for the purposes of the Scoping Panel and any review that follows. I will not pass
        it on to anyone else, except as the Local Safeguarding Children Board's procedures allow, and I will keep any
        records of it marked confidential and protected with a password, in line with my agency's information governance.

        I understand that information from the review process may need to be shared with the police, and that nothing
        should be discussed at the panel which relates to the potential guilt of any suspect or defendant.

        If, during the panel or later, I am concerned that any child is suffering, or is at risk of suffering, significant
        harm, I will make sure that safeguarding children procedures are started at once.
        """);

    /// <summary>The SHA-256 hash of the UTF-8 text, in lower-case hexadecimal.</summary>
    public string Sha256 => Hash(Text);

    public static string Hash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
