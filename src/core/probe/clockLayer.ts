import type { LayerResult } from './probeResult';
import type { ResponseTiming } from './httpLayer';

/** Skews above this are worth a warning even when the gateway still tolerates them. */
export const CLOCK_WARN_SEC = 30;

/**
 * Compares the server's Date header with the local clock. The server stamped the answer
 * somewhere between sending the request and the first byte arriving, so the local reference
 * is the middle of that interval; Date has one-second resolution, which bounds the precision.
 */
export function checkClock(timing: ResponseTiming | undefined, toleranceSec: number): LayerResult {
  if (!timing?.date) {
    return { layer: 'clock', status: 'skipped', ms: null, code: null, message: 'the server sent no Date header: clock skew cannot be measured', detail: {} };
  }
  const serverTime = Date.parse(timing.date);
  if (Number.isNaN(serverTime)) {
    return { layer: 'clock', status: 'skipped', ms: null, code: null, message: `the server's Date header "${timing.date}" is not a valid HTTP date`, detail: { date: timing.date } };
  }
  const localMidpoint = timing.sentAt + timing.ttfbMs / 2;
  // Date truncates to the second, so the server's true time is up to 1 s later than it says.
  const skewSec = Math.round((serverTime + 500 - localMidpoint) / 100) / 10;
  const direction = skewSec > 0 ? 'ahead of' : 'behind';
  const detail = { serverDate: timing.date, localTime: new Date(localMidpoint).toISOString(), skewSec, toleranceSec, precisionSec: 1 };
  const size = `the server clock is ${Math.abs(skewSec)} s ${direction} this machine`;
  if (Math.abs(skewSec) > toleranceSec) {
    return { layer: 'clock', status: 'fail', ms: null, code: 'clock.skew', message: `${size}, beyond the tolerance of ${toleranceSec} s: signed requests and tokens will be rejected`, detail };
  }
  if (Math.abs(skewSec) > CLOCK_WARN_SEC) {
    return { layer: 'clock', status: 'warn', ms: null, code: 'clock.skew', message: `${size} (tolerance ${toleranceSec} s)`, detail };
  }
  return { layer: 'clock', status: 'ok', ms: null, code: null, message: `clocks agree within ${Math.max(1, Math.abs(skewSec))} s`, detail };
}
