using System.Diagnostics;
using System.Text;
using ScrBot.Bot.Tests.Infrastructure;

namespace ScrBot.Bot.Tests.Cards;

/// <summary>Runs one of the node scripts in tools/ (pinned by tools/package-lock.json) and collects what it printed.</summary>
internal static class NodeTool
{
    public sealed record Run(int ExitCode, string Output, string Errors);

    public static async Task<Run> RunAsync(string script, IEnumerable<string> arguments, TimeSpan limit)
    {
        var tools = Path.Combine(AzuriteFixture.RepositoryRoot(), "tools");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = tools,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(tools, script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"node {script} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish within {limit}.");
        }

        return new Run(process.ExitCode, await output, await errors);
    }
}
