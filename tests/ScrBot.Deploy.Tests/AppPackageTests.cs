using System.Text.Json;
using System.Text.Json.Nodes;
using ScrBot.Deploy.Tests.Infrastructure;

namespace ScrBot.Deploy.Tests;

/// <summary>
/// The Teams app package that an organisation uploads to the Teams admin centre, built by
/// scripts/build-app-package.sh and checked against the official Teams manifest schema bundled in the npm package
/// @microsoft/app-manifest (tools/package-lock.json), offline.
/// </summary>
public sealed class AppPackageTests(AppPackageFixture package) : IClassFixture<AppPackageFixture>
{
    private static readonly string[] AllScopes = ["personal", "team", "groupChat"];

    [Fact]
    public async Task TheBuiltManifestMatchesTheOfficialTeamsSchemaWithNoErrors()
    {
        var file = WriteToWorkFolder("manifest-from-zip.json", package.Entries["manifest.json"]);

        var check = await AppPackageFixture.RunNodeAsync(Repository.PathTo("tools", "manifest", "validate-manifest.mjs"), file);

        Assert.True(check.ExitCode == 0, check.Describe());
        var result = JsonNode.Parse(check.StandardOutput)!.AsObject();
        Assert.Empty(result["errors"]!.AsArray());
        var schema = result["schema"]!.GetValue<string>().Replace('\\', '/');
        Assert.Contains("/@microsoft/app-manifest/build/json-schemas/teams/", schema);
    }

    [Fact]
    public async Task TheSchemaCheckRejectsAManifestThatLacksAPrivacyLink()
    {
        var manifest = package.Manifest.DeepClone().AsObject();
        manifest["developer"]!.AsObject().Remove("privacyUrl");
        var file = WriteToWorkFolder("manifest-without-privacy.json", JsonSerializer.SerializeToUtf8Bytes(manifest));

        var check = await AppPackageFixture.RunNodeAsync(Repository.PathTo("tools", "manifest", "validate-manifest.mjs"), file);

        Assert.Equal(1, check.ExitCode);
        var errors = JsonNode.Parse(check.StandardOutput)!["errors"]!.AsArray();
        Assert.Contains(errors, e => e!.GetValue<string>().Contains("privacyUrl", StringComparison.Ordinal));
    }

    [Fact]
    public void TheManifestIsWrittenForSchemaVersion1Point17OrLater()
    {
        var version = Version.Parse(package.Manifest["manifestVersion"]!.GetValue<string>());
        var schemaUrl = package.Manifest["$schema"]!.GetValue<string>();

        Assert.True(version >= new Version(1, 17), $"manifestVersion {version} is older than 1.17");
        Assert.Equal($"https://developer.microsoft.com/json-schemas/teams/v{version}/MicrosoftTeams.schema.json", schemaUrl);
    }

