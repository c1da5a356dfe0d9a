// Builds the Teams app package: fills manifest/manifest.json's placeholders, checks the result against the
// official schema bundled in @microsoft/app-manifest, and writes a zip of the manifest and its two icons.
//
// Usage:
//   node tools/manifest/build-app-package.mjs --app-id <guid> --domain <host> [options]
// Options:
//   --app-id <guid>          the bot's Microsoft App ID (for a managed-identity bot: the identity's client id)
//   --domain <host>          the web app's host name, e.g. scrbot-abc123.azurewebsites.net
//   --teams-app-id <guid>    the Teams app's own id (default: the app id)
//   --version <x.y.z>        the package version (default: the one in manifest.json); raise it for each update
//   --developer-name <text>  who publishes the app (default: ScrBot), at most 32 characters
//   --website-url <url>      default https://<domain>/
//   --privacy-url <url>      default https://<domain>/privacy
//   --terms-url <url>        default https://<domain>/terms
//   --out <file.zip>         default manifest/build/ScrBot.zip; the filled manifest.json is written beside it
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { validateManifest } from "./schema.mjs";
import { zip } from "./zip.mjs";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const manifestDir = join(repoRoot, "manifest");

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;
const SEMVER = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;

class Refusal extends Error {}

const OPTIONS = new Set([
  "app-id", "domain", "teams-app-id", "version", "developer-name", "website-url", "privacy-url", "terms-url", "out",
]);

function parseArguments(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") return { help: true };
    const name = arg.startsWith("--") ? arg.slice(2) : undefined;
    if (!name || !OPTIONS.has(name)) throw new Refusal(`Unknown argument ${JSON.stringify(arg)}. Run with --help to see the options.`);
    if (i + 1 >= argv.length || argv[i + 1].startsWith("--")) throw new Refusal(`--${name} needs a value.`);
    options[name] = argv[++i];
  }
  return options;
}

function httpsUrl(value, what) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Refusal(`The ${what} ${JSON.stringify(value)} is not a URL.`);
  }
  if (url.protocol !== "https:") throw new Refusal(`The ${what} must be an https:// address; ${JSON.stringify(value)} is not.`);
  return url.toString();
}

function settingsFrom(options) {
  const appId = options["app-id"];
  if (!appId) throw new Refusal("--app-id is required: the bot's Microsoft App ID (a GUID).");
  if (!GUID.test(appId)) throw new Refusal(`The app id ${JSON.stringify(appId)} is not a GUID (like 00000000-0000-0000-0000-000000000000).`);
  const teamsAppId = options["teams-app-id"] ?? appId;
  if (!GUID.test(teamsAppId)) throw new Refusal(`The Teams app id ${JSON.stringify(teamsAppId)} is not a GUID.`);

  const domain = options.domain;
  if (!domain) throw new Refusal("--domain is required: the web app's host name, like scrbot.azurewebsites.net.");
  if (!HOST.test(domain)) {
    throw new Refusal(`The domain ${JSON.stringify(domain)} is not a host name. Give the host alone, without https:// or a path.`);
  }

  const version = options.version;
  if (version !== undefined && !SEMVER.test(version)) throw new Refusal(`The version ${JSON.stringify(version)} is not of the form 1.2.3.`);

  const developerName = options["developer-name"] ?? "ScrBot";
  if (developerName.trim() === "" || developerName.length > 32) {
    throw new Refusal("The developer name must have between 1 and 32 characters.");
  }

  return {
    APP_ID: appId.toLowerCase(),
    TEAMS_APP_ID: teamsAppId.toLowerCase(),
    DOMAIN: domain.toLowerCase(),
    DEVELOPER_NAME: developerName,
    WEBSITE_URL: httpsUrl(options["website-url"] ?? `https://${domain}/`, "website URL"),
    PRIVACY_URL: httpsUrl(options["privacy-url"] ?? `https://${domain}/privacy`, "privacy URL"),
    TERMS_URL: httpsUrl(options["terms-url"] ?? `https://${domain}/terms`, "terms-of-use URL"),
    version,
  };
}

/** Replaces {{NAME}} in every string of the manifest; a placeholder without a value is an error. */
function fill(node, values) {
  if (typeof node === "string") {
    return node.replace(/\{\{([A-Z_]+)\}\}/g, (_, name) => {
      if (!(name in values)) throw new Error(`manifest.json has a placeholder {{${name}}} that this script does not fill.`);
      return values[name];
    });
  }
  if (Array.isArray(node)) return node.map((item) => fill(item, values));
  if (node && typeof node === "object") {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fill(value, values)]));
  }
  return node;
}

async function main(argv) {
  const options = parseArguments(argv);
  if (options.help) {
    const text = readFileSync(fileURLToPath(import.meta.url), "utf8").split("\n");
    const header = text.slice(0, text.findIndex((line) => !line.startsWith("//")));
    console.log(header.map((line) => line.slice(3)).join("\n"));
    return 0;
  }
  const settings = settingsFrom(options);
  const template = JSON.parse(readFileSync(join(manifestDir, "manifest.json"), "utf8"));
  const manifest = fill(template, settings);
  if (settings.version) manifest.version = settings.version;

  const errors = await validateManifest(manifest);
  if (errors.length > 0) {
    console.error("The manifest does not match the official Teams schema:");
    for (const error of errors) console.error(`  ${error}`);
    return 1;
  }

  const entries = [{ name: "manifest.json", data: Buffer.from(JSON.stringify(manifest, null, 2) + "\n", "utf8") }];
  for (const icon of [manifest.icons.color, manifest.icons.outline]) {
    entries.push({ name: icon, data: readFileSync(join(manifestDir, icon)) });
  }

  const out = resolve(options.out ?? join(manifestDir, "build", "ScrBot.zip"));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(join(dirname(out), "manifest.json"), entries[0].data);
  writeFileSync(out, zip(entries));
  console.log(`Wrote ${out} (Teams app ${manifest.id}, bot ${settings.APP_ID}, domain ${settings.DOMAIN}, version ${manifest.version}).`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Refusal ? error.message : `Could not build the app package: ${error.message}`);
    process.exit(error instanceof Refusal ? 2 : 1);
  },
);
