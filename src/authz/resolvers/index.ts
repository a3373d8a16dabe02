// The authorization map's named resolvers, by the name its entries give them (src/authz/map/).
import type { FamilyResolver, KeyResolver, ResourceResolver } from './types.js';
import { iamKeyResolvers, iamResourceResolvers } from './iam.js';
import { stsResourceResolvers } from './sts.js';
import { s3Families, s3KeyResolvers, s3ResourceResolvers } from './s3.js';
import { tagFamilies, tagKeyResolvers } from './tags.js';
import { firehoseResourceResolvers } from './firehose.js';
import { kinesisFamilies, kinesisKeyResolvers, kinesisResourceResolvers } from './kinesis.js';
import { pinpointFamilies, pinpointKeyResolvers, pinpointResourceResolvers } from './pinpoint.js';

export const resourceResolvers: Record<string, ResourceResolver> = { ...iamResourceResolvers, ...stsResourceResolvers, ...s3ResourceResolvers, ...firehoseResourceResolvers, ...kinesisResourceResolvers, ...pinpointResourceResolvers };
export const keyResolvers: Record<string, KeyResolver> = { ...iamKeyResolvers, ...tagKeyResolvers, ...s3KeyResolvers, ...kinesisKeyResolvers, ...pinpointKeyResolvers };
export const familyResolvers: Record<string, FamilyResolver> = { ...tagFamilies, ...s3Families, ...kinesisFamilies, ...pinpointFamilies };
