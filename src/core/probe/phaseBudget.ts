import * as l10n from '@vscode/l10n';
/**
 * The time a probe phase may take. Every phase (DNS, TCP, TLS, HTTP) gets the endpoint's full
 * `timeoutMs`, so a stuck phase ends within `timeoutMs` of its start and names itself; its
 * signal also follows the caller's, so cancelling the probe cancels whatever is in flight.
 */
export interface PhaseBudget {
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  /** True when the phase ran out of time (as opposed to the caller cancelling). */
  timedOut(): boolean;
  dispose(): void;
}

class PhaseTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(l10n.t('no answer within {0} ms', timeoutMs));
    this.name = 'TimeoutError';
  }
}

export function phaseBudget(timeoutMs: number, caller?: AbortSignal): PhaseBudget {
  const controller = new AbortController();
  const onCallerAbort = () => controller.abort(caller?.reason);
  if (caller?.aborted) onCallerAbort();
  else caller?.addEventListener('abort', onCallerAbort, { once: true });
  const timer = setTimeout(() => controller.abort(new PhaseTimeout(timeoutMs)), timeoutMs);
  return {
    signal: controller.signal,
    timeoutMs,
    timedOut: () => controller.signal.reason instanceof PhaseTimeout,
    dispose: () => {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onCallerAbort);
    },
  };
}

/** Runs `work` under a fresh budget and always releases its timer. */
export async function withBudget<T>(timeoutMs: number, caller: AbortSignal | undefined, work: (budget: PhaseBudget) => Promise<T>): Promise<T> {
  const budget = phaseBudget(timeoutMs, caller);
  try {
    return await work(budget);
  } finally {
    budget.dispose();
  }
}

/** Settles with `promise`, or rejects with the signal's reason as soon as it aborts (for work that cannot be cancelled, like dns.lookup). */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolvePromise, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => { signal.removeEventListener('abort', onAbort); resolvePromise(value); },
      (error: unknown) => { signal.removeEventListener('abort', onAbort); reject(error); },
    );
  });
}

/** Milliseconds since `start` (a performance.now() value), to 0.1 ms. */
export function elapsedMs(start: number): number {
  return Math.round((performance.now() - start) * 10) / 10;
}
