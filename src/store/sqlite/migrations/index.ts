// Assembles the areas' migrations into the one ordered list a database is brought up to date with.
// Versions are global across areas and never renumbered: data folders record which ones they have.
import { assembleMigrations } from '../migrate.js';
import { certificateMigrations } from './certificates.js';
import { decisionMigrations } from './decisions.js';
import { delegationMigrations } from './delegations.js';
import { firehoseMigrations } from './firehose.js';
import { iamMigrations } from './iam.js';
import { iamCredentialMigrations } from './iam-credentials.js';
import { jobMigrations } from './jobs.js';
import { kinesisMigrations } from './kinesis.js';
import { organizationMigrations } from './organizations.js';
import { pinpointMigrations } from './pinpoint.js';
import { s3Migrations } from './s3.js';
import { samlMigrations } from './saml.js';
import { serviceCredentialMigrations } from './service-credentials.js';

export const migrations = assembleMigrations(iamMigrations, iamCredentialMigrations, samlMigrations, certificateMigrations, serviceCredentialMigrations, delegationMigrations, decisionMigrations, jobMigrations, s3Migrations, kinesisMigrations, firehoseMigrations, pinpointMigrations, organizationMigrations);
