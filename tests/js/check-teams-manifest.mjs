// Checks a Teams app manifest against Microsoft's own JSON schema for its manifestVersion, as shipped
// in the official @microsoft/app-manifest package (build/json-schemas/teams/v<version>/MicrosoftTeams.schema.json).
// Prints the schema's complaints, one a line, and exits 1 when there is any.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
// The Teams schemas are JSON Schema draft-04.
const Ajv = require('ajv-draft-04');
const addFormats = require('ajv-formats');

const file = process.argv[2];
if (!file) {
  console.error('Usage: node check-teams-manifest.mjs <manifest.json>');
  process.exit(2);
}

const manifest = JSON.parse(readFileSync(file, 'utf8'));
const schemaPath = require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
const ajv = new (Ajv.default ?? Ajv)({ allErrors: true, strict: false });
(addFormats.default ?? addFormats)(ajv);
const validate = ajv.compile(schema);
if (validate(manifest)) {
  console.log(`valid against the v${manifest.manifestVersion} schema`);
  process.exit(0);
}
for (const e of validate.errors) console.log(`${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
process.exit(1);
