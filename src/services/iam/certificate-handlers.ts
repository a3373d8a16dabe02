// Handlers for server certificates; the IAM handler table (index.ts)
// spreads this object into itself.
import { DeleteServerCertificate } from './DeleteServerCertificate.js';
import { GetServerCertificate } from './GetServerCertificate.js';
import { ListServerCertificates } from './ListServerCertificates.js';
import { ListServerCertificateTags } from './ListServerCertificateTags.js';
import { TagServerCertificate } from './TagServerCertificate.js';
import { UntagServerCertificate } from './UntagServerCertificate.js';
import { UpdateServerCertificate } from './UpdateServerCertificate.js';
import { UploadServerCertificate } from './UploadServerCertificate.js';

export const certificateHandlers = {
  DeleteServerCertificate, GetServerCertificate, ListServerCertificates, ListServerCertificateTags,
  TagServerCertificate, UntagServerCertificate, UpdateServerCertificate,
  UploadServerCertificate,
};
