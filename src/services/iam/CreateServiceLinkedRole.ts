// A service-linked role: named by the service, under /aws-service-role/<service>/, trusted by it.
import type { CreateServiceLinkedRoleRequest, CreateServiceLinkedRoleResponse } from '../../generated/iam/shapes.js';
import { EntityAlreadyExistsException, InvalidInputException } from '../../generated/iam/errors.js';
import type { Handler } from '../types.js';
import { roleArn } from '../../directory/arns.js';
import { uniqueId } from '../../shared/ids.js';
import { serviceLinkedRoleCreatedShape } from './roles.js';
import names from './service-linked-names.json' with { type: 'json' };

/** Role names AWS gives the service-linked roles of these services (service principal → role name). */
const KNOWN: Readonly<Record<string, string>> = names.names;
/** Services whose service-linked role takes no CustomSuffix (see the file's customSuffix note). */
const NO_SUFFIX: ReadonlySet<string> = new Set(names.noCustomSuffix);

const SERVICE = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com$/;

export const CreateServiceLinkedRole: Handler<CreateServiceLinkedRoleRequest, CreateServiceLinkedRoleResponse> = async (input, ctx) => {
  const service = input.AWSServiceName;
  if (!SERVICE.test(service)) throw new InvalidInputException(`Invalid service name: ${service}`);
  if (input.CustomSuffix !== undefined && NO_SUFFIX.has(service)) throw new InvalidInputException(`Custom suffix is not allowed for ${service}`);
  const base = (Object.hasOwn(KNOWN, service) ? KNOWN[service] : undefined) ?? `AWSServiceRoleFor${service.split('.')[0].replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase())}`;
  const name = input.CustomSuffix ? `${base}_${input.CustomSuffix}` : base;
  const path = `/aws-service-role/${service}/`;
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: [service] }, Action: ['sts:AssumeRole'] }],
  });
  return ctx.store.transaction(async (t) => {
    if (await t.roles.get(ctx.accountId, name)) {
      throw new InvalidInputException(`Service role name ${name} has been taken in this account, please try a different suffix.`);
    }
    const role = {
      name, id: uniqueId('AROA'), path, arn: roleArn(ctx.accountId, path, name), createDate: ctx.now.toISOString(),
      assumeRolePolicyDocument: trust, ...(input.Description !== undefined ? { description: input.Description } : {}),
      maxSessionDuration: 3600, tags: [],
    };
    if (!(await t.roles.create(ctx.accountId, role))) throw new EntityAlreadyExistsException(`Role with name ${name} already exists.`);
    return { Role: serviceLinkedRoleCreatedShape(role) };
  });
};
