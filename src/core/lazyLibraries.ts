import type * as Forge from 'node-forge';
import type * as Yaml from 'yaml';

/**
 * node-forge and yaml load on first use, not when the extension starts: evaluating them (with
 * undici, which its two users import dynamically) took ~150 ms of a ~160 ms activation, against a
 * budget of 20 ms (`npm run bench -- activation`). Node's module cache keeps them loaded after
 * the first use.
 */
// require() rather than import(): their users are synchronous, and esbuild keeps a bundled
// require() lazy, while a static import would run the library when the bundle loads.
/* eslint-disable @typescript-eslint/no-require-imports */
export const forge = lazyModule<typeof Forge>(() => require('node-forge'));
export const yaml = lazyModule<typeof Yaml>(() => require('yaml'));
/* eslint-enable @typescript-eslint/no-require-imports */

function lazyModule<T extends object>(load: () => T): T {
  return new Proxy({} as T, { get: (_target, key) => Reflect.get(load(), key) });
}
