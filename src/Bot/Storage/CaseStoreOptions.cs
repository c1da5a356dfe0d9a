namespace ScrBot.Bot.Storage;

/// <summary>Settings of the case store (configuration section <c>CaseStore</c>).</summary>
public sealed class CaseStoreOptions
{
    public const string Section = "CaseStore";

    /// <summary>Put in front of every table name, e.g. to keep two deployments apart in one storage account. Letters and digits only.</summary>
    public string TablePrefix { get; set; } = "";

    /// <summary>How many times a write that lost a race is re-read and re-run before the store gives up.</summary>
    public int MaxAttempts { get; set; } = 64;

    /// <summary>The first pause after a lost race; it doubles each time, with jitter, up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>The names of the case store's tables.</summary>
public sealed record CaseTableNames(string Cases, string CaseIndex, string CaseLookup, string CaseCounters, string Obligations)
{
    public static CaseTableNames WithPrefix(string prefix)
    {
        if (prefix.Any(c => !char.IsAsciiLetterOrDigit(c)) || (prefix.Length > 0 && !char.IsAsciiLetter(prefix[0])))
        {
            throw new ArgumentException("A table prefix starts with a letter and has only letters and digits.", nameof(prefix));
        }

        return new(prefix + "Cases", prefix + "CaseIndex", prefix + "CaseLookup", prefix + "CaseCounters", prefix + "Obligations")
        {
            TaskCards = prefix + "TaskCards",
        };
    }

    /// <summary>Where each case's task cards and hub card were sent (see <c>Conversations.TaskLedger</c>), with the same prefix.</summary>
    public string TaskCards { get; init; } = "TaskCards";

    public IReadOnlyList<string> All => [Cases, CaseIndex, CaseLookup, CaseCounters, Obligations];
}
