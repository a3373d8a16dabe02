// A service model linked once at start-up: shapes point at shapes, patterns are compiled, member
// lists are arrays. The codecs and the validator walk this form so no request builds a regex or a key list.
import type { MemberLocation, MemberModel, OperationModel, ServiceModel, ShapeModel, ShapeType, XmlNamespace } from './model.js';

export interface Member {
  name: string;
  /** The lowerCamelCase name AWS's validation messages use ("roleName"). */
  path: string;
  wireName: string;
  shape: Shape;
  required: boolean;
  flattened: boolean;
  /** Where the member travels in a REST message; undefined: the body. */
  location?: MemberLocation;
  /** The member's own timestamp format, else its shape's. */
  timestampFormat?: string;
  xmlAttribute: boolean;
  xmlNamespace?: XmlNamespace;
  jsonvalue: boolean;
  idempotencyToken: boolean;
  hostLabel: boolean;
  eventpayload: boolean;
  /** A streaming blob: S3 marks the member (PutObjectRequest.Body), other models the shape. */
  streaming: boolean;
}

export interface Shape {
  name: string;
  type: ShapeType;
  members: Member[];
  memberByName: Map<string, Member>;
  member?: Member;
  key?: Member;
  value?: Member;
  min?: number;
  max?: number;
  pattern?: RegExp;
  patternSource?: string;
  enum?: string[];
  sensitive: boolean;
  flattened: boolean;
  timestampFormat?: string;
  /** The member that is the whole HTTP body (REST protocols). */
  payload?: Member;
  streaming: boolean;
  union: boolean;
  document: boolean;
  eventstream: boolean;
  /** The element name a rest-xml document uses for this shape at the root. */
  locationName?: string;
  xmlNamespace?: XmlNamespace;
  /** For an exception shape: its wire code and HTTP status. */
  error?: { code: string; status: number; fault: 'Sender' | 'Receiver' };
}

export interface Operation {
  name: string;
  input?: Shape;
  output?: Shape;
  resultWrapper?: string;
  method: string;
  requestUri: string;
  /** The status of a successful response (REST protocols), 200 unless the model says otherwise. */
  responseCode: number;
  errors: Shape[];
  /** rest-xml: the root element of the input document, when the operation names one. */
  inputLocationName?: string;
  inputXmlNamespace?: XmlNamespace;
  model: OperationModel;
}

export interface ResolvedService {
  model: ServiceModel;
  operations: Map<string, Operation>;
  shapes: Map<string, Shape>;
  /** Exception shapes by the code they travel under. */
  errorsByCode: Map<string, Shape>;
}

function errorInfo(model: ServiceModel, name: string, raw: ShapeModel): Shape['error'] {
  if (!raw.exception) return undefined;
  const e = raw.error ?? {};
  const code = e.code ?? (model.metadata.protocol === 'query' ? name.replace(/Exception$/, '') : name);
  const status = e.httpStatusCode ?? 400;
  return { code, status, fault: e.senderFault === false || status >= 500 || raw.fault ? 'Receiver' : 'Sender' };
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

export function resolveService(model: ServiceModel): ResolvedService {
  const shapes = new Map<string, Shape>();
  const get = (name: string): Shape => {
    const found = shapes.get(name);
    if (found) return found;
    const raw: ShapeModel | undefined = model.shapes[name];
    if (!raw) throw new Error(`shape ${name} is not in the model`);
    const shape: Shape = {
      name,
      type: raw.type,
      members: [],
      memberByName: new Map(),
      min: raw.min,
      max: raw.max,
      pattern: raw.pattern === undefined ? undefined : new RegExp(`^(?:${raw.pattern})$`, 'u'),
      patternSource: raw.pattern,
      enum: raw.enum,
      sensitive: raw.sensitive === true,
      flattened: raw.flattened === true,
      timestampFormat: raw.timestampFormat,
      streaming: raw.streaming === true,
      union: raw.union === true,
      document: raw.document === true,
      eventstream: raw.eventstream === true,
      locationName: raw.locationName,
      xmlNamespace: raw.xmlNamespace,
      error: errorInfo(model, name, raw),
    };
    shapes.set(name, shape);
    const link = (memberName: string, m: MemberModel, required: boolean): Member => {
      const target = get(m.shape);
      return {
        name: memberName,
        path: lowerFirst(memberName),
        wireName: m.locationName ?? memberName,
        shape: target,
        required,
        flattened: m.flattened === true || target.flattened,
        location: m.location,
        timestampFormat: m.timestampFormat ?? target.timestampFormat,
        xmlAttribute: m.xmlAttribute === true,
        xmlNamespace: m.xmlNamespace,
        jsonvalue: m.jsonvalue === true,
        idempotencyToken: m.idempotencyToken === true,
        hostLabel: m.hostLabel === true,
        eventpayload: m.eventpayload === true,
        streaming: m.streaming === true || target.streaming,
      };
    };
    const required = new Set(raw.required ?? []);
    for (const [memberName, m] of Object.entries(raw.members ?? {})) {
      const member = link(memberName, m, required.has(memberName));
      shape.members.push(member);
      shape.memberByName.set(memberName, member);
    }
    if (raw.payload) shape.payload = shape.memberByName.get(raw.payload);
    if (raw.member) shape.member = link('member', raw.member, false);
    if (raw.key) shape.key = link('key', raw.key, false);
    if (raw.value) shape.value = link('value', raw.value, false);
    return shape;
  };
  const operations = new Map<string, Operation>();
  for (const [name, op] of Object.entries(model.operations)) {
    operations.set(name, {
      name,
      input: op.input ? get(op.input) : undefined,
      output: op.output ? get(op.output) : undefined,
      resultWrapper: op.resultWrapper,
      method: op.http.method,
      requestUri: op.http.requestUri,
      responseCode: op.http.responseCode ?? 200,
      errors: op.errors.map(get),
      inputLocationName: op.inputLocationName,
      inputXmlNamespace: op.inputXmlNamespace,
      model: op,
    });
  }
  const errorsByCode = new Map<string, Shape>();
  for (const name of Object.keys(model.shapes)) {
    if (!model.shapes[name].exception) continue;
    const shape = get(name);
    errorsByCode.set(shape.error!.code, shape);
  }
  return { model, operations, shapes, errorsByCode };
}
