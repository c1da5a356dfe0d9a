// Validates a Teams app manifest against the official schema that @microsoft/app-manifest bundles,
// without any network access: the schema named by the manifest's $schema must be in the package.
import { createRequire } from "node:module";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const toolsDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(toolsDir, "package.json"));

const SCHEMA_PREFIX = "https://developer.microsoft.com/json-schemas/teams/";

function packageDir() {
  return dirname(require.resolve("@microsoft/app-manifest/package.json"));
}

/** The bundled copy of the schema the manifest names, or an error in plain words. */
export function bundledSchemaPath(manifest) {
  const url = manifest?.$schema;
  if (typeof url !== "string" || !url.startsWith(SCHEMA_PREFIX)) {
    throw new Error(`The manifest's $schema must start with ${SCHEMA_PREFIX}; it is ${JSON.stringify(url)}.`);
  }
  const path = join(packageDir(), "build", url.substring("https://developer.microsoft.com/".length));
  if (!existsSync(path)) {
    throw new Error(`@microsoft/app-manifest does not bundle the schema ${url}; use a version it ships.`);
  }
  return path;
}

/** @returns {Promise<string[]>} the schema errors; empty when the manifest is valid. */
export async function validateManifest(manifest) {
  const schemaPath = bundledSchemaPath(manifest);
  const raw = readFileSync(schemaPath, "utf8");
  // The same clean-up the package applies to the published schema files before parsing them.
  const schema = JSON.parse(raw.replace(/\\a/g, "\\u0007").replace(/\\v/g, "\\u000b"));
  const { AppManifestUtils } = require("@microsoft/app-manifest");
  return AppManifestUtils.validateAgainstSchema(manifest, schema);
}
