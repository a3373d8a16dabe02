// The STS handler table.
import type { Operations } from '../../generated/sts/operations.js';
import type { ServiceHandlers } from '../types.js';
import { GetCallerIdentity } from './GetCallerIdentity.js';

export const handlers = { GetCallerIdentity } satisfies ServiceHandlers<Operations>;
