using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using ScrBot.Domain.Calendar;

namespace ScrBot.Bot.Nudges;

/// <summary>
/// <c>ScrBot.Bot sweep-nudges</c>: runs today's deadline sweep now (with the same settings as the bot), prints what it
/// did (counts only) and exits without serving — to see the day's nudges when trying ScrBot locally
/// (<c>scripts/run-local.sh --sweep-nudges</c>). The ledger still sends each message at most once a day: when the
/// day's sweep has run already, only what has fallen due since is sent.
/// </summary>
public static class NudgeSweepCommand
{
    public const string Command = "sweep-nudges";

    public static bool IsRequested(string[] args) => args is [Command, ..];

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        var sweep = services.GetRequiredService<NudgeSweep>();
        var today = LondonTime.Today(services.GetRequiredService<TimeProvider>());
        var summary = await sweep.RunAsync(today, CancellationToken.None).ConfigureAwait(false);
        if (summary.Claim == SweepClaimState.AlreadySwept)
        {
            summary = await sweep.SweepAsync(today, null, CancellationToken.None).ConfigureAwait(false);
        }
        else if (summary.Claim == SweepClaimState.HeldByAnother)
        {
            await output.WriteLineAsync($"Another instance is sweeping {Day(today)} until {summary.HeldUntil:HH:mm} UTC; try again then.").ConfigureAwait(false);
            return 3;
        }

        await output.WriteLineAsync(
            $"Nudge sweep for {Day(today)}: {summary.Cases} case(s), {summary.Obligations} obligation(s) due soon or overdue; " +
            $"{summary.NudgesSent} nudge(s) sent, {summary.RemindersPosted} channel reminder(s) posted, {summary.AlreadySent} already sent today, " +
            $"{summary.Unreachable} not reachable (no chat with ScrBot), {summary.Undelivered} undelivered.").ConfigureAwait(false);
        return 0;
    }

    private static string Day(DateOnly day) => day.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);
}
