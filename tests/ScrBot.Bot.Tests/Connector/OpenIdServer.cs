using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ScrBot.Bot.Tests.Connector;

/// <summary>
/// A local stand-in for login.botframework.com: the OpenID metadata document and its JWKS, whose keys carry an
/// <c>endorsements</c> array as the Bot Framework's do; and a signer of Bot Framework-shaped tokens.
/// </summary>
public sealed class OpenIdServer : IAsyncDisposable
{
    public const string Issuer = "https://api.botframework.com";
    public const string AppId = "7d3a2f51-6c1e-4b8a-9f0d-2e5c4b3a1f00";

    private readonly LoopbackServer _server;
    private int _metadataRequests;
    private int _keyRequests;

    private OpenIdServer(LoopbackServer server) => _server = server;

    /// <summary>The key that signs tokens, endorsed for msteams.</summary>
    public TestKey Teams { get; } = new("teams-key", ["msteams"]);

    /// <summary>A published key endorsed only for another channel.</summary>
    public TestKey WebChatOnly { get; } = new("webchat-key", ["webchat"]);

    /// <summary>Keys the JWKS publishes; tests may add one to rotate keys.</summary>
    public List<TestKey> Published { get; } = [];

    public Uri MetadataUrl => new(_server.BaseAddress, "v1/.well-known/openidconfiguration");

    public int MetadataRequests => _metadataRequests;

    public int KeyRequests => _keyRequests;

    public static async Task<OpenIdServer> StartAsync()
    {
        OpenIdServer? self = null;
        var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/v1/.well-known/openidconfiguration", (HttpContext c) =>
            {
                Interlocked.Increment(ref self!._metadataRequests);
                return Results.Json(new JsonObject
                {
                    ["issuer"] = Issuer,
                    ["authorization_endpoint"] = "https://invalid.botframework.com",
                    ["jwks_uri"] = new Uri(self._server.BaseAddress, "v1/.well-known/keys").AbsoluteUri,
                    ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
                    ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
                });
            });
            app.MapGet("/v1/.well-known/keys", () =>
            {
                Interlocked.Increment(ref self!._keyRequests);
                var keys = new JsonArray();
                foreach (var key in self.Published.ToList())
                {
                    keys.Add(key.Jwk());
                }

                return Results.Json(new JsonObject { ["keys"] = keys });
            });
        });
        self = new OpenIdServer(server);
        self.Published.Add(self.Teams);
        self.Published.Add(self.WebChatOnly);
        return self;
    }

    /// <summary>A token as the Bot Framework signs it for Teams, valid from <paramref name="now"/> for an hour.</summary>
    public static string Token(
        TestKey key, DateTimeOffset now, string serviceUrl, string audience = AppId, string issuer = Issuer,
        DateTimeOffset? notBefore = null, DateTimeOffset? expires = null)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = (notBefore ?? now).UtcDateTime,
            NotBefore = (notBefore ?? now).UtcDateTime,
            Expires = (expires ?? now.AddHours(1)).UtcDateTime,
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
            SigningCredentials = new SigningCredentials(key.SecurityKey, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>The same claims with <c>alg: none</c> and no signature.</summary>
    public static string UnsignedToken(DateTimeOffset now, string serviceUrl, string kid)
    {
        var header = Base64Url($$"""{"alg":"none","typ":"JWT","kid":"{{kid}}"}""");
        var payload = Base64Url($$"""{"iss":"{{Issuer}}","aud":"{{AppId}}","nbf":{{now.ToUnixTimeSeconds()}},"exp":{{now.AddHours(1).ToUnixTimeSeconds()}},"serviceurl":"{{serviceUrl}}"}""");
        return header + "." + payload + ".";
    }

    private static string Base64Url(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    /// <summary>An RSA signing key with its kid and endorsements.</summary>
    public sealed class TestKey
    {
        public TestKey(string kid, string[]? endorsements)
        {
            Kid = kid;
            Endorsements = endorsements;
            Rsa = RSA.Create(2048);
            SecurityKey = new RsaSecurityKey(Rsa) { KeyId = kid };
        }

        public string Kid { get; }
        public string[]? Endorsements { get; }
        public RSA Rsa { get; }
        public RsaSecurityKey SecurityKey { get; }

        public JsonObject Jwk()
        {
            var parameters = Rsa.ExportParameters(false);
            var jwk = new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = Kid,
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus!),
                ["e"] = Base64UrlEncoder.Encode(parameters.Exponent!),
            };
            if (Endorsements is not null)
            {
                jwk["endorsements"] = new JsonArray(Endorsements.Select(e => (JsonNode?)JsonValue.Create(e)).ToArray());
            }

            return jwk;
        }
    }
}
