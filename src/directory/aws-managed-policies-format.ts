// The committed form of AWS's managed policy catalog, as scripts/import-managed-policies.ts writes it and
// aws-managed-policies.ts reads it. Pure: shapes, encoding and decoding; no file access.
//
// aws-managed-policies.json, the index: for every policy its name, path, id, dates, default version and
// the list of its versions, one policy per line. No documents.
// aws-managed-policies.bin, the documents: for policy number i of the index, chunk 2i is its default
// version's document and chunk 2i+1 the other distinct documents of its history, one per line
// (minified JSON never holds a raw line break); each chunk on its own with Brotli, so one policy's
// documents decompress without the rest. Layout: "RGMP", a big-endian uint32 chunk count, that many
// uint32 chunk lengths, then the chunks back to back (an empty history is a chunk of length 0).
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

/** A version: id, create date (ISO 8601, UTC, to the second), and which document (0: the default version's; n ≥ 1: line n of the history chunk). */
export type CatalogVersion = readonly [versionId: string, createDate: string, document: number];

export interface CatalogEntry {
  readonly name: string;
  readonly path: string;
  readonly id: string;
  readonly description?: string;
  readonly createDate: string;
  readonly updateDate: string;
  readonly defaultVersionId: string;
  /** Oldest first. */
  readonly versions: readonly CatalogVersion[];
}

export interface CatalogIndexFile {
  readonly source: string;
  readonly policies: readonly CatalogEntry[];
}

/** The index file's text: stable key order, one policy a line, so that a catalog update diffs policy by policy. */
export function encodeIndex(index: CatalogIndexFile): string {
  const line = (p: CatalogEntry) => JSON.stringify({
    name: p.name, path: p.path, id: p.id, ...(p.description !== undefined ? { description: p.description } : {}),
    createDate: p.createDate, updateDate: p.updateDate, defaultVersionId: p.defaultVersionId, versions: p.versions,
  });
  return `{\n  "source": ${JSON.stringify(index.source)},\n  "policies": [\n${index.policies.map((p) => `    ${line(p)}`).join(',\n')}\n  ]\n}\n`;
}

const MAGIC = 'RGMP';

export function encodeDocuments(chunks: readonly string[]): Buffer {
  const packed = chunks.map((c) => (c === '' ? Buffer.alloc(0) : brotliCompressSync(c, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(c) },
  })));
  const head = Buffer.alloc(8 + 4 * packed.length);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32BE(packed.length, 4);
  packed.forEach((p, i) => head.writeUInt32BE(p.length, 8 + 4 * i));
  return Buffer.concat([head, ...packed]);
}

/** Where each chunk lies in the documents file, from the file's first bytes (`read(offset, length)`). */
export function chunkTable(read: (offset: number, length: number) => Buffer): { offset: number; length: number }[] {
  const first = read(0, 8);
  if (first.toString('latin1', 0, 4) !== MAGIC) throw new Error('not a managed policy documents file');
  const count = first.readUInt32BE(4);
  const lengths = read(8, 4 * count);
  const out: { offset: number; length: number }[] = [];
  let offset = 8 + 4 * count;
  for (let i = 0; i < count; i++) {
    const length = lengths.readUInt32BE(4 * i);
    out.push({ offset, length });
    offset += length;
  }
  return out;
}

export function decodeChunk(bytes: Buffer): string {
  return bytes.length === 0 ? '' : brotliDecompressSync(bytes).toString('utf8');
}
