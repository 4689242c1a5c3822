/**
 * Typed errors thrown by core. Callers branch on `code`, never on message text.
 */
export type DoctorErrorCode =
  | 'config.invalid'
  | 'config.unreadable'
  | 'secret.missing'
  | 'credentials.unreadable'
  | 'credentials.bad_passphrase'
  | 'credentials.invalid'
  | 'input.unreadable'
  | 'output.unwritable'
  | 'usage';

export class DoctorError extends Error {
  constructor(
    readonly code: DoctorErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DoctorError';
  }
}

export function isDoctorError(error: unknown, code?: DoctorErrorCode): error is DoctorError {
  return error instanceof DoctorError && (code === undefined || error.code === code);
}
