// Pinpoint's authorization map as data (IAM prefix mobiletargeting), for the operations rolegate
// serves so far: the projects, their settings and tags. Each is mobiletargeting:<Operation>, as the
// Service Authorization Reference ("Actions, resources, and condition keys for Amazon Pinpoint")
// names them, on the app's ARN (arn:${Partition}:mobiletargeting:${Region}:${Account}:apps/${AppId}),
// or on `apps` itself for CreateApp and GetApps; the tagging operations on the ResourceArn they name.
// The tag condition keys (aws:RequestTag/*, aws:TagKeys from Pinpoint's tags maps) are not supplied yet.
import type { MapEntry, ServiceMap } from './schema.js';

const app = 'arn:${Partition}:mobiletargeting:${Region}:${Account}:apps/${ApplicationId}';
const apps = 'arn:${Partition}:mobiletargeting:${Region}:${Account}:apps';

const on = (op: string, resource: string): MapEntry => ({ action: `mobiletargeting:${op}`, resource });

export const pinpointMap: ServiceMap = {
  CreateApp: on('CreateApp', apps),
  GetApp: on('GetApp', app),
  GetApps: on('GetApps', apps),
  DeleteApp: on('DeleteApp', app),
  GetApplicationSettings: on('GetApplicationSettings', app),
  UpdateApplicationSettings: on('UpdateApplicationSettings', app),
  TagResource: on('TagResource', '${ResourceArn}'),
  UntagResource: on('UntagResource', '${ResourceArn}'),
  ListTagsForResource: on('ListTagsForResource', '${ResourceArn}'),
};
