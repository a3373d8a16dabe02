// Asserting AWS errors as the SDK surfaces them: code, HTTP status and message.
import assert from 'node:assert/strict';

export async function rejectsWith(p: Promise<unknown>, code: string, status: number, message?: RegExp | string): Promise<Error & { $metadata?: { httpStatusCode?: number; requestId?: string } }> {
  try {
    await p;
  } catch (e) {
    const err = e as Error & { $metadata?: { httpStatusCode?: number; requestId?: string }; Code?: string };
    assert.equal(err.name, code, `expected ${code}, got ${err.name}: ${err.message}`);
    assert.equal(err.$metadata?.httpStatusCode, status);
    assert.ok(err.$metadata?.requestId, 'every error carries a request id');
    if (typeof message === 'string') assert.equal(err.message, message);
    else if (message) assert.match(err.message, message);
    return err;
  }
  assert.fail(`expected ${code}, but the call succeeded`);
}
