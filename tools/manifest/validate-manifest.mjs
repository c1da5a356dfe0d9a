// Checks a Teams app manifest against the official schema bundled in @microsoft/app-manifest, offline.
// Usage: node tools/manifest/validate-manifest.mjs <manifest.json>
// Prints {"schema": <bundled schema file>, "errors": [...]} and exits 0 when valid, 1 when not.
import { readFileSync } from "node:fs";
import { bundledSchemaPath, validateManifest } from "./schema.mjs";

const file = process.argv[2];
if (!file) {
  console.error("Usage: node tools/manifest/validate-manifest.mjs <manifest.json>");
  process.exit(2);
}
try {
  const manifest = JSON.parse(readFileSync(file, "utf8").replace(/^\uFEFF/, ""));
  const errors = await validateManifest(manifest);
  console.log(JSON.stringify({ schema: bundledSchemaPath(manifest), errors }));
  process.exit(errors.length === 0 ? 0 : 1);
} catch (error) {
  console.error(`Could not check ${file}: ${error.message}`);
  process.exit(2);
}
