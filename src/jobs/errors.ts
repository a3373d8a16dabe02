// Errors a job step throws to steer the runner. It must not carry secrets: the message is stored
// as the job's lastError and shown to the account.
export class NonRetryableJobError extends Error {
  override readonly name = 'NonRetryableJobError';
}

/** The text recorded as a job's lastError: the message only, never a stack. */
export function describeError(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}
