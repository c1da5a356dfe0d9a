using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;

namespace ScrBot.Bot.Tests.Infrastructure;

/// <summary>
/// A real Azurite Table service (npm <c>azurite</c>, pinned in <c>tools/package-lock.json</c>), started on a free
/// loopback port for the test run and stopped afterwards. Tables tests use this, never an in-memory stand-in.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private Process? _process;

    public int Port { get; private set; }

    /// <summary>Azurite's well-known development account, on the port this fixture chose.</summary>
    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"TableEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    public TableServiceClient ServiceClient() => new(ConnectionString);

    /// <summary>A fresh, uniquely named table so that tests never see each other's rows.</summary>
    public async Task<TableClient> NewTableAsync(string prefix = "t")
    {
        var name = prefix + Guid.NewGuid().ToString("N")[..20];
        var client = ServiceClient().GetTableClient(name);
        await client.CreateIfNotExistsAsync();
        return client;
    }

    public async Task InitializeAsync()
    {
        var tools = Path.Combine(RepositoryRoot(), "tools");
        var script = Path.Combine(tools, "node_modules", "azurite", "dist", "src", "table", "main.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed at {script}. Run 'npm ci' in tools/ (scripts/test.sh does this).");
        }

        Port = FreePort();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = tools,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     script, "--tableHost", "127.0.0.1", "--tablePort", Port.ToString(),
                     "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry",
                 })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode}.");
            }

            try
            {
                await ServiceClient().GetTableClient("probe").CreateIfNotExistsAsync();
                return;
            }
            catch (Exception) when (deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException("Azurite did not answer within 30 seconds.");
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ScrBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Could not find ScrBot.sln above the test binaries.");
    }
}

/// <summary>One Azurite for every test class that needs Tables.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
