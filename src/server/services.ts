// The table of services rolegate serves: each one's model, protocol codec, handler table and the
// few facts routing and authentication need. Adding a service is one entry here.
import { resolveService } from '../protocol/resolved.js';
import type { ServiceModel } from '../protocol/model.js';
import type { Codec, Protocol } from '../protocol/codec.js';
import type { ResolvedService } from '../protocol/resolved.js';
import type { HostStrategy, ProtocolService, RoutableService } from '../protocol/service.js';
import { queryCodec } from '../protocol/query/codec.js';
import { jsonCodec } from '../protocol/json/codec.js';
import { restJsonCodec } from '../protocol/rest-json/codec.js';
import { restXmlCodec, type RestXmlErrors } from '../protocol/rest-xml/codec.js';
import { model as iamModel } from '../generated/iam/model.js';
import { model as stsModel } from '../generated/sts/model.js';
import { model as s3Model } from '../generated/s3/model.js';
import { model as kinesisModel } from '../generated/kinesis/model.js';
import { model as firehoseModel } from '../generated/firehose/model.js';
import { model as pinpointModel } from '../generated/pinpoint/model.js';
import { model as personalizeModel } from '../generated/personalize/model.js';
import { model as personalizeRuntimeModel } from '../generated/personalize-runtime/model.js';
import { handlers as iamHandlers } from '../services/iam/index.js';
import { handlers as stsHandlers } from '../services/sts/index.js';
import { handlers as s3Handlers } from '../services/s3/index.js';
import { missingBody as s3MissingBody } from '../services/s3/common.js';
import type { Store } from '../store/types.js';
import { handlers as kinesisHandlers } from '../services/kinesis/index.js';
import { handlers as firehoseHandlers } from '../services/firehose/index.js';
import { handlers as pinpointHandlers } from '../services/pinpoint/index.js';
import { badRequest } from '../services/pinpoint/common.js';
import type { Handler } from '../services/types.js';

export interface ServiceEntry extends ProtocolService {
  handlers: Record<string, Handler<any, any> | undefined>;
  /** Operations AWS serves without a signature: the caller proves itself with a token in the input. */
  unsigned: ReadonlySet<string>;
  /** Every operation may be called unsigned, as an anonymous caller whom the resource's policy alone may allow (S3). */
  anonymous: boolean;
  /**
   * Whether the model's constraints are checked before the handler, answering ValidationException
   * as JSON and query services do. S3 words every refusal its own way (InvalidArgument, MalformedXML …)
   * and checks in its handlers.
   */
  validatesInput: boolean;
  /** The error a model-validation failure answers, when the service words it its own way (Pinpoint: BadRequestException with the RequestID). */
  validationError?: (message: string, requestId: string) => Error;
  /**
   * For a service that does not validate input against its model: the error an operation answers
   * when its required body (the input's payload member) is empty (S3: NoSuchBucket for a bucket
   * that is not there, else MissingRequestBodyError).
   */
  missingBody?: (input: Record<string, unknown>, store: Store) => Promise<Error>;
  /**
   * Operations whose input may carry an MFA device's SerialNumber and TokenCode: the code is proved
   * before the authorize step, whose policies then see aws:MultiFactorAuthPresent (STS).
   */
  mfaOperations: ReadonlySet<string>;
}

const MiB = 1024 * 1024;

const codecs: Record<Protocol, (service: ResolvedService, d: Definition) => Codec> = {
  query: queryCodec,
  json: jsonCodec,
  'rest-json': restJsonCodec,
  'rest-xml': (service, d) => restXmlCodec(service, d.xmlErrors),
};

interface Definition {
  name: string;
  model: ServiceModel;
  handlers: Record<string, Handler<any, any> | undefined>;
  bodyLimit: number;
  unsigned?: string[];
  anonymous?: boolean;
  signingAliases?: string[];
  /** False: the handlers check their input as the service words it (S3). */
  validatesInput?: boolean;
  validationError?: (message: string, requestId: string) => Error;
  missingBody?: (input: Record<string, unknown>, store: Store) => Promise<Error>;
  mfaOperations?: string[];
  hostStrategy?: HostStrategy;
  /** rest-xml: S3's bare <Error> document, or the <ErrorResponse> envelope of the other rest-xml services. */
  xmlErrors?: RestXmlErrors;
}

const definitions: Definition[] = [
  { name: 'iam', model: iamModel, handlers: iamHandlers, bodyLimit: MiB },
  { name: 'sts', model: stsModel, handlers: stsHandlers, bodyLimit: MiB, unsigned: ['AssumeRoleWithWebIdentity', 'AssumeRoleWithSAML'], mfaOperations: ['AssumeRole', 'GetSessionToken'] },
  // S3's non-streaming bodies are XML documents (DeleteObjects: 1,000 keys); objects stream.
  { name: 's3', model: s3Model, handlers: s3Handlers, bodyLimit: 2 * MiB, hostStrategy: 's3-virtual-host', xmlErrors: 's3', anonymous: true, validatesInput: false, missingBody: s3MissingBody, signingAliases: ['s3express'] },
  // PutRecords: 5 MiB of data, base64 in JSON; Firehose PutRecordBatch: 4 MiB.
  { name: 'kinesis', model: kinesisModel, handlers: kinesisHandlers, bodyLimit: 8 * MiB },
  { name: 'firehose', model: firehoseModel, handlers: firehoseHandlers, bodyLimit: 6 * MiB },
  // Pinpoint answers every refused input as BadRequestException, its RequestID in the body.
  { name: 'pinpoint', model: pinpointModel, handlers: pinpointHandlers, bodyLimit: 8 * MiB, validationError: (message, requestId) => badRequest({ requestId }, message) },
  { name: 'personalize', model: personalizeModel, handlers: {}, bodyLimit: MiB },
  { name: 'personalize-runtime', model: personalizeRuntimeModel, handlers: {}, bodyLimit: MiB },
];

function routable(d: Definition): RoutableService {
  return {
    name: d.name,
    signingName: d.model.metadata.signingName ?? d.model.metadata.endpointPrefix,
    resolved: resolveService(d.model),
    ...(d.hostStrategy ? { hostStrategy: d.hostStrategy } : {}),
    ...(d.signingAliases ? { signingAliases: d.signingAliases } : {}),
  };
}

/** Every modelled service as routing sees it, served or not yet. */
export function routableServices(): RoutableService[] {
  return definitions.map(routable);
}

/** Every service rolegate serves, in the order routing tries them. */
export function buildServices(): ServiceEntry[] {
  return definitions.map((d) => {
    const r = routable(d);
    const codec = codecs[d.model.metadata.protocol as Protocol](r.resolved, d);
    return { ...r, codec, bodyLimit: d.bodyLimit, handlers: d.handlers, unsigned: new Set(d.unsigned ?? []), anonymous: d.anonymous === true, validatesInput: d.validatesInput !== false, mfaOperations: new Set(d.mfaOperations ?? []), ...(d.validationError ? { validationError: d.validationError } : {}), ...(d.missingBody ? { missingBody: d.missingBody } : {}) };
  });
}
