using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ScrBot.Deploy.Tests.Infrastructure;

namespace ScrBot.Deploy.Tests;

/// <summary>
/// The Azure deployment in infra-bicep/, compiled and linted by the official Bicep CLI (NuGet
/// Azure.Bicep.CommandLine.linux-x64), and the compiled ARM template checked for what an organisation relies on.
/// </summary>
public sealed partial class BicepTemplateTests(BicepFixture bicep) : IClassFixture<BicepFixture>
{
    /// <summary>The settings the app reads in Azure; the names are fixed for the whole project.</summary>
    private static readonly string[] AppSettingNames =
    [
        "Bot__AppId",
        "Bot__TenantId",
        "Storage__TablesEndpoint",
        "Azure__ManagedIdentityClientId",
        "Graph__OrganiserMailbox",
        "Graph__BaseUrl",
        "Directory__Path",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
    ];

    [Fact]
    public void TheChecksUseThePinnedOfficialBicepCli()
    {
        Assert.True(bicep.Version.ExitCode == 0, bicep.Version.Describe());
        Assert.Contains($"Bicep CLI version {BicepCli.Version} ", bicep.Version.StandardOutput);
    }

    [Fact]
    public void TheTemplateCompilesWithNoErrorAndNoWarning()
    {
        Assert.True(bicep.Build.ExitCode == 0, bicep.Build.Describe());
        AssertNoDiagnostics(bicep.Build);
        Assert.NotEmpty(bicep.Resources());
    }

    [Fact]
    public void TheLinterReportsNoErrorAndNoWarning()
    {
        Assert.True(bicep.Lint.ExitCode == 0, bicep.Lint.Describe());
        AssertNoDiagnostics(bicep.Lint);
    }

    [Fact]
    public void TheParameterFileFitsTheTemplateWithNoErrorAndNoWarning()
    {
        Assert.True(bicep.BuildParams.ExitCode == 0, bicep.BuildParams.Describe());
        AssertNoDiagnostics(bicep.BuildParams);
    }

