import { classifyAccessLine } from './accessLogLine';
import { stripContainerPrefix } from './containerPrefix';
import { isInboundLookAlike } from './inboundLookAlikes';
import type { LineClassification } from './logTypes';
import { classifyNginxErrorLine } from './nginxErrorLine';
import { classifyMessage } from './signatures';
import { extractTarget } from './targets';

/**
 * What one line says on its own, whatever format it is in: an nginx error line and an
 * access line are judged by their own rules (their verdict is final, so a 404 whose URL
 * says "preconnect…error_expected" stays harmless); anything else by the message
 * signatures, after ruling out inbound look-alikes. Ranges are offsets into `line`.
 */
export function classifyLine(line: string): LineClassification | null {
  const text = stripContainerPrefix(line);
  const shift = line.length - text.length; // exact unless colour codes were removed
  const verdict = firstDefined(classifyNginxErrorLine(text), () => firstDefined(classifyAccessLine(text), () => classifyOther(text)));
  if (!verdict) return null;
  return { ...verdict, start: Math.max(0, verdict.start + shift), end: Math.min(line.length, verdict.end + shift) };
}

function classifyOther(text: string): LineClassification | null {
  if (isInboundLookAlike(text)) return null;
  const match = classifyMessage(text);
  if (!match) return null;
  return { ...match, target: extractTarget(text) };
}

/** A format-specific verdict of `null` ("no finding") is final; only `undefined` falls through. */
function firstDefined(verdict: LineClassification | null | undefined, next: () => LineClassification | null): LineClassification | null {
  return verdict === undefined ? next() : verdict;
}
