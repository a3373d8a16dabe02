// Handlers for SAML providers; the IAM handler table (index.ts) spreads this object into itself.
import { CreateSAMLProvider } from './CreateSAMLProvider.js';
import { DeleteSAMLProvider } from './DeleteSAMLProvider.js';
import { GetSAMLProvider } from './GetSAMLProvider.js';
import { ListSAMLProviders } from './ListSAMLProviders.js';
import { ListSAMLProviderTags } from './ListSAMLProviderTags.js';
import { TagSAMLProvider } from './TagSAMLProvider.js';
import { UntagSAMLProvider } from './UntagSAMLProvider.js';
import { UpdateSAMLProvider } from './UpdateSAMLProvider.js';

export const samlHandlers = {
  CreateSAMLProvider, DeleteSAMLProvider, GetSAMLProvider, ListSAMLProviders, ListSAMLProviderTags, TagSAMLProvider, UntagSAMLProvider, UpdateSAMLProvider,
};
