// A service model linked once at start-up: shapes point at shapes, patterns are compiled, member
// lists are arrays. The codecs and the validator walk this form so no request builds a regex or a key list.
import type { MemberModel, ServiceModel, ShapeModel, ShapeType } from './model.js';

export interface Member {
  name: string;
  /** The lowerCamelCase name AWS's validation messages use ("roleName"). */
  path: string;
  wireName: string;
  shape: Shape;
  required: boolean;
  flattened: boolean;
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
}

export interface Operation {
  name: string;
  input?: Shape;
  output?: Shape;
  resultWrapper?: string;
  method: string;
  requestUri: string;
}

export interface ResolvedService {
  model: ServiceModel;
  operations: Map<string, Operation>;
  shapes: Map<string, Shape>;
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
      };
    };
    const required = new Set(raw.required ?? []);
    for (const [memberName, m] of Object.entries(raw.members ?? {})) {
      const member = link(memberName, m, required.has(memberName));
      shape.members.push(member);
      shape.memberByName.set(memberName, member);
    }
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
    });
  }
  return { model, operations, shapes };
}
