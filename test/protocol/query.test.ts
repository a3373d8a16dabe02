// Query-protocol round trips with the real SDK as the oracle, in-process: the SDK's serializer
// checks our parser and its parser checks our serializer, without a socket.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { HttpResponse, type HttpRequest } from '@smithy/protocol-http';
import {
  IAMClient, CreateRoleCommand, GetRoleCommand, ListPolicyVersionsCommand, SimulateCustomPolicyCommand,
  GetAccountSummaryCommand, type CreateRoleCommandInput,
} from '@aws-sdk/client-iam';
import { model } from '../../src/generated/iam/model.js';
import { resolveService } from '../../src/protocol/resolved.js';
import { paramTree, parseQueryInput } from '../../src/protocol/query/parse.js';
import { serializeQueryError, serializeQueryOutput } from '../../src/protocol/query/serialize.js';
import { validateShape, renderValidationMessage } from '../../src/protocol/validate.js';
import { AwsError } from '../../src/protocol/errors.js';

const iamModel = resolveService(model);
const xmlns = 'https://iam.amazonaws.com/doc/2010-05-08/';

/** A client whose transport hands each request to `respond` and returns its XML. */
function client(respond: (action: string, input: Record<string, unknown>) => { status: number; body: string }) {
  return new IAMClient({
    region: 'us-east-1',
    endpoint: 'http://in-process',
    credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' },
    maxAttempts: 1,
    requestHandler: {
      async handle(request: HttpRequest) {
        const params = new URLSearchParams(String(request.body));
        const action = params.get('Action')!;
        const op = iamModel.operations.get(action)!;
        const input = parseQueryInput(op.input, paramTree(params));
        const out = respond(action, input);
        // The server sends the request id in the body and, as AWS does, in x-amzn-RequestId.
        const requestId = /<RequestId>([^<]*)<\/RequestId>/.exec(out.body)?.[1] ?? '';
        const headers = { 'content-type': 'text/xml', 'x-amzn-requestid': requestId };
        return {
          response: new HttpResponse({ statusCode: out.status, headers, body: Readable.from([Buffer.from(out.body)]) }),
        };
      },
    },
  });
}

test('the SDK serializes CreateRole with tags and our parser reads back exactly the input', async () => {
  let seen: Record<string, unknown> | undefined;
  const c = client((action, input) => {
    seen = input;
    const op = iamModel.operations.get(action)!;
    const role = { Path: '/', RoleName: 'r', RoleId: 'AROAEXAMPLE', Arn: 'arn:aws:iam::1:role/r', CreateDate: new Date('2026-01-02T03:04:05Z') };
    return { status: 200, body: serializeQueryOutput(op, { Role: role }, xmlns, 'req-1') };
  });
  const input: CreateRoleCommandInput = {
    RoleName: 'r', Path: '/a b/', AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow"}]} & <é>',
    MaxSessionDuration: 7200, Tags: [{ Key: 'k=1', Value: 'v&2' }, { Key: 'k2', Value: '' }],
  };
  const out = await c.send(new CreateRoleCommand(input));
  assert.deepEqual(seen, input);
  assert.equal(out.Role!.CreateDate!.toISOString(), '2026-01-02T03:04:05.000Z');
  assert.equal(out.$metadata.requestId, 'req-1');
});

test('lists, booleans, numbers and escaped text survive our serializer into the SDK', async () => {
  const c = client((action) => {
    const op = iamModel.operations.get(action)!;
    const output = {
      Versions: [
        { VersionId: 'v2', IsDefaultVersion: true, CreateDate: new Date('2026-01-01T00:00:00Z'), Document: 'a<b>&"c\'' },
        { VersionId: 'v1', IsDefaultVersion: false, CreateDate: new Date('2025-01-01T00:00:00Z') },
      ],
      IsTruncated: true,
      Marker: 'm/+=',
    };
    return { status: 200, body: serializeQueryOutput(op, output, xmlns, 'r') };
  });
  const out = await c.send(new ListPolicyVersionsCommand({ PolicyArn: 'arn:aws:iam::111122223333:policy/p' }));
  assert.equal(out.Versions!.length, 2);
  assert.equal(out.Versions![0].Document, 'a<b>&"c\'');
  assert.equal(out.Versions![0].IsDefaultVersion, true);
  assert.equal(out.Versions![1].IsDefaultVersion, false);
  assert.equal(out.IsTruncated, true);
  assert.equal(out.Marker, 'm/+=');
});

test('maps serialize as entry/key/value and the SDK reads them', async () => {
  const c = client((action) => {
    const op = iamModel.operations.get(action)!;
    return { status: 200, body: serializeQueryOutput(op, { SummaryMap: { Roles: 3, RolesQuota: 1000 } }, xmlns, 'r') };
  });
  const out = await c.send(new GetAccountSummaryCommand({}));
  assert.deepEqual(out.SummaryMap, { Roles: 3, RolesQuota: 1000 });
});

test('nested lists of structures and string lists parse from the SDK form', async () => {
  let seen: Record<string, unknown> | undefined;
  const c = client((action, input) => {
    seen = input;
    const op = iamModel.operations.get(action)!;
    return { status: 200, body: serializeQueryOutput(op, { EvaluationResults: [], IsTruncated: false }, xmlns, 'r') };
  });
  const input = {
    PolicyInputList: ['{"a":1}', '{"b":2}'],
    ActionNames: ['s3:GetObject'],
    ContextEntries: [{ ContextKeyName: 'aws:SourceIp', ContextKeyType: 'ip' as const, ContextKeyValues: ['10.0.0.1', '10.0.0.2'] }],
  };
  await c.send(new SimulateCustomPolicyCommand(input));
  assert.deepEqual(seen, input);
});

test('errors arrive in the SDK with their code, message and status', async () => {
  const c = client(() => ({ status: 404, body: serializeQueryError(new AwsError('NoSuchEntity', 'The role with name x cannot be found.', 404), xmlns, 'req-9') }));
  await assert.rejects(c.send(new GetRoleCommand({ RoleName: 'x' })), (e: any) => {
    assert.equal(e.name, 'NoSuchEntityException');
    assert.equal(e.message, 'The role with name x cannot be found.');
    assert.equal(e.$metadata.httpStatusCode, 404);
    assert.equal(e.$metadata.requestId, 'req-9');
    return true;
  });
});

test('validation failures render in AWS words, several joined, sensitive values hidden', () => {
  const op = iamModel.operations.get('CreateRole')!;
  const failures = validateShape(op.input!, { RoleName: 'bad name', AssumeRolePolicyDocument: undefined, MaxSessionDuration: 10 });
  assert.equal(
    renderValidationMessage(failures),
    "3 validation errors detected: Value 'bad name' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+; " +
      "Value null at 'assumeRolePolicyDocument' failed to satisfy constraint: Member must not be null; " +
      "Value '10' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600",
  );
  const key = iamModel.operations.get('UploadSSHPublicKey') ?? iamModel.operations.get('ChangePassword')!;
  const sensitive = validateShape(key.input!, { OldPassword: '', NewPassword: 'x' });
  assert.ok(sensitive.length > 0);
  assert.ok(!renderValidationMessage(sensitive).includes("Value ''"), 'a sensitive value is not shown');
});
