using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using ScrBot.Bot.Connector;

namespace ScrBot.Bot.Hosting;

/// <summary>
/// <c>ScrBot.Bot list-undelivered [--since 2027-03-01]</c>: prints the messages the sender could not deliver, one a line
/// (time, conversation, operation, activity type, attempts, resend key, reason), and exits without serving.
/// </summary>
public static class UndeliveredReport
{
    public const string Command = "list-undelivered";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Command;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        DateTimeOffset? since = null;
        var at = Array.IndexOf(args, "--since");
        if (at >= 0)
        {
            if (at + 1 >= args.Length || !DateTimeOffset.TryParse(args[at + 1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var from))
            {
                await Console.Error.WriteLineAsync("--since needs a date or time, e.g. --since 2027-03-01");
                return 2;
            }

            since = from;
        }

        _ = services.GetRequiredService<ScrBotSettings>();
        var messages = await services.GetRequiredService<IUndeliveredMessages>().ListAsync(since, CancellationToken.None);
        await output.WriteLineAsync("failedAt\tconversationId\toperation\tactivityType\tattempts\tresendKey\treason");
        foreach (var m in messages)
        {
            await output.WriteLineAsync(string.Join('\t',
                m.FailedAt.ToString("o", CultureInfo.InvariantCulture), m.ConversationId, m.Operation, m.ActivityType, m.Attempts.ToString(CultureInfo.InvariantCulture), m.ResendKey, m.Reason));
        }

        await output.WriteLineAsync($"{messages.Count} undelivered message(s).");
        return 0;
    }
}
