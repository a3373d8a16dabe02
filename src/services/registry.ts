// The table of services rolegate serves: model, codec and handler table of each.
import { resolveService, type ResolvedService } from '../protocol/resolved.js';
import { queryCodec, type Codec } from '../protocol/query/codec.js';
import { model as iamModel } from '../generated/iam/model.js';
import { model as stsModel } from '../generated/sts/model.js';
import { handlers as iamHandlers } from './iam/index.js';
import { handlers as stsHandlers } from './sts/index.js';
import type { Handler } from './types.js';

export interface ServiceEntry {
  name: string;
  resolved: ResolvedService;
  codec: Codec;
  handlers: Record<string, Handler<any, any> | undefined>;
}

function entry(name: string, resolved: ResolvedService, handlers: Record<string, Handler<any, any> | undefined>): ServiceEntry {
  return { name, resolved, codec: queryCodec(resolved), handlers };
}

export function buildServices(): Map<string, ServiceEntry> {
  const iam = resolveService(iamModel);
  const sts = resolveService(stsModel);
  return new Map([
    ['iam', entry('iam', iam, iamHandlers)],
    ['sts', entry('sts', sts, stsHandlers)],
  ]);
}
