// What one evaluation knows about its request: the action lower-cased and its service, context keys
// by lower-case name (built on first use), the caller for principal matching, and the keys found
// missing. Built per evaluation; allocates only what the policies ask for.
import type { ContextValue, RequestContext } from '../types.js';
import type { VariableSource } from '../match/variables.js';
import { callerOf, type Caller } from '../match/principal.js';
import { arnPrefix } from '../match/resource.js';

interface ActionInfo {
  readonly lower: string;
  readonly service: string;
}

const ACTION_CACHE_LIMIT = 4096;
const actions = new Map<string, ActionInfo>();

function actionInfo(action: string): ActionInfo {
  let info = actions.get(action);
  if (info) return info;
  const lower = action.toLowerCase();
  const colon = lower.indexOf(':');
  info = { lower, service: colon < 0 ? lower : lower.slice(0, colon) };
  if (actions.size >= ACTION_CACHE_LIMIT) actions.clear();
  actions.set(action, info);
  return info;
}

const NO_CONTEXT: Readonly<Record<string, ContextValue>> = {};

export class EvalState implements VariableSource {
  readonly action: string;
  readonly service: string;
  readonly resource: string;
  private prefix: string | undefined;
  private keys: Map<string, ContextValue> | undefined;
  private who: Caller | undefined;
  missingKeys: string[] | undefined;
  unresolvedCount = 0;
  /** The request crosses accounts (PolicySet.crossAccount): a NotPrincipal exemption must name the caller's account too. */
  crossAccount = false;

  constructor(readonly request: RequestContext) {
    const info = actionInfo(request.action);
    this.action = info.lower;
    this.service = info.service;
    this.resource = request.resource;
  }

  /** The resource's first five ARN segments (one string, so map lookups hash it once). */
  resourcePrefix(): string {
    return (this.prefix ??= arnPrefix(this.resource));
  }

  get(keyLower: string): ContextValue | undefined {
    let keys = this.keys;
    if (keys === undefined) {
      keys = new Map();
      const context = this.request.context ?? NO_CONTEXT;
      for (const k in context) keys.set(k.toLowerCase(), context[k]!);
      this.keys = keys;
    }
    return keys.get(keyLower);
  }

  missing(key: string): void {
    const list = (this.missingKeys ??= []);
    const lower = key.toLowerCase();
    for (let i = 0; i < list.length; i++) if (list[i]!.toLowerCase() === lower) return;
    list.push(key);
  }

  caller(): Caller {
    if (this.who === undefined) {
      const arn = this.get('aws:principalarn');
      const userId = this.get('aws:userid');
      this.who = callerOf(this.request, typeof arn === 'string' ? arn : undefined, typeof userId === 'string' ? userId : undefined);
    }
    return this.who;
  }
}
