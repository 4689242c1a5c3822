import assert from 'node:assert/strict';
import { extractTimestamp } from '../../../src/core/logs/timestamps';
import { parseTimeZone } from '../../../src/core/logs/timeZone';

// The access-log and nginx error-log shapes are read character by character when they sit where
// the regular expression's match would start; these cases pin that the result stays the same.
const UTC = parseTimeZone('UTC');
const PLUS_TWO = parseTimeZone('+02:00');

describe('extractTimestamp', () => {
  it('reads an access-log time with its offset', () => {
    assert.equal(extractTimestamp('10.0.0.1 - - [20/Jan/2025:10:11:12 +0130] "GET / HTTP/1.1" 502 1', PLUS_TWO), Date.UTC(2025, 0, 20, 8, 41, 12));
    assert.equal(extractTimestamp('10.0.0.1 - - [20/Dec/2025:00:00:00 -0700] "GET / HTTP/1.1" 502 1', UTC), Date.UTC(2025, 11, 20, 7, 0, 0));
  });

  it('finds the access-log time after an earlier "[" that only looks like one', () => {
    assert.equal(extractTimestamp('[pod/x] [20/Jan/2025:10:11] [21/Jan/2025:10:11:12 +0000] "GET / HTTP/1.1" 502 1', UTC), Date.UTC(2025, 0, 21, 10, 11, 12));
  });

  it('skips a bracketed date with an unknown month, as before', () => {
    assert.equal(extractTimestamp('[20/Foo/2025:10:11:12 +0000] 2025/01/20 10:11:12 x', UTC), Date.UTC(2025, 0, 20, 10, 11, 12));
  });

  it('reads an nginx error-log time in the zone given, at the line start or further in', () => {
    assert.equal(extractTimestamp('2025/01/20 10:11:12 [error] 7#7: *1 connect() failed', PLUS_TWO), Date.UTC(2025, 0, 20, 8, 11, 12));
    assert.equal(extractTimestamp('nginx.1 | 2025/01/20 10:11:12 [error] 7#7: *1 connect() failed', UTC), Date.UTC(2025, 0, 20, 10, 11, 12));
  });

  it('looks no further than the first 200 characters', () => {
    assert.equal(extractTimestamp(`${'x'.repeat(190)} [20/Jan/2025:10:11:12 +0000]`, UTC), undefined);
    assert.equal(extractTimestamp(`${'x'.repeat(181)}2025/01/20 10:11:12`, UTC), Date.UTC(2025, 0, 20, 10, 11, 12));
    assert.equal(extractTimestamp(`${'x'.repeat(182)}2025/01/20 10:11:12`, UTC), undefined);
  });
});
