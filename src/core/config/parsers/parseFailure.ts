/** Where and why a parser gave up; becomes a `parse-error` finding at that offset. */
export interface ParseFailure {
  message: string;
  offset: number;
  /** Optional end of the offending span, e.g. a whole unclosed tag. */
  end?: number;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; failure: ParseFailure };
