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

  it('takes the timestamp a line starts with over a date further in', () => {
    assert.equal(extractTimestamp('2025/01/20 10:11:12 [error] 7#7: *1 upstream timed out, request: "GET /day/2024-12-31T23:59:59Z HTTP/1.1"', UTC), Date.UTC(2025, 0, 20, 10, 11, 12));
    assert.equal(extractTimestamp('2025-01-20 10:11:12.345 ERROR retry of [19/Jan/2025:08:00:00 +0000] failed', UTC), Date.UTC(2025, 0, 20, 10, 11, 12, 345));
    assert.equal(extractTimestamp('2025/01/2x 10:11:12 [error] x, 2025/01/21 10:11:12', UTC), Date.UTC(2025, 0, 21, 10, 11, 12), 'not a date at the start: searched for');
  });

  it('gives every second of a minute in a zone with daylight saving time, on both sides of the change', () => {
    const berlin = parseTimeZone('Europe/Berlin');
    // 2025-03-30 02:00 CET became 03:00 CEST; 2025-10-26 03:00 CEST became 02:00 CET.
    for (const [wall, utc] of [
      ['2025/03/30 01:59:58', Date.UTC(2025, 2, 30, 0, 59, 58)],
      ['2025/03/30 01:59:59', Date.UTC(2025, 2, 30, 0, 59, 59)],
      ['2025/03/30 03:00:00', Date.UTC(2025, 2, 30, 1, 0, 0)],
      ['2025/03/30 03:00:01', Date.UTC(2025, 2, 30, 1, 0, 1)],
      ['2025/10/26 03:00:00', Date.UTC(2025, 9, 26, 2, 0, 0)],
      ['2025/10/26 03:00:30', Date.UTC(2025, 9, 26, 2, 0, 30)],
    ] as const) {
      assert.equal(extractTimestamp(`${wall} [error] 7#7: *1 connect() failed`, berlin), utc, wall);
    }
  });

  it('looks no further than the first 200 characters', () => {
    assert.equal(extractTimestamp(`${'x'.repeat(190)} [20/Jan/2025:10:11:12 +0000]`, UTC), undefined);
    assert.equal(extractTimestamp(`${'x'.repeat(181)}2025/01/20 10:11:12`, UTC), Date.UTC(2025, 0, 20, 10, 11, 12));
    assert.equal(extractTimestamp(`${'x'.repeat(182)}2025/01/20 10:11:12`, UTC), undefined);
  });
});
