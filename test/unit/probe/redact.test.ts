import assert from 'node:assert/strict';
import { redact, redactDeep, REDACTED } from '../../../src/core/report/redact';

describe('redact', () => {
  it('removes known secrets, longest first', () => {
    assert.equal(redact('token abc123 and abc123xyz', ['abc123', 'abc123xyz']), `token ${REDACTED} and ${REDACTED}`);
  });

  it('removes credential-shaped text nobody declared', () => {
    assert.equal(redact('Authorization: Bearer eyJhbGciOi.x.y'), `Authorization: ${REDACTED}`);
    assert.equal(redact('sent Bearer eyJhbGciOiJIUzI1'), `sent Bearer ${REDACTED}`);
    assert.equal(redact('via http://user:hunter22@proxy:3128'), `via http://user:${REDACTED}@proxy:3128`);
  });

  it('walks objects and arrays, replacing credential-named keys outright', () => {
    const value = { headers: { Authorization: 'x', Accept: 'json' }, tls: { passphrase: 'p' }, list: ['s3cr3t!'], n: 1, none: null };
    assert.deepEqual(redactDeep(value, ['s3cr3t!']), {
      headers: { Authorization: REDACTED, Accept: 'json' }, tls: { passphrase: REDACTED }, list: [REDACTED], n: 1, none: null,
    });
  });
});
