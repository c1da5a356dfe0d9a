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

        // A free port can be taken by another test between choosing it and Azurite binding it: try again on another.
        var problems = new List<string>();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            Port = FreePort();
            var (process, problem) = await StartAsync(tools, script, Port);
            if (process is not null)
            {
                _process = process;
                return;
            }

            problems.Add($"port {Port}: {problem}");
        }

        throw new InvalidOperationException("Azurite did not start: " + string.Join("; ", problems));
    }

    private async Task<(Process? Process, string Problem)> StartAsync(string tools, string script, int port)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = tools,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     script, "--tableHost", "127.0.0.1", "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry",
                 })
        {
            start.ArgumentList.Add(arg);
        }

        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        process.EnableRaisingEvents = true;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            output.Enqueue(e.Data);
            if (e.Data.Contains("successfully started", StringComparison.OrdinalIgnoreCase))
            {
                listening.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.Enqueue(e.Data);
            }
        };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("Azurite exited."));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await new TableServiceClient(ConnectionString).GetTableClient("probe").CreateIfNotExistsAsync();
            return (process, "");
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or Azure.RequestFailedException or HttpRequestException)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
            return (null, $"{e.Message} {string.Join(" ", output)}".Trim());
        }
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