    [Fact]
    public void EveryModuleIsALocalFileAndNoneComesFromARegistry()
    {
        var files = Directory.GetFiles(Repository.PathTo("infra-bicep"), "*.bicep", SearchOption.AllDirectories);
        var modules = 0;
        foreach (var file in files)
        {
            foreach (Match match in ModuleReference().Matches(File.ReadAllText(file)))
            {
                modules++;
                var reference = match.Groups["path"].Value;
                Assert.False(reference.StartsWith("br:", StringComparison.Ordinal) || reference.StartsWith("br/", StringComparison.Ordinal) ||
                             reference.StartsWith("ts:", StringComparison.Ordinal) || reference.StartsWith("ts/", StringComparison.Ordinal),
                    $"{Path.GetFileName(file)} takes module {reference} from a registry");
                Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(file)!, reference)), $"{reference} is missing");
            }
        }

        Assert.True(modules >= 5, $"main.bicep should be split into local modules; found {modules}");
    }

    [Fact]
    public void NoParameterFileHoldsASecret()
    {
        var parameterFiles = Directory.GetFiles(Repository.PathTo("infra-bicep"), "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".bicepparam", StringComparison.Ordinal) || f.EndsWith(".parameters.json", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(parameterFiles);
        foreach (var file in parameterFiles)
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotMatch(SecretLooking(), text);
        }

        var parameters = bicep.Template["parameters"]!.AsObject();
        Assert.DoesNotContain(parameters, p => p.Value!["type"]!.GetValue<string>() is "securestring" or "secureObject");
    }

    [Fact]
    public void TheWebAppRunsDotNet10OnLinuxOverHttpsOnlyWithTls12AlwaysOnAndAHealthCheck()
    {
        var plan = bicep.Single("Microsoft.Web/serverfarms");
        var site = bicep.Single("Microsoft.Web/sites");
        var config = site.Properties["siteConfig"]!;

        Assert.True(plan.Properties["reserved"]!.GetValue<bool>(), "the plan is not a Linux plan");
        Assert.Equal("app,linux", site.Json["kind"]!.GetValue<string>());
        Assert.Equal("DOTNETCORE|10.0", config["linuxFxVersion"]!.GetValue<string>());
        Assert.Equal("dotnet ScrBot.Bot.dll", config["appCommandLine"]!.GetValue<string>());
        Assert.True(site.Properties["httpsOnly"]!.GetValue<bool>());
        Assert.True(double.Parse(config["minTlsVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) >= 1.2);
        Assert.True(config["alwaysOn"]!.GetValue<bool>());
        Assert.Equal("/health", config["healthCheckPath"]!.GetValue<string>());
        Assert.Equal("Disabled", config["ftpsState"]!.GetValue<string>());
    }

    [Fact]
    public void TheWebAppRunsAsTheUserAssignedIdentity()
    {
        var site = bicep.Single("Microsoft.Web/sites");

        Assert.Equal("UserAssigned", site.Json["identity"]!["type"]!.GetValue<string>());
        Assert.Single(site.Json["identity"]!["userAssignedIdentities"]!.AsObject());
        Assert.Equal("[parameters('identityId')]", site.Properties["keyVaultReferenceIdentity"]!.GetValue<string>());
    }

    [Fact]
    public void TheWebAppSetsEverySettingTheAppReads()
    {
        var names = AppSettings().Select(s => s.Name).ToList();

        Assert.Equal(AppSettingNames.Order(StringComparer.Ordinal), names.Where(n => n != "Bot__AppPassword").Order(StringComparer.Ordinal));
        Assert.DoesNotContain("Storage__TablesConnectionString", names);
    }

    [Fact]
    public void TheSettingsCarryTheIdentityTheTablesEndpointAndTheTelemetryConnection()
    {
        var settings = AppSettings().ToDictionary(s => s.Name, s => s.Value);
        var webApp = bicep.Module("webapp")["properties"]!["parameters"]!;
        var identityClientId = bicep.Module("identity")["properties"]!["template"]!["outputs"]!["clientId"]!["value"]!.GetValue<string>();

        Assert.Equal("parameters('identityClientId')", settings["Azure__ManagedIdentityClientId"]);
        Assert.Equal("[reference(resourceId('Microsoft.Resources/deployments', 'identity'), '2025-04-01').outputs.clientId.value]",
            webApp["identityClientId"]!["value"]!.GetValue<string>());
        Assert.EndsWith("'2024-11-30').clientId]", identityClientId);
        Assert.Equal("tenant().tenantId", settings["Bot__TenantId"]);
        Assert.Equal("parameters('tablesEndpoint')", settings["Storage__TablesEndpoint"]);
        Assert.Equal("[reference(resourceId('Microsoft.Resources/deployments', 'storage'), '2025-04-01').outputs.tablesEndpoint.value]",
            webApp["tablesEndpoint"]!["value"]!.GetValue<string>());
        Assert.Equal("parameters('organiserMailbox')", settings["Graph__OrganiserMailbox"]);
        Assert.Equal("https://graph.microsoft.com/v1.0", bicep.Template["parameters"]!["graphBaseUrl"]!["defaultValue"]!.GetValue<string>());
        Assert.Equal("reference(resourceId('Microsoft.Insights/components', parameters('appInsightsName')), '2020-02-02').ConnectionString",
            settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
    }

    [Fact]
    public void TheTablesEndpointIsTheAccountsHttpsTableAddress()
    {
        var output = bicep.Module("storage")["properties"]!["template"]!["outputs"]!["tablesEndpoint"]!["value"]!.GetValue<string>();

        Assert.Equal("[format('https://{0}.table.{1}', parameters('name'), environment().suffixes.storage)]", output);
    }

    [Fact]
    public void TheBotAndTheWebAppUseTheSameAppId()
    {
        var webAppId = bicep.Module("webapp")["properties"]!["parameters"]!["botAppId"]!.ToJsonString();
        var botAppId = bicep.Module("bot")["properties"]!["parameters"]!["appId"]!.ToJsonString();

        Assert.Equal(webAppId, botAppId);
        Assert.Contains("usesManagedIdentity", webAppId);
    }

    [Fact]
    public void AManagedIdentityBotHasNoPasswordAndASingleTenantBotReadsItsPasswordFromKeyVault()
    {
        var site = bicep.Single("Microsoft.Web/sites");
        var secretSettings = bicep.Module("webapp")["properties"]!["template"]!["variables"]!["secretSettings"]!.GetValue<string>();

        Assert.StartsWith("[if(parameters('botUsesClientSecret'), ", secretSettings);
        Assert.EndsWith(", createArray())]", secretSettings);
        Assert.Contains("createObject('name', 'Bot__AppPassword', 'value', format('@Microsoft.KeyVault(VaultName={0};SecretName={1})'", secretSettings);
        Assert.Equal("[not(variables('usesManagedIdentity'))]",
            bicep.Module("webapp")["properties"]!["parameters"]!["botUsesClientSecret"]!["value"]!.GetValue<string>());
        Assert.DoesNotContain("Bot__AppPassword", site.Properties["siteConfig"]!["appSettings"]!.GetValue<string>());
    }

    [Fact]
    public void TheStorageAccountRefusesSharedKeysAndServesOnlyHttpsWithTls12()
    {
        var account = bicep.Single("Microsoft.Storage/storageAccounts");

        Assert.False(account.Properties["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.True(account.Properties["supportsHttpsTrafficOnly"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", account.Properties["minimumTlsVersion"]!.GetValue<string>());
        Assert.False(account.Properties["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.Single(bicep.Resources(), r => r.Type == "Microsoft.Storage/storageAccounts/tableServices");
    }

    [Fact]
    public void TheIdentityMayReadAndWriteTablesAndNothingElseInTheStorageAccount()
    {
        const string tableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
        var assignment = Assert.Single(bicep.Resources(), r => r.Module == "storage" && r.Type == "Microsoft.Authorization/roleAssignments");

        Assert.Equal(
            $"[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '{tableDataContributor}')]",
            WithVariablesOf("storage", assignment.Properties["roleDefinitionId"]!.GetValue<string>()));
        Assert.Equal("ServicePrincipal", assignment.Properties["principalType"]!.GetValue<string>());
        Assert.Contains("Microsoft.ManagedIdentity/userAssignedIdentities", assignment.Properties["principalId"]!.GetValue<string>());
        Assert.Contains("[resourceId('Microsoft.Storage/storageAccounts'", assignment.Json["scope"]!.GetValue<string>());
    }

    [Fact]
    public void TheBotSignsInWithTheManagedIdentityByDefaultAndAnswersAtApiMessages()
    {
        var bot = bicep.Single("Microsoft.BotService/botServices");
        var main = bicep.Template["parameters"]!;
        var endpoint = bicep.Module("bot")["properties"]!["parameters"]!["endpoint"]!["value"]!.GetValue<string>();

        Assert.Equal("azurebot", bot.Json["kind"]!.GetValue<string>());
        Assert.Equal("global", bot.Json["location"]!.GetValue<string>());
        Assert.Equal("UserAssignedMSI", main["botAppType"]!["defaultValue"]!.GetValue<string>());
        Assert.Equal(["UserAssignedMSI", "SingleTenant"], main["botAppType"]!["allowedValues"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal("[parameters('appType')]", bot.Properties["msaAppType"]!.GetValue<string>());
        Assert.Equal("[if(equals(parameters('appType'), 'UserAssignedMSI'), parameters('identityId'), null())]",
            bot.Properties["msaAppMSIResourceId"]!.GetValue<string>());
        Assert.Equal("[tenant().tenantId]", bot.Properties["msaAppTenantId"]!.GetValue<string>());
        Assert.Equal("[format('https://{0}/api/messages', reference(resourceId('Microsoft.Resources/deployments', 'webapp'), '2025-04-01').outputs.hostName.value)]", endpoint);
    }

    [Fact]
    public void TheBotIsSwitchedOnInMicrosoftTeams()
    {
        var channel = bicep.Single("Microsoft.BotService/botServices/channels");

        Assert.EndsWith("'MsTeamsChannel')]", channel.Json["name"]!.GetValue<string>());
        Assert.Equal("MsTeamsChannel", channel.Properties["channelName"]!.GetValue<string>());
        Assert.True(channel.Properties["properties"]!["isEnabled"]!.GetValue<bool>());
    }

    [Fact]
    public void TheKeyVaultUsesRoleBasedAccessAndTheIdentityMayOnlyReadSecrets()
    {
        const string secretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
        var vault = bicep.Single("Microsoft.KeyVault/vaults");
        var assignment = Assert.Single(bicep.Resources(), r => r.Module == "keyvault" && r.Type == "Microsoft.Authorization/roleAssignments");

        Assert.True(vault.Properties["enableRbacAuthorization"]!.GetValue<bool>());
        Assert.True(vault.Properties["enableSoftDelete"]!.GetValue<bool>());
        Assert.Null(vault.Properties["accessPolicies"]);
        Assert.Equal(
            $"[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '{secretsUser}')]",
            WithVariablesOf("keyvault", assignment.Properties["roleDefinitionId"]!.GetValue<string>()));
    }

    [Fact]
    public void TelemetryGoesToApplicationInsightsBackedByLogAnalytics()
    {
        var workspace = bicep.Single("Microsoft.OperationalInsights/workspaces");
        var insights = bicep.Single("Microsoft.Insights/components");
        var siteLogs = Assert.Single(bicep.Resources(), r => r.Module == "webapp" && r.Type == "Microsoft.Insights/diagnosticSettings");

        Assert.Equal(workspace.Module, insights.Module);
        Assert.Contains("Microsoft.OperationalInsights/workspaces", insights.Properties["WorkspaceResourceId"]!.GetValue<string>());
        Assert.Equal("[parameters('workspaceId')]", siteLogs.Properties["workspaceId"]!.GetValue<string>());
        Assert.Contains("AppServiceConsoleLogs", siteLogs.Properties["logs"]!.ToJsonString());
    }

    [Fact]
    public void TheDeploymentReportsTheMessagingEndpointAndTheAppId()
    {
        var outputs = bicep.Template["outputs"]!.AsObject();

        Assert.Contains("'bot'", outputs["messagingEndpoint"]!["value"]!.GetValue<string>());
        Assert.Contains("outputs.clientId.value", outputs["appId"]!["value"]!.GetValue<string>());
        Assert.Contains("singleTenantAppId", outputs["appId"]!["value"]!.GetValue<string>());
        Assert.True(outputs.ContainsKey("webAppHostName"));
        Assert.True(outputs.ContainsKey("managedIdentityPrincipalId"));
    }

    [Fact]
    public void EveryResourceTypeAndApiVersionIsOneTheBicepCliKnows()
    {
        // The CLI warns (BCP081) about a type it has no schema for; the build above shows none, and this names them.
        var known = bicep.Resources().Select(r => $"{r.Type}@{r.ApiVersion}").Distinct().ToList();

        Assert.DoesNotContain("BCP081", bicep.Build.StandardError + bicep.Lint.StandardError);
        Assert.Contains("Microsoft.BotService/botServices@2022-09-15", known);
        Assert.Contains("Microsoft.Web/sites@2024-11-01", known);
    }

    private static void AssertNoDiagnostics(ProcessResult result)
    {
        var output = result.StandardOutput + result.StandardError;
        Assert.DoesNotMatch(Diagnostic(), output);
        Assert.True(string.IsNullOrWhiteSpace(result.StandardError), result.Describe());
    }

    private IEnumerable<(string Name, string Value)> AppSettings()
    {
        var appSettings = bicep.Single("Microsoft.Web/sites").Properties["siteConfig"]!["appSettings"]!;
        if (appSettings is JsonArray array)
        {
            return array.Select(s => (s!["name"]!.GetValue<string>(), s["value"]!.ToJsonString()));
        }

        var text = appSettings.GetValue<string>();
        return SettingInExpression().Matches(text).Select(m => (m.Groups["name"].Value, m.Groups["value"].Value.Trim()));
    }

    /// <summary>Writes a module's string variables into an expression, as quoted literals.</summary>
    private string WithVariablesOf(string module, string expression)
    {
        var variables = bicep.Module(module)["properties"]!["template"]!["variables"]?.AsObject() ?? [];
        foreach (var (name, value) in variables)
        {
            if (value is JsonValue literal && literal.TryGetValue<string>(out var text) && !text.StartsWith('['))
            {
                expression = expression.Replace($"variables('{name}')", $"'{text}'", StringComparison.Ordinal);
            }
        }

        return expression;
    }

    [GeneratedRegex(@"^\s*module\s+\w+\s+'(?<path>[^']+)'", RegexOptions.Multiline)]
    private static partial Regex ModuleReference();

    [GeneratedRegex(@"(?i)\b(password|secret|apikey|accountkey|connectionstring|clientsecret)\b\s*=")]
    private static partial Regex SecretLooking();

    [GeneratedRegex(@"\b(Error|Warning)\b\s+[A-Za-z0-9-]+:")]
    private static partial Regex Diagnostic();

    // createObject('name', 'X', 'value', <expression up to the closing parenthesis of createObject>)
    [GeneratedRegex(@"createObject\('name', '(?<name>[^']+)', 'value', (?<value>(?:[^()]|\((?<d>)|\)(?<-d>))*?)(?(d)(?!))\)")]
    private static partial Regex SettingInExpression();
}
