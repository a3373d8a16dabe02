// Pinpoint's authorization map as data (IAM prefix mobiletargeting), for the operations rolegate
// serves: projects, settings and tags; endpoints and user endpoints; segments and their versions;
// import and export jobs; event streams and events; recommender configurations. Each is
// mobiletargeting:<Operation>, as the Service Authorization Reference ("Actions, resources, and
// condition keys for Amazon Pinpoint") names it, on the resource type it lists:
//   apps          arn:${Partition}:mobiletargeting:${Region}:${Account}:apps (CreateApp, GetApps)
//   app           …:apps/${AppId}, with its tags as aws:ResourceTag/*
//   endpoint      …:apps/${AppId}/endpoints/${EndpointId} for the one-endpoint operations, as AWS's
//                 refusals name it ("…not authorized to perform: mobiletargeting:GetEndpoint on
//                 resource: arn:aws:mobiletargeting:…:apps/ID/endpoints/ID"), with the project's tags
//   segment       …:apps/${AppId}/segments/${SegmentId}, with its tags
//   recommenders  …:recommenders (Create, GetRecommenderConfigurations)
//   recommender   …:recommenders/${RecommenderId}
//   templates     arn:${Partition}:mobiletargeting:${Region}:${Account}:templates (ListTemplates)
//   template      …:templates/${TemplateName}/${ChannelType} (EMAIL, PUSH, SMS, VOICE, INAPP), with its tags
//   channel       …:apps/${AppId}/channels/${ChannelType} (the URI's channel segment: email, apns_sandbox …),
//                 and GetChannels on …:apps/${AppId}/channels; neither has tags
// The tagging operations act on the ResourceArn they name. A request's tags (CreateApp,
// CreateSegment, TagResource) and removed keys (UntagResource) are aws:RequestTag/* and aws:TagKeys.
// Jobs that are given a role (CreateImportJob, CreateExportJob) also need iam:PassRole on it with
// iam:PassedToService, as the reference's operations table lists.
import type { KeySource, MapEntry, ServiceMap } from './schema.js';

const apps = 'arn:${Partition}:mobiletargeting:${Region}:${Account}:apps';
const recommenders = 'arn:${Partition}:mobiletargeting:${Region}:${Account}:recommenders';
const recommender = `${recommenders}/\${RecommenderId}`;
const app = { resolver: 'pinpoint:app' };
const segment = { resolver: 'pinpoint:segment' };
const endpoint = { resolver: 'pinpoint:endpoint' };

const tagKeys: Record<string, KeySource> = {
  'aws:RequestTag/*': { family: 'pinpoint:RequestTag' },
  'aws:TagKeys': { resolver: 'pinpoint:TagKeys' },
};

const on = (op: string, resource: MapEntry['resource'], extra: Partial<MapEntry> = {}): MapEntry => ({ action: `mobiletargeting:${op}`, resource, ...extra });

const passRole = (member: string): Omit<MapEntry, 'also'> => ({
  action: 'iam:PassRole',
  resource: `\${${member}}`,
  context: { 'iam:PassedToService': { resolver: 'pinpoint:PassedToService' } },
});

const CHANNELS = ['Adm', 'Apns', 'ApnsSandbox', 'ApnsVoip', 'ApnsVoipSandbox', 'Baidu', 'Email', 'Gcm', 'Sms', 'Voice'];
const channelSegment = (kind: string) => kind.replace(/(?<=.)([A-Z])/g, '_$1').toLowerCase();
const channels = `${apps}/\${ApplicationId}/channels`;
const channelEntries: ServiceMap = Object.fromEntries(CHANNELS.flatMap((kind) =>
  ['Update', 'Get', 'Delete'].map((verb) => [`${verb}${kind}Channel`, on(`${verb}${kind}Channel`, `${channels}/${channelSegment(kind)}`)])));

