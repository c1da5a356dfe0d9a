using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace ScrBot.GraphStandIn;

/// <summary>
/// The Microsoft Graph v1.0 metadata (specs/graph-v1.0.csdl, from microsoftgraph/msgraph-metadata): its entity,
/// complex and enum types and its bound actions. Checks a JSON request body the way Graph reads one: an unknown
/// property, a value of the wrong type, a null where the type forbids it or an enum value that is not a member is
/// refused. Outlook refuses unknown properties on events although the metadata marks <c>event</c> as an open type,
/// so open types are held to their declared properties too.
/// </summary>
public sealed class Csdl
{
    private const string Edm = "http://docs.oasis-open.org/odata/ns/edm";
    private readonly Dictionary<string, StructuredType> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _enums = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ActionInfo>> _actions = new(StringComparer.Ordinal);

    private Csdl()
    {
    }

    /// <summary>The file name under the repository's <c>specs/</c> folder.</summary>
    public const string FileName = "graph-v1.0.csdl";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Csdl>> Loaded = new(StringComparer.Ordinal);

    /// <summary>Reads the CSDL at <paramref name="path"/> (once per path: it is 3 MB).</summary>
    public static Csdl Load(string path) =>
        Loaded.GetOrAdd(Path.GetFullPath(path), p => new Lazy<Csdl>(() => Read(p))).Value;

    private static Csdl Read(string path)
    {
        var csdl = new Csdl();
        var document = XDocument.Load(path);
        foreach (var schema in document.Descendants(XName.Get("Schema", Edm)))
        {
            var ns = (string)schema.Attribute("Namespace")!;
            var alias = (string?)schema.Attribute("Alias");
            foreach (var element in schema.Elements())
            {
                var name = (string?)element.Attribute("Name");
                if (name is null)
                {
                    continue;
                }

                switch (element.Name.LocalName)
                {
                    case "EnumType":
                        csdl._enums[ns + "." + name] = element.Elements(XName.Get("Member", Edm))
                            .Select(m => (string)m.Attribute("Name")!).ToHashSet(StringComparer.Ordinal);
                        break;
                    case "EntityType" or "ComplexType":
                        var type = new StructuredType(ns + "." + name, element.Name.LocalName == "EntityType")
                        {
                            BaseType = Qualify((string?)element.Attribute("BaseType"), ns, alias),
                        };
                        foreach (var property in element.Elements(XName.Get("Property", Edm)))
                        {
                            type.Properties[(string)property.Attribute("Name")!] = new PropertyInfo(
                                Qualify((string)property.Attribute("Type")!, ns, alias)!,
                                (string?)property.Attribute("Nullable") != "false");
                        }

                        foreach (var navigation in element.Elements(XName.Get("NavigationProperty", Edm)))
                        {
                            type.Navigation[(string)navigation.Attribute("Name")!] = Qualify((string)navigation.Attribute("Type")!, ns, alias)!;
                        }

                        csdl._types[type.Name] = type;
                        break;
                    case "Action":
                        var parameters = element.Elements(XName.Get("Parameter", Edm))
                            .Select(p => new PropertyInfo(Qualify((string)p.Attribute("Type")!, ns, alias)!, (string?)p.Attribute("Nullable") != "false") { Name = (string)p.Attribute("Name")! })
                            .ToList();
                        if (!csdl._actions.TryGetValue(name, out var overloads))
                        {
                            csdl._actions[name] = overloads = [];
                        }

                        overloads.Add(new ActionInfo(name, parameters));
                        break;
                }
            }
        }

        return csdl;
    }

