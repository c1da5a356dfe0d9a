using Azure.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Graph;
using ScrBot.Bot.Graph;
using ScrBot.Bot.Hosting;
using ScrBot.Bot.Tests.Connector;
using ScrBot.GraphStandIn;

namespace ScrBot.Bot.Tests.Graph;

/// <summary>
/// The Graph stand-in (tools/GraphStandIn, holding every request to specs/graph-v1.0.csdl) on a loopback port, and
/// ScrBot's own Graph client pointed at it with a credential whose token the stand-in requires.
/// </summary>
public sealed class GraphTestKit : IAsyncDisposable
{
    public const string Tenant = "board.example";
    public const string Organiser = "scr-panels@board.example";
    public const string Token = "graph-token-for-tests";

    private GraphTestKit(GraphStandInServer standIn, FakeTimeProvider time)
    {
        StandIn = standIn;
        Time = time;
        Settings = new GraphSettings
        {
            BaseUrl = standIn.BaseUrl,
            OrganiserMailbox = Organiser,
            TeamsAppId = "c5f1a7d2-3b4e-4f60-9a8b-7c6d5e4f3a21",
            Credential = GraphCredentialKind.ManagedIdentity,
            ManagedIdentityClientId = "0d3f0f1e-1111-4222-8333-444455556666",
        };
        Credential = new CountingCredential(time);
        Client = GraphConnection.CreateClient(Settings, Credential, time, NullLogger.Instance);
    }

    public GraphStandInServer StandIn { get; }

    public StandInState State => StandIn.State;

    public FakeTimeProvider Time { get; }

    public GraphSettings Settings { get; }

    public CountingCredential Credential { get; }

    public GraphServiceClient Client { get; }

    /// <summary>The requests the stand-in received, apart from its control routes.</summary>
    public IReadOnlyList<ReceivedRequest> GraphRequests => State.Requests;

    public static async Task<GraphTestKit> StartAsync(DateTimeOffset? now = null)
    {
        var time = new FakeTimeProvider(now ?? new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        var standIn = await BotFactory.BuildAlone(() => GraphStandInServer.StartAsync(time: time));
        standIn.State.TenantDomains.Add(Tenant);
        standIn.State.RequiredToken = Token;
        standIn.State.Catalogue["c5f1a7d2-3b4e-4f60-9a8b-7c6d5e4f3a21"] = "ScrBot";
        return new GraphTestKit(standIn, time);
    }

    /// <summary>Advances the fake clock until <paramref name="task"/> finishes (retries wait on it), a second at a time.</summary>
    public async Task<T> RunAsync<T>(Task<T> task, TimeSpan? limit = null)
    {
        var advanced = TimeSpan.Zero;
        while (!task.IsCompleted)
        {
            await Task.WhenAny(task, Task.Delay(20));
            if (!task.IsCompleted)
            {
                if (advanced >= (limit ?? TimeSpan.FromMinutes(10)))
                {
                    throw new TimeoutException("The call did not finish within the fake time allowed.");
                }

                Time.Advance(TimeSpan.FromSeconds(1));
                advanced += TimeSpan.FromSeconds(1);
            }
        }

        return await task;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await StandIn.DisposeAsync();
    }

    /// <summary>A managed identity stand-in: hands out <see cref="Token"/> and counts how often it was asked.</summary>
    public sealed class CountingCredential(TimeProvider time) : TokenCredential
    {
        private int _calls;

        public int Calls => _calls;

        public string[] LastScopes { get; private set; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            LastScopes = requestContext.Scopes;
            return new AccessToken(Token, time.GetUtcNow().AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
