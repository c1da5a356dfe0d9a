using System.Text.Json.Nodes;

namespace ScrBot.Deploy.Tests.Infrastructure;

/// <summary>
/// Runs the official Bicep CLI once over infra-bicep/: build of main.bicep, lint of main.bicep (which covers the
/// local modules it uses) and build-params of main.bicepparam. Keeps the output and the compiled ARM template.
/// </summary>
public sealed class BicepFixture : IAsyncLifetime
{
    public ProcessResult Build { get; private set; } = new(-1, "", "");

    public ProcessResult Lint { get; private set; } = new(-1, "", "");

    public ProcessResult BuildParams { get; private set; } = new(-1, "", "");

    public ProcessResult Version { get; private set; } = new(-1, "", "");

    public JsonObject Template { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Version = await BicepCli.RunAsync("--version");
        Build = await BicepCli.RunAsync("build", "main.bicep", "--stdout");
        Lint = await BicepCli.RunAsync("lint", "main.bicep");
        BuildParams = await BicepCli.RunAsync("build-params", "main.bicepparam", "--stdout");
        if (Build.ExitCode == 0)
        {
            Template = JsonNode.Parse(Build.StandardOutput)!.AsObject();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Every resource in the template and in the nested templates of its modules.</summary>
    public IReadOnlyList<TemplateResource> Resources() => Flatten(Template, module: null).ToList();

    public TemplateResource Single(string type) => Assert.Single(Resources(), r => r.Type == type);

    /// <summary>The module deployment with this name, as main.bicep declares it.</summary>
    public JsonObject Module(string name) => Resources()
        .Single(r => r.Type == "Microsoft.Resources/deployments" && r.Json["name"]!.GetValue<string>() == name).Json;

    private static IEnumerable<TemplateResource> Flatten(JsonObject template, string? module)
    {
        var resources = template["resources"] switch
        {
            JsonArray array => array.Select(r => r!.AsObject()),
            JsonObject map => map.Select(p => p.Value!.AsObject()),
            _ => [],
        };
        foreach (var resource in resources)
        {
            var type = resource["type"]!.GetValue<string>();
            yield return new TemplateResource(type, resource["apiVersion"]?.GetValue<string>() ?? "", module, resource);
            if (type == "Microsoft.Resources/deployments" && resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in Flatten(nested, resource["name"]!.GetValue<string>()))
                {
                    yield return inner;
                }
            }
        }
    }
}

/// <summary>A resource of the compiled ARM template, with the module it came from.</summary>
public sealed record TemplateResource(string Type, string ApiVersion, string? Module, JsonObject Json)
{
    public JsonNode Properties => Json["properties"]!;
}
