// The authorization map's named resolvers, by the name its entries give them (src/authz/map/).
import type { FamilyResolver, KeyResolver, ResourceResolver } from './types.js';
import { iamKeyResolvers, iamResourceResolvers } from './iam.js';
import { stsResourceResolvers } from './sts.js';
import { tagFamilies, tagKeyResolvers } from './tags.js';

export const resourceResolvers: Record<string, ResourceResolver> = { ...iamResourceResolvers, ...stsResourceResolvers };
export const keyResolvers: Record<string, KeyResolver> = { ...iamKeyResolvers, ...tagKeyResolvers };
export const familyResolvers: Record<string, FamilyResolver> = { ...tagFamilies };
