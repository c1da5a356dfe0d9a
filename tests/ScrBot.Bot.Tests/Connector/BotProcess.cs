using System.Diagnostics;
using ScrBot.Bot.Tests.Infrastructure;

namespace ScrBot.Bot.Tests.Connector;

/// <summary>The built bot (src/Bot/bin) run as its own process, as it runs in production.</summary>
public static class BotProcess
{
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = Path.Combine(AzuriteFixture.RepositoryRoot(), "src", "Bot", "bin", configuration, "net10.0", "ScrBot.Bot.dll");
        Assert.True(File.Exists(dll), $"The bot is built at {dll}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The bot process did not stop by itself.");
        }

        return (process.ExitCode, await output, await errors);
    }
}