    [Fact]
    public void ThePackageHoldsExactlyTheManifestAndItsTwoIcons()
    {
        var icons = package.Manifest["icons"]!.AsObject();
        var expected = new[] { "manifest.json", icons["color"]!.GetValue<string>(), icons["outline"]!.GetValue<string>() };

        Assert.Equal(expected.Order(StringComparer.Ordinal), package.Entries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["color", "outline"], icons.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheColourIconIs192By192Pixels()
    {
        var file = package.Entries[package.Manifest["icons"]!["color"]!.GetValue<string>()];

        Assert.Equal((192, 192), PngImage.ReadSize(file));
        var image = PngImage.Decode(file);
        Assert.True(image.Pixels().Distinct().Count() > 1, "the colour icon is a single flat colour");
    }

    [Fact]
    public void TheOutlineIconIs32By32PixelsWhiteOnTransparent()
    {
        var file = package.Entries[package.Manifest["icons"]!["outline"]!.GetValue<string>()];

        Assert.Equal((32, 32), PngImage.ReadSize(file));
        var image = PngImage.Decode(file);
        Assert.True(image.HasAlphaChannel, "the outline icon has no transparency");
        var drawn = image.Pixels().Where(p => p.A > 0).ToList();
        Assert.All(drawn, p => Assert.True(p is { R: 255, G: 255, B: 255 }, $"a drawn pixel is not white: {p}"));
        Assert.Contains(image.Pixels(), p => p.A == 255);
        Assert.Equal(0, image.Pixel(0, 0).A);
        Assert.Equal(0, image.Pixel(31, 31).A);
        Assert.True(image.Pixels().Count(p => p.A == 0) > 32 * 32 / 2, "the outline icon is mostly filled, not an outline");
    }

    [Fact]
    public async Task TheCommittedIconsAreTheOnesTheIconScriptDraws()
    {
        var folder = Path.Combine(package.WorkFolder, "icons");

        var draw = await AppPackageFixture.RunNodeAsync(Repository.PathTo("tools", "manifest", "make-icons.mjs"), "--out", folder);

        Assert.True(draw.ExitCode == 0, draw.Describe());
        Assert.Equal(File.ReadAllBytes(Path.Combine(folder, "color.png")), File.ReadAllBytes(Repository.PathTo("manifest", "color.png")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(folder, "outline.png")), File.ReadAllBytes(Repository.PathTo("manifest", "outline.png")));
    }

    [Fact]
    public void TheBotCanBeAddedToAPersonalChatATeamAndAGroupChat()
    {
        var bot = Assert.Single(package.Manifest["bots"]!.AsArray())!;

        Assert.Equal(AllScopes.Order(), bot["scopes"]!.AsArray().Select(s => s!.GetValue<string>()).Order());
        Assert.False(bot["isNotificationOnly"]?.GetValue<bool>() ?? false);
    }

    [Fact]
    public void TheCommandMenuOffersHelpReferCaseAndTasksInPersonalChat()
    {
        var commands = CommandsFor("personal");

        Assert.Equal(
            [
                ("help", "Show what ScrBot can do"),
                ("refer", "Refer a case to the board (notification form)"),
                ("case", "A case you are part of: its stage, your steps, the referral"),
                ("tasks", "What you owe across all your cases, most urgent first"),
            ],
            commands);
    }

    [Fact]
    public void TheReferralFormAndCaseStatusAreOfferedOnlyInPersonalChatWhereNoOneElseSeesTheChildsDetails()
    {
        foreach (var scope in new[] { "team", "groupChat" })
        {
            var commands = CommandsFor(scope);
            Assert.DoesNotContain(commands, c => c.Title == "refer");
            Assert.Contains(("help", "Show what ScrBot can do"), commands);
            Assert.DoesNotContain(commands, c => c.Title == "case");
        }
    }

    [Fact]
    public void TheAppIdReachesTheBotAndTheWebApplicationInfoAndTheDomainIsTheOnlyValidDomain()
    {
        var bot = package.Manifest["bots"]![0]!;

        Assert.Equal(AppPackageFixture.AppId, bot["botId"]!.GetValue<string>());
        Assert.Equal(AppPackageFixture.AppId, package.Manifest["webApplicationInfo"]!["id"]!.GetValue<string>());
        Assert.Equal(AppPackageFixture.AppId, package.Manifest["id"]!.GetValue<string>());
        Assert.Equal([AppPackageFixture.Domain], package.Manifest["validDomains"]!.AsArray().Select(d => d!.GetValue<string>()));
    }

    [Fact]
    public void ThePublisherGivesAWebsiteAPrivacyNoticeAndTermsOfUseOverHttps()
    {
        var developer = package.Manifest["developer"]!.AsObject();

        Assert.False(string.IsNullOrWhiteSpace(developer["name"]!.GetValue<string>()));
        foreach (var link in new[] { "websiteUrl", "privacyUrl", "termsOfUseUrl" })
        {
            var url = new Uri(developer[link]!.GetValue<string>());
            Assert.Equal("https", url.Scheme);
            Assert.Equal(AppPackageFixture.Domain, url.Host);
        }
    }

    [Fact]
    public void NoPlaceholderIsLeftInTheBuiltManifest()
    {
        var text = System.Text.Encoding.UTF8.GetString(package.Entries["manifest.json"]);

        Assert.DoesNotContain("{{", text);
        Assert.DoesNotContain("}}", text);
    }

    [Fact]
    public async Task AnAppIdThatIsNotAGuidIsRefusedInPlainWordsAndNoPackageIsWritten()
    {
        var zip = Path.Combine(package.WorkFolder, "refused-app-id", "ScrBot.zip");

        var run = await AppPackageFixture.RunBuildScriptAsync("--app-id", "scrbot", "--domain", AppPackageFixture.Domain, "--out", zip);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("The app id \"scrbot\" is not a GUID", run.StandardError);
        Assert.False(File.Exists(zip));
    }

    [Fact]
    public async Task ADomainGivenAsAWebAddressIsRefusedInPlainWordsAndNoPackageIsWritten()
    {
        var zip = Path.Combine(package.WorkFolder, "refused-domain", "ScrBot.zip");

        var run = await AppPackageFixture.RunBuildScriptAsync(
            "--app-id", AppPackageFixture.AppId, "--domain", "https://" + AppPackageFixture.Domain + "/api/messages", "--out", zip);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("without https:// or a path", run.StandardError);
        Assert.False(File.Exists(zip));
    }

    [Fact]
    public async Task BuildingTwiceFromTheSameInputGivesTheSamePackage()
    {
        var zip = Path.Combine(package.WorkFolder, "again", "ScrBot.zip");

        var run = await AppPackageFixture.RunBuildScriptAsync("--app-id", AppPackageFixture.AppId, "--domain", AppPackageFixture.Domain, "--out", zip);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal(File.ReadAllBytes(package.ZipPath), File.ReadAllBytes(zip));
    }

    private List<(string Title, string Description)> CommandsFor(string scope)
    {
        var lists = package.Manifest["bots"]![0]!["commandLists"]!.AsArray();
        var list = Assert.Single(lists, l => l!["scopes"]!.AsArray().Any(s => s!.GetValue<string>() == scope))!;
        return list["commands"]!.AsArray()
            .Select(c => (c!["title"]!.GetValue<string>(), c["description"]!.GetValue<string>()))
            .ToList();
    }

    private string WriteToWorkFolder(string name, byte[] content)
    {
        var path = Path.Combine(package.WorkFolder, name);
        File.WriteAllBytes(path, content);
        return path;
    }
}