const templates = 'arn:${Partition}:mobiletargeting:${Region}:${Account}:templates';
const TEMPLATES: [string, string][] = [['Email', 'EMAIL'], ['Push', 'PUSH'], ['Sms', 'SMS'], ['Voice', 'VOICE'], ['InApp', 'INAPP']];
const templateEntries: ServiceMap = Object.fromEntries(TEMPLATES.flatMap(([kind, type]) =>
  ['Create', 'Get', 'Update', 'Delete'].map((verb) => [`${verb}${kind}Template`,
    on(`${verb}${kind}Template`, { resolver: 'pinpoint:template', name: type }, verb === 'Create' ? { context: tagKeys } : {})])));

export const pinpointMap: ServiceMap = {
  ...channelEntries,
  ...templateEntries,
  ListTemplates: on('ListTemplates', templates),
  ListTemplateVersions: on('ListTemplateVersions', { resolver: 'pinpoint:template' }),
  UpdateTemplateActiveVersion: on('UpdateTemplateActiveVersion', { resolver: 'pinpoint:template' }),
  GetChannels: on('GetChannels', channels),

  CreateApp: on('CreateApp', apps, { context: tagKeys }),
  GetApp: on('GetApp', app),
  GetApps: on('GetApps', apps),
  DeleteApp: on('DeleteApp', app),
  GetApplicationSettings: on('GetApplicationSettings', app),
  UpdateApplicationSettings: on('UpdateApplicationSettings', app),
  TagResource: on('TagResource', { resolver: 'pinpoint:resource' }, { context: tagKeys }),
  UntagResource: on('UntagResource', { resolver: 'pinpoint:resource' }, { context: tagKeys }),
  ListTagsForResource: on('ListTagsForResource', { resolver: 'pinpoint:resource' }),

  UpdateEndpoint: on('UpdateEndpoint', endpoint),
  UpdateEndpointsBatch: on('UpdateEndpointsBatch', app),
  GetEndpoint: on('GetEndpoint', endpoint),
  DeleteEndpoint: on('DeleteEndpoint', endpoint),
  GetUserEndpoints: on('GetUserEndpoints', app),
  DeleteUserEndpoints: on('DeleteUserEndpoints', app),
  RemoveAttributes: on('RemoveAttributes', app),

  CreateSegment: on('CreateSegment', app, { context: tagKeys }),
  GetSegments: on('GetSegments', app),
  GetSegment: on('GetSegment', segment),
  UpdateSegment: on('UpdateSegment', segment),
  DeleteSegment: on('DeleteSegment', segment),
  GetSegmentVersion: on('GetSegmentVersion', segment),
  GetSegmentVersions: on('GetSegmentVersions', segment),

  CreateImportJob: on('CreateImportJob', app, { also: [passRole('ImportJobRequest.RoleArn')] }),
  GetImportJob: on('GetImportJob', app),
  GetImportJobs: on('GetImportJobs', app),
  GetSegmentImportJobs: on('GetSegmentImportJobs', segment),
  CreateExportJob: on('CreateExportJob', app, { also: [passRole('ExportJobRequest.RoleArn')] }),
  GetExportJob: on('GetExportJob', app),
  GetExportJobs: on('GetExportJobs', app),
  GetSegmentExportJobs: on('GetSegmentExportJobs', segment),

  PutEventStream: on('PutEventStream', app),
  GetEventStream: on('GetEventStream', app),
  DeleteEventStream: on('DeleteEventStream', app),
  PutEvents: on('PutEvents', app),

  CreateRecommenderConfiguration: on('CreateRecommenderConfiguration', recommenders),
  GetRecommenderConfigurations: on('GetRecommenderConfigurations', recommenders),
  GetRecommenderConfiguration: on('GetRecommenderConfiguration', recommender),
  UpdateRecommenderConfiguration: on('UpdateRecommenderConfiguration', recommender),
  DeleteRecommenderConfiguration: on('DeleteRecommenderConfiguration', recommender),
};
