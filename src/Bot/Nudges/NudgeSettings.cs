using System.Globalization;
using Microsoft.Extensions.Configuration;
using ScrBot.Bot.Hosting;

namespace ScrBot.Bot.Nudges;

/// <summary>
/// When the daily deadline sweep runs and how far ahead it looks. Read from the environment variables
/// <c>Nudges__Enabled</c>, <c>Nudges__TimeOfDay</c>, <c>Nudges__LookaheadWorkingDays</c> and
/// <c>Nudges__LeaseMinutes</c>; a malformed value stops start-up with a message naming it.
/// </summary>
public sealed record NudgeSettings
{
    public const string Section = "Nudges";

    public static readonly TimeOnly DefaultTimeOfDay = new(8, 0);

    public const int DefaultLookaheadWorkingDays = 2;

    public const int MaxLookaheadWorkingDays = 20;

    public const int DefaultLeaseMinutes = 30;

    /// <summary><c>Nudges__Enabled</c>: false stops the sweep altogether (nothing is sent).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary><c>Nudges__TimeOfDay</c>: the Europe/London time of day the sweep runs on each working day.</summary>
    public TimeOnly TimeOfDay { get; init; } = DefaultTimeOfDay;

    /// <summary><c>Nudges__LookaheadWorkingDays</c>: obligations due within this many working days are "due soon".</summary>
    public int LookaheadWorkingDays { get; init; } = DefaultLookaheadWorkingDays;

    /// <summary>
    /// <c>Nudges__LeaseMinutes</c>: how long one instance holds the day's sweep before another may take it over
    /// (after a crash). The holder renews it while it works.
    /// </summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(DefaultLeaseMinutes);

    /// <summary>Reads and checks the settings; every problem is named in the <see cref="SettingsException"/>.</summary>
    public static NudgeSettings Read(IConfiguration? configuration)
    {
        var problems = new List<string>();
        string? Get(string name)
        {
            var value = configuration?[$"{Section}:{name}"];
            return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }

        var settings = new NudgeSettings();
        if (Get("Enabled") is { } enabled)
        {
            if (bool.TryParse(enabled, out var on))
            {
                settings = settings with { Enabled = on };
            }
            else
            {
                problems.Add($"Nudges__Enabled must be true or false; it is '{enabled}'.");
            }
        }

        if (Get("TimeOfDay") is { } time)
        {
            if (TimeOnly.TryParseExact(time, ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            {
                settings = settings with { TimeOfDay = at };
            }
            else
            {
                problems.Add($"Nudges__TimeOfDay must be a London time of day such as 08:00; it is '{time}'.");
            }
        }

        if (Get("LookaheadWorkingDays") is { } lookahead)
        {
            if (int.TryParse(lookahead, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days <= MaxLookaheadWorkingDays)
            {
                settings = settings with { LookaheadWorkingDays = days };
            }
            else
            {
                problems.Add($"Nudges__LookaheadWorkingDays must be a whole number of working days from 0 to {MaxLookaheadWorkingDays}; it is '{lookahead}'.");
            }
        }

        if (Get("LeaseMinutes") is { } lease)
        {
            if (int.TryParse(lease, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes is >= 1 and <= 720)
            {
                settings = settings with { Lease = TimeSpan.FromMinutes(minutes) };
            }
            else
            {
                problems.Add($"Nudges__LeaseMinutes must be a whole number of minutes from 1 to 720; it is '{lease}'.");
            }
        }

        if (problems.Count > 0)
        {
            throw new SettingsException(problems);
        }

        return settings;
    }
}
