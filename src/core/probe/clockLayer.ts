import * as l10n from '@vscode/l10n';
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
    return { layer: 'clock', status: 'skipped', ms: null, code: null, message: l10n.t('the server sent no Date header: clock skew cannot be measured'), detail: {} };
  }
  const serverTime = Date.parse(timing.date);
  if (Number.isNaN(serverTime)) {
    return { layer: 'clock', status: 'skipped', ms: null, code: null, message: l10n.t('the server\'s Date header "{0}" is not a valid HTTP date', timing.date), detail: { date: timing.date } };
  }
  const localMidpoint = timing.sentAt + timing.ttfbMs / 2;
  // Date truncates to the second, so the server's true time is up to 1 s later than it says.
  const skewSec = Math.round((serverTime + 500 - localMidpoint) / 100) / 10;
  const direction = skewSec > 0 ? l10n.t('ahead of') : l10n.t('behind');
  const detail = { serverDate: timing.date, localTime: new Date(localMidpoint).toISOString(), skewSec, toleranceSec, precisionSec: 1 };
  const size = l10n.t('the server clock is {0} s {1} this machine', Math.abs(skewSec), direction);
  if (Math.abs(skewSec) > toleranceSec) {
    return { layer: 'clock', status: 'fail', ms: null, code: 'clock.skew', message: l10n.t('{0}, beyond the tolerance of {1} s: signed requests and tokens will be rejected', size, toleranceSec), detail };
  }
  if (Math.abs(skewSec) > CLOCK_WARN_SEC) {
    return { layer: 'clock', status: 'warn', ms: null, code: 'clock.skew', message: l10n.t('{0} (tolerance {1} s)', size, toleranceSec), detail };
  }
  return { layer: 'clock', status: 'ok', ms: null, code: null, message: l10n.t('clocks agree within {0} s', Math.max(1, Math.abs(skewSec))), detail };
}
