using System.Text.Json.Nodes;
using ScrBot.Bot.Tests.Infrastructure;

namespace ScrBot.Bot.Tests.Connector;

/// <summary>
/// The Bot Connector swagger (specs/bot-connector-api.swagger.json in this repository, from botbuilder-dotnet's
/// ConnectorAPI.json): checks that JSON the bot writes uses only properties its definitions have, with compatible types.
/// </summary>
public sealed class SwaggerSchema
{
    public const string FileName = "bot-connector-api.swagger.json";

    private readonly JsonObject _definitions;

    private SwaggerSchema(JsonObject swagger)
    {
        Swagger = swagger;
        _definitions = swagger["definitions"]!.AsObject();
    }

    public JsonObject Swagger { get; }

    /// <summary>Reads the copy kept in the repository's <c>specs/</c> folder (see specs/README.md for its source).</summary>
    public static SwaggerSchema Load()
    {
        var path = Path.Combine(AzuriteFixture.RepositoryRoot(), "specs", FileName);
        return new SwaggerSchema(JsonNode.Parse(File.ReadAllText(path))!.AsObject());
    }

    public bool HasPath(string path, string method) =>
        Swagger["paths"]?[path]?[method.ToLowerInvariant()] is not null;

    /// <summary>Every way <paramref name="instance"/> departs from the named definition; empty when it fits.</summary>
    public List<string> Problems(JsonNode? instance, string definition)
    {
        var problems = new List<string>();
        Check(instance, new JsonObject { ["$ref"] = "#/definitions/" + definition }, definition, problems);
        return problems;
    }

    private void Check(JsonNode? instance, JsonNode schema, string where, List<string> problems)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            var name = reference["#/definitions/".Length..];
            Check(instance, _definitions[name] ?? throw new InvalidOperationException("No definition " + name), where, problems);
            return;
        }

        if (instance is null)
        {
            problems.Add($"{where} is null");
            return;
        }

        var type = schema["type"]?.GetValue<string>();
        switch (type)
        {
            case "string" when instance is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String:
                if (schema["enum"] is JsonArray allowed && !allowed.Any(a => a!.GetValue<string>() == v.GetValue<string>()))
                {
                    problems.Add($"{where} is '{v.GetValue<string>()}', not one of {allowed.ToJsonString()}");
                }

                return;
            case "boolean" when instance is JsonValue v && v.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False:
                return;
            case "integer" or "number" when instance is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number:
                return;
            case "array" when instance is JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Check(array[i], schema["items"]!, $"{where}[{i}]", problems);
                }

                return;
            case "object" or null when instance is JsonObject obj:
                if (schema["properties"] is JsonObject properties)
                {
                    foreach (var (name, value) in obj)
                    {
                        if (properties[name] is { } property)
                        {
                            Check(value, property, $"{where}.{name}", problems);
                        }
                        else if (schema["additionalProperties"] is null)
                        {
                            problems.Add($"{where}.{name} is not a property of the swagger's definition");
                        }
                    }
                }

                return;
            default:
                problems.Add($"{where} is {instance.GetValueKind()}, the swagger says {type}");
                return;
        }
    }
}
