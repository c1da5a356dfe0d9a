using System.Reflection;

namespace ScrBot.Deploy.Tests.Infrastructure;

/// <summary>
/// The official Bicep CLI from the NuGet package Azure.Bicep.CommandLine.linux-x64, which the test project restores
/// with a PackageDownload; its path is recorded in the test assembly at build time.
/// </summary>
public static class BicepCli
{
    private static readonly Lazy<string> ExecutablePath = new(Locate);

    public static string Version => Metadata("BicepCliVersion");

    public static Task<ProcessResult> RunAsync(params string[] arguments) =>
        ProcessRun.RunAsync(ExecutablePath.Value, arguments, Repository.PathTo("infra-bicep"));

    private static string Metadata(string key) =>
        typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"The test assembly has no {key}.");

    private static string Locate()
    {
        var path = Metadata("BicepCliPath");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The Bicep CLI is not at {path}. Restore the test project (dotnet restore tests/ScrBot.Deploy.Tests).");
        }

        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            var execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            if ((mode & UnixFileMode.UserExecute) == 0)
            {
                File.SetUnixFileMode(path, mode | execute);
            }
        }

        return path;
    }
}
