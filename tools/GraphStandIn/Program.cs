// The Microsoft Graph stand-in, run on its own (scripts/run-local.sh starts it):
//
//   dotnet run --project tools/GraphStandIn -- --urls http://127.0.0.1:5290 --tenant board.example \
//       [--catalogue <teams app id>] [--people config/graph-standin.local.json]
//
// Graph__BaseUrl is then http://127.0.0.1:5290/v1.0. See tools/GraphStandIn/README.md for the /_standin/ routes.
using System.Text.Json;

namespace ScrBot.GraphStandIn;

internal static class StandInProgram
{
    public static async Task<int> Main(string[] args)
    {
        var url = "http://127.0.0.1:5290";
        string? peopleFile = null;
        string? csdl = null;
        var domains = new List<string>();
        var catalogue = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--urls": url = args[++i]; break;
                case "--people": peopleFile = args[++i]; break;
                case "--csdl": csdl = args[++i]; break;
                case "--tenant": domains.Add(args[++i]); break;
                case "--catalogue": catalogue.Add(args[++i]); break;
                default:
                    Console.Error.WriteLine($"Unknown option {args[i]}");
                    return 2;
            }
        }

        await using var server = await GraphStandInServer.StartAsync(url, csdl);
        foreach (var domain in domains)
        {
            server.State.TenantDomains.Add(domain);
        }

        foreach (var app in catalogue)
        {
            server.State.Catalogue[app] = "ScrBot";
        }

        if (peopleFile is not null)
        {
            var seed = JsonSerializer.Deserialize<StandInSeed>(File.ReadAllText(peopleFile), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
            seed.ApplyTo(server.State);
        }

        Console.WriteLine($"Graph stand-in listening on {server.Address} (Graph__BaseUrl={server.BaseUrl})");
        await server.WaitForShutdownAsync();
        return 0;
    }
}