    /// <summary>
    /// Finds the CSDL in the repository's <c>specs/</c> folder, looking up from <paramref name="start"/> (by default
    /// the running program's folder).
    /// </summary>
    public static string FindInRepository(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "specs", FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"specs/{FileName} was not found above {start ?? AppContext.BaseDirectory}.");
    }

    public bool HasType(string qualifiedName) => _types.ContainsKey(qualifiedName);

    /// <summary>The names of the properties <paramref name="qualifiedName"/> declares, its base types' included.</summary>
    public IReadOnlyCollection<string> PropertiesOf(string qualifiedName) =>
        [.. Chain(qualifiedName).SelectMany(t => t.Properties.Keys.Concat(t.Navigation.Keys))];

    /// <summary>Every way <paramref name="body"/> departs from the type <paramref name="qualifiedName"/>; empty when it fits.</summary>
    public List<string> Check(JsonNode? body, string qualifiedName)
    {
        var problems = new List<string>();
        CheckValue(body, qualifiedName, nullable: false, "", problems);
        return problems;
    }

    /// <summary>
    /// Every way <paramref name="body"/> departs from the parameters of the action <paramref name="action"/> bound to
    /// <paramref name="bindingType"/>. Graph reads action parameter names without regard to case.
    /// </summary>
    public List<string> CheckAction(JsonNode? body, string action, string bindingType)
    {
        var problems = new List<string>();
        var info = _actions.GetValueOrDefault(action)?.FirstOrDefault(a =>
            a.Parameters.FirstOrDefault()?.Type == bindingType) ?? throw new InvalidOperationException($"No action {action} bound to {bindingType}.");
        if (body is not JsonObject obj)
        {
            problems.Add("The request body must be a JSON object.");
            return problems;
        }

        foreach (var (name, value) in obj)
        {
            var parameter = info.Parameters.Skip(1).FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (parameter is null)
            {
                problems.Add($"The parameter '{name}' in the request payload is not a valid parameter for the operation '{action}'.");
                continue;
            }

            CheckValue(value, parameter.Type, parameter.Nullable, name, problems);
        }

        return problems;
    }

    private IEnumerable<StructuredType> Chain(string qualifiedName)
    {
        for (var type = _types.GetValueOrDefault(qualifiedName); type is not null; type = type.BaseType is null ? null : _types.GetValueOrDefault(type.BaseType))
        {
            yield return type;
        }
    }

    private bool IsSameOrDerived(string candidate, string declared) => Chain(candidate).Any(t => t.Name == declared);

    private void CheckValue(JsonNode? value, string type, bool nullable, string where, List<string> problems)
    {
        var at = where.Length == 0 ? "the request body" : $"'{where}'";
        if (value is null)
        {
            if (!nullable)
            {
                problems.Add($"A null value was found for the property {at} of type '{type}', which is not nullable.");
            }

            return;
        }

        if (type.StartsWith("Collection(", StringComparison.Ordinal))
        {
            var itemType = type["Collection(".Length..^1];
            if (value is not JsonArray array)
            {
                problems.Add($"The property {at} is a collection of '{itemType}': a JSON array was expected.");
                return;
            }

            for (var i = 0; i < array.Count; i++)
            {
                CheckValue(array[i], itemType, nullable: true, $"{where}[{i}]", problems);
            }

            return;
        }

        if (type.StartsWith("Edm.", StringComparison.Ordinal))
        {
            if (!PrimitiveFits(value, type))
            {
                problems.Add($"Cannot convert the literal '{Literal(value)}' of the property {at} to the expected type '{type}'.");
            }

            return;
        }

        if (_enums.TryGetValue(type, out var members))
        {
            var text = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
            if (text is null || !text.Split(',').All(part => members.Contains(part.Trim())))
            {
                problems.Add($"The value '{Literal(value)}' of the property {at} is not a member of the enum type '{type}'.");
            }

            return;
        }

        if (!_types.ContainsKey(type))
        {
            problems.Add($"The type '{type}' of the property {at} is not in the metadata.");
            return;
        }

        if (value is not JsonObject obj)
        {
            problems.Add($"The property {at} is of type '{type}': a JSON object was expected.");
            return;
        }

        var actual = type;
        if (obj["@odata.type"] is JsonValue odataType && odataType.GetValueKind() == JsonValueKind.String)
        {
            var named = odataType.GetValue<string>().TrimStart('#');
            if (!_types.ContainsKey(named) || !IsSameOrDerived(named, type))
            {
                problems.Add($"The type '{named}' given by '@odata.type' at {at} is not '{type}' or a type derived from it.");
                return;
            }

            actual = named;
        }

        var chain = Chain(actual).ToList();
        foreach (var (name, child) in obj)
        {
            var path = where.Length == 0 ? name : $"{where}.{name}";
            var at2 = name.IndexOf('@', StringComparison.Ordinal);
            if (at2 == 0)
            {
                continue; // an instance annotation such as @odata.type
            }

            if (at2 > 0)
            {
                // A property annotation: 'teamsApp@odata.bind' binds a navigation property to an existing entity by its URL.
                var target = name[..at2];
                var annotation = name[(at2 + 1)..];
                if (annotation == "odata.bind")
                {
                    if (!chain.Any(t => t.Navigation.ContainsKey(target)))
                    {
                        problems.Add($"The property '{target}' bound with '{name}' does not exist on type '{actual}' as a navigation property.");
                    }
                    else if (child is not JsonValue bind || bind.GetValueKind() != JsonValueKind.String ||
                             !Uri.TryCreate(bind.GetValue<string>(), UriKind.RelativeOrAbsolute, out _))
                    {
                        problems.Add($"The value of '{name}' must be the URL of the entity to bind.");
                    }
                }

                continue;
            }

            var declared = chain.Select(t => t.Properties.GetValueOrDefault(name)).FirstOrDefault(p => p is not null);
            if (declared is not null)
            {
                CheckValue(child, declared.Type, declared.Nullable, path, problems);
                continue;
            }

            var navigation = chain.Select(t => t.Navigation.GetValueOrDefault(name)).FirstOrDefault(n => n is not null);
            if (navigation is not null)
            {
                CheckValue(child, navigation, nullable: true, path, problems);
                continue;
            }

            problems.Add($"The property '{name}' does not exist on type '{actual}'. Make sure to only use property names that are defined by the type.");
        }
    }

    private static bool PrimitiveFits(JsonNode value, string type)
    {
        if (value is not JsonValue v)
        {
            return type == "Edm.Untyped";
        }

        var kind = v.GetValueKind();
        var text = kind == JsonValueKind.String ? v.GetValue<string>() : null;
        return type switch
        {
            "Edm.String" => kind == JsonValueKind.String,
            "Edm.Boolean" => kind is JsonValueKind.True or JsonValueKind.False,
            "Edm.Int32" => kind == JsonValueKind.Number && v.TryGetValue<int>(out _),
            "Edm.Int64" => kind == JsonValueKind.Number && v.TryGetValue<long>(out _),
            "Edm.Int16" => kind == JsonValueKind.Number && v.TryGetValue<short>(out _),
            "Edm.Byte" => kind == JsonValueKind.Number && v.TryGetValue<byte>(out _),
            "Edm.Double" or "Edm.Single" or "Edm.Decimal" => kind == JsonValueKind.Number || text is "INF" or "-INF" or "NaN",
            "Edm.Guid" => Guid.TryParse(text, out _),
            "Edm.DateTimeOffset" => text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) &&
                                    (text.EndsWith('Z') || text.Length > 6 && text[^6] is '+' or '-'),
            "Edm.Date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "Edm.TimeOfDay" => TimeOnly.TryParse(text, CultureInfo.InvariantCulture, out _),
            "Edm.Duration" => text is not null && text.StartsWith('P'),
            "Edm.Binary" => text is not null && IsBase64(text),
            _ => true, // Edm.Stream, Edm.Untyped and the geography types are not sent by ScrBot
        };
    }

    private static bool IsBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out _);
    }

    private static string Literal(JsonNode value) => value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value.ToJsonString();

    private static string? Qualify(string? type, string ns, string? alias)
    {
        if (type is null)
        {
            return null;
        }

        if (type.StartsWith("Collection(", StringComparison.Ordinal))
        {
            return "Collection(" + Qualify(type["Collection(".Length..^1], ns, alias) + ")";
        }

        if (alias is not null && type.StartsWith(alias + ".", StringComparison.Ordinal))
        {
            return ns + type[alias.Length..];
        }

        return type.StartsWith("graph.", StringComparison.Ordinal) ? "microsoft.graph" + type["graph".Length..] : type;
    }

    private sealed class StructuredType(string name, bool isEntity)
    {
        public string Name { get; } = name;

        public bool IsEntity { get; } = isEntity;

        public string? BaseType { get; init; }

        public Dictionary<string, PropertyInfo> Properties { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Navigation { get; } = new(StringComparer.Ordinal);
    }

    private sealed record PropertyInfo(string Type, bool Nullable)
    {
        public string Name { get; init; } = "";
    }

    private sealed record ActionInfo(string Name, List<PropertyInfo> Parameters);
}
