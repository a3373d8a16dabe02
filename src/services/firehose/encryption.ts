// Server-side encryption of a DirectPut stream's data at rest: the key type and key asked for,
// and the state DescribeDeliveryStream answers (ENABLING and DISABLING for as long as a change
// takes, from configuration). rolegate keeps the buffer in its own store; no KMS key is called.
import type { DeliveryStreamEncryptionConfiguration, DeliveryStreamEncryptionConfigurationInput } from '../../generated/firehose/shapes.js';
import { InvalidArgumentException } from '../../generated/firehose/errors.js';
import type { DeliveryStreamRecord } from '../../store/types.js';

export function checkEncryptionInput(e: DeliveryStreamEncryptionConfigurationInput): void {
  if (e.KeyType === 'CUSTOMER_MANAGED_CMK' && !e.KeyARN) throw new InvalidArgumentException('KeyARN is required when KeyType is CUSTOMER_MANAGED_CMK.');
  if (e.KeyType === 'AWS_OWNED_CMK' && e.KeyARN) throw new InvalidArgumentException('KeyARN must not be specified when KeyType is AWS_OWNED_CMK.');
}

export function encryptionDescription(s: DeliveryStreamRecord, now: number): DeliveryStreamEncryptionConfiguration {
  const e = s.encryption;
  const isSettling = e.settlesAt !== undefined && now < e.settlesAt;
  if (!e.enabled) return { Status: isSettling ? 'DISABLING' : 'DISABLED' };
  return { ...(e.keyArn ? { KeyARN: e.keyArn } : {}), KeyType: e.keyType ?? 'AWS_OWNED_CMK', Status: isSettling ? 'ENABLING' : 'ENABLED' };
}
