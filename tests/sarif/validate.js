#!/usr/bin/env node
// tests/sarif/validate.js: validates SARIF logs against the SARIF 2.1.0
// JSON schema that npm @microsoft/jest-sarif ships (sarif-2.1.0-rtm.5.json,
// JSON Schema draft-04), with Ajv and its formats (uri, uri-reference,
// date-time).  Usage: node validate.js FILE.sarif...; prints one TAP-like
// line per file and every schema error; exits 1 if any file is invalid.
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv-draft-04');
const addFormats = require('ajv-formats');

const schemaFile = path.join(path.dirname(require.resolve('@microsoft/jest-sarif/package.json')),
                             'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
// unicodeRegExp: false, because the schema's pattern for "language" has a
// stray ']' that a 'u' regular expression refuses (JavaScript's 'u' flag is
// stricter than the ECMA-262 patterns JSON Schema draft-04 names).
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

let bad = 0;
for (const file of process.argv.slice(2)) {
  let log;
  try {
    log = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    console.log(`not ok - ${file}: not JSON: ${e.message}`);
    bad++;
    continue;
  }
  if (validate(log)) {
    console.log(`ok - ${file}`);
    continue;
  }
  bad++;
  console.log(`not ok - ${file}: not valid SARIF 2.1.0`);
  for (const err of validate.errors)
    console.log(`  | ${err.instancePath || '/'}: ${err.message} ${JSON.stringify(err.params)}`);
}
process.exit(bad ? 1 : 0);
