// The query protocol (IAM, STS) with the real SDK v3 clients as the oracle, in process: for every
// operation, the input the SDK sends reads back exactly through our parser, and the output we write
// reads back exactly in the SDK's parser (timestamps to the second, as the query services write them).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as iamSdk from '@aws-sdk/client-iam';
import * as stsSdk from '@aws-sdk/client-sts';
import { model as iamModel } from '../../src/generated/iam/model.js';
import { model as stsModel } from '../../src/generated/sts/model.js';
import type { ServiceModel } from '../../src/protocol/model.js';
import { resolveService } from '../../src/protocol/resolved.js';
import { queryCodec } from '../../src/protocol/query/codec.js';
import { commandFor, inProcessClient, normalize, sample, toWireRequest } from '../support/sdk-round-trip.js';

interface SdkClient { send(command: object): Promise<Record<string, unknown>> }

const services: { name: string; model: ServiceModel; sdk: Record<string, unknown>; Client: new (config: never) => unknown }[] = [
  { name: 'IAM', model: iamModel, sdk: iamSdk, Client: iamSdk.IAMClient },
  { name: 'STS', model: stsModel, sdk: stsSdk, Client: stsSdk.STSClient },
];

/** Operations of the model that the SDK release in use does not ship yet: nothing to send them with. */
function shipped(sdk: Record<string, unknown>, name: string): boolean {
  return typeof sdk[`${name}Command`] === 'function';
}

for (const svc of services) {
  const resolved = resolveService(svc.model);
  const codec = queryCodec(resolved);
  describe(`${svc.name} (query)`, () => {
    test('every operation of the model is in the SDK', () => {
      assert.deepEqual([...resolved.operations.keys()].filter((n) => !shipped(svc.sdk, n)), []);
    });
    for (const op of resolved.operations.values()) {
      if (!shipped(svc.sdk, op.name)) continue;
      const Command = commandFor(svc.sdk, op);
      const input = (op.input ? sample(op.input) : {}) as Record<string, unknown>;

      test(`${op.name}: the form the SDK sends reads back exactly through our parser`, async () => {
        let seen: Record<string, unknown> | undefined;
        const c = inProcessClient(svc.Client as never, async (request) => {
          const wire = await toWireRequest(request);
          const params = new URLSearchParams(wire.body.toString('utf8'));
          assert.equal(params.get('Action'), op.name);
          seen = codec.parseInput(op, { ...wire, query: params });
          return codec.serializeOutput(op, {}, 'req-in');
        }) as SdkClient;
        await c.send(new Command(input)).catch(() => undefined); // the request is captured before the SDK reads the answer
        assert.ok(seen, 'the SDK sent the request');
        assert.deepEqual(normalize(seen), normalize(input));
      });

      test(`${op.name}: the XML we write reads in the SDK exactly as written`, async () => {
        const output = (op.output ? sample(op.output) : {}) as Record<string, unknown>;
        const c = inProcessClient(svc.Client as never, () => codec.serializeOutput(op, output, 'req-out')) as SdkClient;
        const got = await c.send(new Command(input));
        const { $metadata, ...rest } = got;
        assert.equal(($metadata as { requestId?: string }).requestId, 'req-out');
        assert.deepEqual(normalize(rest), normalize(output));
      });
    }
  });
}
