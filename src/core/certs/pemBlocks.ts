/**
 * PEM blocks (RFC 7468) found in a text, with where they are: the editor puts CodeLenses and
 * diagnostics on them, and the file reader decodes them. Text between blocks (comments,
 * `Bag Attributes` lines that `openssl pkcs12` writes) is ignored, as OpenSSL does.
 */
export interface TextPosition {
  /** 1-based, as in CONTRACT.md's lint ranges. */
  line: number;
  column: number;
}

export interface PemBlock {
  /** The label, e.g. `CERTIFICATE`, `PRIVATE KEY`, `ENCRYPTED PRIVATE KEY`. */
  label: string;
  /** The decoded contents; empty when the base64 was damaged (see `damaged`). */
  der: Buffer;
  /** The block's text from BEGIN to END inclusive. */
  text: string;
  /** From the first character of BEGIN to just after the last character of END. */
  range: { start: TextPosition; end: TextPosition };
  /** Set when the block has no END line or its body is not base64. */
  damaged: string | null;
  /** Headers such as `Proc-Type: 4,ENCRYPTED` (legacy OpenSSL encrypted keys). */
  encryptedHeaders: boolean;
}

const BEGIN = /-----BEGIN ([A-Z0-9 #]+)-----/g;

export function findPemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const begin of text.matchAll(BEGIN)) {
    const label = begin[1];
    const startOffset = begin.index ?? 0;
    const endMarker = `-----END ${label}-----`;
    const nextBegin = text.indexOf('-----BEGIN ', startOffset + begin[0].length);
    const endIndex = text.indexOf(endMarker, startOffset);
    const closed = endIndex !== -1 && (nextBegin === -1 || endIndex < nextBegin);
    const endOffset = closed ? endIndex + endMarker.length : nextBegin === -1 ? text.trimEnd().length : nextBegin;
    const body = text.slice(startOffset + begin[0].length, closed ? endIndex : endOffset);
    const headerless = body.replace(/^[\s\S]*?\r?\n\r?\n/, (headers) => (/^\s*[A-Za-z-]+:/.test(headers) ? '' : headers));
    const base64 = headerless.replace(/\s+/g, '');
    const damaged = !closed
      ? `the block "${label}" has no "${endMarker}" line: the file is truncated`
      : !/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0
        ? `the block "${label}" is not valid base64`
        : null;
    blocks.push({
      label,
      der: damaged ? Buffer.alloc(0) : Buffer.from(base64, 'base64'),
      text: text.slice(startOffset, endOffset),
      range: { start: positionAt(text, startOffset), end: positionAt(text, endOffset) },
      damaged,
      encryptedHeaders: /Proc-Type:\s*4,ENCRYPTED/.test(body),
    });
  }
  return blocks;
}

function positionAt(text: string, offset: number): TextPosition {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}
