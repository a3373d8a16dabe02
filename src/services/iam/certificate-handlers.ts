// Handlers for server certificates and signing certificates; the IAM handler table (index.ts)
// spreads this object into itself.
import { DeleteServerCertificate } from './DeleteServerCertificate.js';
import { DeleteSigningCertificate } from './DeleteSigningCertificate.js';
import { GetServerCertificate } from './GetServerCertificate.js';
import { ListServerCertificates } from './ListServerCertificates.js';
import { ListServerCertificateTags } from './ListServerCertificateTags.js';
import { ListSigningCertificates } from './ListSigningCertificates.js';
import { TagServerCertificate } from './TagServerCertificate.js';
import { UntagServerCertificate } from './UntagServerCertificate.js';
import { UpdateServerCertificate } from './UpdateServerCertificate.js';
import { UpdateSigningCertificate } from './UpdateSigningCertificate.js';
import { UploadServerCertificate } from './UploadServerCertificate.js';
import { UploadSigningCertificate } from './UploadSigningCertificate.js';

export const certificateHandlers = {
  DeleteServerCertificate, DeleteSigningCertificate, GetServerCertificate, ListServerCertificates, ListServerCertificateTags,
  ListSigningCertificates, TagServerCertificate, UntagServerCertificate, UpdateServerCertificate, UpdateSigningCertificate,
  UploadServerCertificate, UploadSigningCertificate,
};
