import { parseOffsetMinutes, type WallClockZone } from './timeZone';

/**
 * The instant a log line was written, from the timestamp shapes the supported formats use.
 * A timestamp the line starts with (nginx's error log, most application logs) is the line's.
 * Otherwise only the first 200 characters are searched: timestamps sit in the line's header,
 * and a date inside a message or URL further on must not be mistaken for it.
 */
const MONTHS: Record<string, number> = { Jan: 1, Feb: 2, Mar: 3, Apr: 4, May: 5, Jun: 6, Jul: 7, Aug: 8, Sep: 9, Oct: 10, Nov: 11, Dec: 12 };
// Zone abbreviations PostgreSQL's log_timezone and syslog-style loggers print.
const ABBREVIATIONS: Record<string, number> = {
  UTC: 0, GMT: 0, PST: -480, PDT: -420, MST: -420, MDT: -360, CST: -360, CDT: -300, EST: -300, EDT: -240, CET: 60, CEST: 120, EET: 120, EEST: 180, JST: 540, IST: 330,
};

const ACCESS = /\[(\d\d)\/([A-Z][a-z]{2})\/(\d{4}):(\d\d):(\d\d):(\d\d) ([+-]\d{4})\]/;
const ISO = /(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:[.,](\d{1,9}))?(?: ?(Z|[+-]\d\d:?\d\d)\b| ([A-Z]{3,4})\b)?/;
const ISO_AT_START = new RegExp(`^${ISO.source}`);
const NGINX = /(\d{4})\/(\d\d)\/(\d\d) (\d\d):(\d\d):(\d\d)/;
const EPOCH = /"(?:ts|time|timestamp)":\s?(1\d{9})(?:\.(\d{1,6}))?/;
const SYSLOG = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d\d):(\d\d):(\d\d)\b/;

export function extractTimestamp(line: string, zone: WallClockZone, now = Date.now()): number | undefined {
  const leading = leadingTimestamp(line, zone);
  if (leading !== undefined) return leading;
  const head = line.length > 200 ? line.slice(0, 200) : line;
  // Cheap checks first: each shape needs a character at a fixed distance after another.
  let m = hasPair(head, '[', 3, 0x2f /* / */) ? ACCESS.exec(head) : null;
  if (m && MONTHS[m[2]]) {
    const offset = parseOffsetMinutes(m[7]) ?? 0;
    return Date.UTC(+m[3], MONTHS[m[2]] - 1, +m[1], +m[4], +m[5], +m[6]) - offset * 60_000;
  }
  m = hasPair(head, '-', 3, 0x2d /* - */) ? ISO.exec(head) : null;
  if (m) return isoInstant(m, zone);
  m = hasPair(head, '/', 3, 0x2f /* / */) ? NGINX.exec(head) : null;
  if (m) return zone(+m[1], +m[2], +m[3], +m[4], +m[5], +m[6], 0);
  m = line.includes('"t') ? EPOCH.exec(line) : null;
  if (m) return Number(m[1]) * 1000 + (m[2] ? Number(m[2].slice(0, 3).padEnd(3, '0')) : 0);
  m = SYSLOG.exec(head);
  if (m && MONTHS[m[1]]) {
    // Classic syslog has no year: take the current one, or last year for a date in the future.
    const year = new Date(now).getFullYear();
    const guess = zone(year, MONTHS[m[1]], +m[2], +m[3], +m[4], +m[5], 0);
    return guess > now + 86_400_000 ? zone(year - 1, MONTHS[m[1]], +m[2], +m[3], +m[4], +m[5], 0) : guess;
  }
  return undefined;
}

/** `yyyy/mm/dd hh:mm:ss` (read digit by digit: most candidate lines of an nginx error log start so) or ISO 8601 at the start. */
function leadingTimestamp(line: string, zone: WallClockZone): number | undefined {
  const separator = line.charCodeAt(4);
  if (separator === 0x2f /* / */) {
    if (line.charCodeAt(7) !== 0x2f || line.charCodeAt(10) !== 0x20 || line.charCodeAt(13) !== 0x3a || line.charCodeAt(16) !== 0x3a) return undefined;
    const year = digits(line, 0, 4);
    const month = digits(line, 5, 2);
    const day = digits(line, 8, 2);
    const hour = digits(line, 11, 2);
    const minute = digits(line, 14, 2);
    const second = digits(line, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
    return zone(year, month, day, hour, minute, second, 0);
  }
  if (separator === 0x2d /* - */) {
    const m = ISO_AT_START.exec(line);
    return m ? isoInstant(m, zone) : undefined;
  }
  return undefined;
}

/** The decimal number of `length` digits at `start`; -1 when one of them is not a digit. */
function digits(text: string, start: number, length: number): number {
  let value = 0;
  for (let at = start; at < start + length; at++) {
    const digit = text.charCodeAt(at) - 0x30;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** The instant of an ISO match: its own offset or zone abbreviation, else the wall clock zone. */
function isoInstant(m: RegExpExecArray, zone: WallClockZone): number {
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const offset = m[8] !== undefined ? parseOffsetMinutes(m[8]) : m[9] !== undefined ? ABBREVIATIONS[m[9]] : undefined;
  if (offset !== undefined) return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], ms) - offset * 60_000;
  return zone(+m[1], +m[2], +m[3], +m[4], +m[5], +m[6], ms);
}

/** Whether some `first` in `text` has the character `code` at `distance` after it. */
function hasPair(text: string, first: string, distance: number, code: number): boolean {
  for (let at = text.indexOf(first); at !== -1; at = text.indexOf(first, at + 1)) {
    if (text.charCodeAt(at + distance) === code) return true;
  }
  return false;
}
