// The STS handler table.
import type { Operations } from '../../generated/sts/operations.js';
import type { ServiceHandlers } from '../types.js';
import { AssumeRole } from './AssumeRole.js';
import { AssumeRoot } from './AssumeRoot.js';
import { DecodeAuthorizationMessage } from './DecodeAuthorizationMessage.js';
import { AssumeRoleWithWebIdentity } from './AssumeRoleWithWebIdentity.js';
import { AssumeRoleWithSAML } from './AssumeRoleWithSAML.js';
import { GetAccessKeyInfo } from './GetAccessKeyInfo.js';
import { GetCallerIdentity } from './GetCallerIdentity.js';
import { GetDelegatedAccessToken } from './GetDelegatedAccessToken.js';
import { GetFederationToken } from './GetFederationToken.js';
import { GetSessionToken } from './GetSessionToken.js';
import { GetWebIdentityToken } from './GetWebIdentityToken.js';

export const handlers = { AssumeRole, AssumeRoot, DecodeAuthorizationMessage, AssumeRoleWithWebIdentity, AssumeRoleWithSAML, GetAccessKeyInfo, GetCallerIdentity, GetDelegatedAccessToken, GetFederationToken, GetSessionToken, GetWebIdentityToken } satisfies ServiceHandlers<Operations>;
