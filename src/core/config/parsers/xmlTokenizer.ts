import type { ParseResult } from './parseFailure';

/**
 * Just enough XML for Tomcat's server.xml: start tags with their attributes (value offsets
 * inside the quotes), comments skipped, and nesting checked so a broken file is reported
 * where it breaks instead of yielding "no problems".
 */
export interface XmlAttribute {
  name: string;
  value: string;
  nameStart: number;
  /** Offsets of the value inside its quotes. */
  valueStart: number;
  valueEnd: number;
}

export interface XmlElement {
  name: string;
  start: number;
  /** Offset just past the start tag's `>`. */
  tagEnd: number;
  attributes: XmlAttribute[];
  parent?: XmlElement;
}

const NAME = /[A-Za-z_:][\w.:-]*/y;

export function parseXml(text: string): ParseResult<XmlElement[]> {
  const elements: XmlElement[] = [];
  const open: XmlElement[] = [];
  let i = 0;
  while ((i = text.indexOf('<', i)) >= 0) {
    if (text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      if (close < 0) return fail('comment "<!--" is never closed', i, i + 4);
      i = close + 3;
    } else if (text.startsWith('<![CDATA[', i)) {
      const close = text.indexOf(']]>', i);
      if (close < 0) return fail('CDATA section is never closed', i, i + 9);
      i = close + 3;
    } else if (text[i + 1] === '?' || text[i + 1] === '!') {
      const close = text.indexOf('>', i);
      if (close < 0) return fail('declaration is never closed', i, i + 2);
      i = close + 1;
    } else if (text[i + 1] === '/') {
      NAME.lastIndex = i + 2;
      const name = NAME.exec(text)?.[0] ?? '';
      const close = text.indexOf('>', i);
      const expected = open.pop();
      if (close < 0 || !name) return fail('end tag is malformed or never closed', i, i + 2);
      if (!expected || expected.name !== name) {
        return fail(expected ? `</${name}> does not close <${expected.name}> (opened at offset ${expected.start})` : `</${name}> has no matching start tag`, i, close + 1);
      }
      i = close + 1;
    } else {
      const parsed = startTag(text, i, open[open.length - 1]);
      if ('message' in parsed) return { ok: false, failure: parsed };
      elements.push(parsed.element);
      if (!parsed.selfClosing) open.push(parsed.element);
      i = parsed.element.tagEnd;
    }
  }
  const unclosed = open.pop();
  if (unclosed) return fail(`<${unclosed.name}> is never closed`, unclosed.start, unclosed.start + unclosed.name.length + 1);
  return { ok: true, value: elements };
}

function startTag(text: string, start: number, parent: XmlElement | undefined):
  { element: XmlElement; selfClosing: boolean } | { message: string; offset: number; end?: number } {
  NAME.lastIndex = start + 1;
  const name = NAME.exec(text);
  if (!name) return { message: 'expected an element name after "<"', offset: start, end: start + 1 };
  const element: XmlElement = { name: name[0], start, tagEnd: 0, attributes: [], parent };
  let i = NAME.lastIndex;
  for (;;) {
    while (/\s/.test(text[i] ?? '')) i++;
    if (i >= text.length) return { message: `<${element.name}> tag is never closed`, offset: start, end: NAME.lastIndex };
    if (text[i] === '>') { element.tagEnd = i + 1; return { element, selfClosing: false }; }
    if (text.startsWith('/>', i)) { element.tagEnd = i + 2; return { element, selfClosing: true }; }
    NAME.lastIndex = i;
    const attribute = NAME.exec(text);
    if (!attribute) return { message: `unexpected "${text[i]}" in <${element.name}> tag`, offset: i, end: i + 1 };
    let j = NAME.lastIndex;
    while (/\s/.test(text[j] ?? '')) j++;
    if (text[j] !== '=') return { message: `attribute "${attribute[0]}" has no value`, offset: i, end: j };
    j++;
    while (/\s/.test(text[j] ?? '')) j++;
    const quote = text[j];
    if (quote !== '"' && quote !== "'") return { message: `value of "${attribute[0]}" is not quoted`, offset: j, end: j + 1 };
    const close = text.indexOf(quote, j + 1);
    if (close < 0) return { message: `value of "${attribute[0]}" is never closed`, offset: j, end: j + 1 };
    element.attributes.push({ name: attribute[0], value: decodeEntities(text.slice(j + 1, close)), nameStart: i, valueStart: j + 1, valueEnd: close });
    i = close + 1;
  }
}

function decodeEntities(value: string): string {
  return value.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e] ?? '');
}

function fail(message: string, offset: number, end?: number): ParseResult<never> {
  return { ok: false, failure: { message, offset, end } };
}
