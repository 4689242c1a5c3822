import { DoctorError } from '../errors';

/**
 * nginx's error log (and many application logs) write local wall-clock time without an
 * offset. A `WallClockZone` turns such a time into an instant, for a zone the user names:
 * 'local' (this machine), 'UTC'/'Z', a fixed offset ('+08:00', '-0500'), or an IANA name.
 */
export type WallClockZone = (year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number) => number;

const OFFSET = /^([+-])(\d\d):?(\d\d)$/;

export function parseTimeZone(zone: string | undefined): WallClockZone {
  const name = (zone ?? 'local').trim();
  if (name === '' || name.toLowerCase() === 'local') {
    return byMinute((y, mo, d, h, mi) => new Date(y, mo - 1, d, h, mi).getTime());
  }
  if (/^(utc|gmt|z)$/i.test(name)) return fixedOffset(0);
  const offset = parseOffsetMinutes(name);
  if (offset !== undefined) return fixedOffset(offset);
  return byMinute(ianaZone(name));
}

/**
 * A zone that works out the instant of each minute once: consecutive log lines mostly share
 * their minute, and a zone's offset only ever changes on a whole minute.
 */
function byMinute(minuteStart: (year: number, month: number, day: number, hour: number, minute: number) => number): WallClockZone {
  let lastMinute = Number.NaN;
  let lastStart = 0;
  return (y, mo, d, h, mi, s, ms) => {
    // Fields have at most two digits (years four): the key is unique even for out-of-range ones.
    const minute = y * 1e8 + mo * 1e6 + d * 1e4 + h * 100 + mi;
    if (minute !== lastMinute) {
      lastStart = minuteStart(y, mo, d, h, mi);
      lastMinute = minute;
    }
    return lastStart + s * 1000 + ms;
  };
}

/** '+0100', '-07:00' or 'Z' as minutes east of UTC; undefined for anything else. */
export function parseOffsetMinutes(text: string): number | undefined {
  if (text === 'Z') return 0;
  const match = OFFSET.exec(text);
  if (!match) return undefined;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

function fixedOffset(minutesEast: number): WallClockZone {
  return (y, mo, d, h, mi, s, ms) => Date.UTC(y, mo - 1, d, h, mi, s, ms) - minutesEast * 60_000;
}

function ianaZone(name: string): (year: number, month: number, day: number, hour: number, minute: number) => number {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: name, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
  } catch {
    throw new DoctorError('usage', `unknown time zone "${name}" (use local, UTC, an offset such as +08:00, or an IANA name such as Europe/Berlin)`);
  }
  const offsetAt = (instant: number): number => {
    const parts: Record<string, number> = {};
    for (const part of format.formatToParts(instant)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
    return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - Math.floor(instant / 1000) * 1000;
  };
  return (y, mo, d, h, mi) => {
    const asUtc = Date.UTC(y, mo - 1, d, h, mi);
    // Two passes settle the offset that applies at the resulting instant (DST edges).
    const first = asUtc - offsetAt(asUtc);
    return asUtc - offsetAt(first);
  };
}
