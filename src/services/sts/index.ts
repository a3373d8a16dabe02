// The STS handler table.
import type { Operations } from '../../generated/sts/operations.js';
import type { ServiceHandlers } from '../types.js';
import { AssumeRole } from './AssumeRole.js';
import { GetAccessKeyInfo } from './GetAccessKeyInfo.js';
import { GetCallerIdentity } from './GetCallerIdentity.js';
import { GetSessionToken } from './GetSessionToken.js';

export const handlers = { AssumeRole, GetAccessKeyInfo, GetCallerIdentity, GetSessionToken } satisfies ServiceHandlers<Operations>;
