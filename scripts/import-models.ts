// Imports AWS's full service models (the botocore JSON format, which the AWS CLI ships) into
// models/aws/, stripped of documentation. aws-sdk v2's apis/*.min.json drop the constraint traits
// (min, max, pattern, enum) and the error shapes that validation needs, so the full form is kept.
// Usage: npm run models:import -- [BOTOCORE_DATA_DIR] [SERVICE…] ; the generator reads only models/aws/.
import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

const SERVICES: Record<string, string> = {
  iam: '2010-05-08', sts: '2011-06-15', s3: '2006-03-01', kinesis: '2013-12-02', firehose: '2015-08-04',
  pinpoint: '2016-12-01', personalize: '2018-05-22', 'personalize-runtime': '2018-05-22',
};

function botocoreDataDir(): string {
  if (process.argv[2] && !SERVICES[process.argv[2]]) return process.argv[2];
  for (const py of ['python3', '/usr/bin/python3']) {
    try {
      const dir = execFileSync(py, ['-c', 'import botocore,os;print(os.path.dirname(botocore.__file__))'], {
        encoding: 'utf8',
      }).trim();
      if (existsSync(join(dir, 'data'))) return join(dir, 'data');
    } catch {
      /* try the next interpreter */
    }
  }
  throw new Error('botocore data not found: pass its data folder as the first argument');
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'documentation' || k === 'documentationUrl' || k === 'examples') continue;
      out[k] = strip(v);
    }
    return out;
  }
  return value;
}

const data = botocoreDataDir();
const only = process.argv.slice(2).filter((a) => SERVICES[a]);
for (const [service, version] of Object.entries(SERVICES)) {
  if (only.length && !only.includes(service)) continue;
  const dir = join(data, service, version);
  const file = readdirSync(dir).find((f) => f.startsWith('service-2.json'));
  if (!file) throw new Error(`no service-2.json in ${dir}`);
  const raw = readFileSync(join(dir, file));
  const text = file.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  const model = strip(JSON.parse(text));
  writeFileSync(join('models', 'aws', `${service}-${version}.json`), JSON.stringify(model, null, 1) + '\n');
  console.log(`imported ${service} ${version}`);
}
