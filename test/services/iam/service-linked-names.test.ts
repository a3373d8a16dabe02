// CreateServiceLinkedRole's role names and its CustomSuffix rules, through @aws-sdk/client-iam: the
// name each service's role gets in AWS, <name>_<suffix> where the service takes a suffix, and
// AWS's InvalidInput where it does not.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CreateServiceLinkedRoleCommand } from '@aws-sdk/client-iam';
import { useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const rg = useRolegate();
const table = JSON.parse(readFileSync('src/services/iam/service-linked-names.json', 'utf8')) as { names: Record<string, string>; noCustomSuffix: string[] };

const create = (AWSServiceName: string, CustomSuffix?: string) =>
  rg.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName, ...(CustomSuffix !== undefined ? { CustomSuffix } : {}) }));

describe('role names', () => {
  test('each service\'s role is named as AWS names it', async () => {
    for (const [service, name] of [
      ['dms.amazonaws.com', 'AWSServiceRoleForDMSServerless'],
      ['ssm.amazonaws.com', 'AWSServiceRoleForAmazonSSM'],
      ['sso.amazonaws.com', 'AWSServiceRoleForSSO'],
      ['ses.amazonaws.com', 'AWSServiceRoleForAmazonSES'],
      ['ram.amazonaws.com', 'AWSServiceRoleForResourceAccessManager'],
      ['docdb-elastic.amazonaws.com', 'AWSServiceRoleForDocDB-Elastic'],
      ['replication.ecr.amazonaws.com', 'AWSServiceRoleForECRReplication'],
      ['workspaces.application-autoscaling.amazonaws.com', 'AWSServiceRoleForApplicationAutoScaling_WorkSpacesPool'],
      ['custom-resource.application-autoscaling.amazonaws.com', 'AWSServiceRoleForApplicationAutoScaling_CustomResource'],
    ]) {
      const r = await create(service);
      assert.equal(r.Role!.RoleName, name, service);
      assert.equal(r.Role!.Path, `/aws-service-role/${service}/`);
    }
  });

  test('a service the table does not name gets AWSServiceRoleFor<Service>', async () => {
    assert.equal((await create('widgets.amazonaws.com')).Role!.RoleName, 'AWSServiceRoleForWidgets');
  });

  test('every service refused a suffix is one the table names', () => {
    for (const s of table.noCustomSuffix) assert.ok(table.names[s], s);
  });
});

describe('CustomSuffix', () => {
  test('Auto Scaling, Lex V2 and Amazon Connect take a suffix: <name>_<suffix>, one role per suffix', async () => {
    assert.equal((await create('autoscaling.amazonaws.com', 'fleet')).Role!.RoleName, 'AWSServiceRoleForAutoScaling_fleet');
    assert.equal((await create('autoscaling.amazonaws.com')).Role!.RoleName, 'AWSServiceRoleForAutoScaling');
    assert.equal((await create('lexv2.amazonaws.com', 'B1')).Role!.RoleName, 'AWSServiceRoleForLexV2Bots_B1');
    assert.equal((await create('connect.amazonaws.com', 'inst')).Role!.RoleName, 'AWSServiceRoleForAmazonConnect_inst');
    await rejectsWith(create('autoscaling.amazonaws.com', 'fleet'), 'InvalidInputException', 400,
      'Service role name AWSServiceRoleForAutoScaling_fleet has been taken in this account, please try a different suffix.');
  });

  test('a service that takes none answers InvalidInput, Application Auto Scaling\'s custom resources included', async () => {
    for (const service of ['custom-resource.application-autoscaling.amazonaws.com', 'ecs.application-autoscaling.amazonaws.com', 'elasticbeanstalk.amazonaws.com', 'ecs.amazonaws.com']) {
      await rejectsWith(create(service, 'x'), 'InvalidInputException', 400, `Custom suffix is not allowed for ${service}`);
    }
    // Refused, nothing was made: the role without a suffix is still free.
    assert.equal((await create('ecs.amazonaws.com')).Role!.RoleName, 'AWSServiceRoleForECS');
  });

  test('a service the table does not name takes a suffix', async () => {
    assert.equal((await create('widgets.amazonaws.com', 'blue')).Role!.RoleName, 'AWSServiceRoleForWidgets_blue');
  });
});
