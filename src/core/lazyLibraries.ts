import type * as Forge from 'node-forge';
import type * as Undici from 'undici';
import type * as Yaml from 'yaml';

/**
 * undici, node-forge and yaml load on first use, not when the extension or the CLI starts:
 * evaluating them took ~150 ms of a ~160 ms activation, against a budget of 20 ms (`npm run
 * bench -- activation`). The build puts them in files of their own (dist/vendor/), so until then
 * they are not even parsed. Node's module cache keeps them loaded after the first use.
 */
// require() rather than import(): some users are synchronous, a static import would run the
// library when the bundle loads, and import() of a CommonJS file sees no named exports.
/* eslint-disable @typescript-eslint/no-require-imports */
export const undici = lazyModule<typeof Undici>(() => require('undici'));
export const forge = lazyModule<typeof Forge>(() => require('node-forge'));
export const yaml = lazyModule<typeof Yaml>(() => require('yaml'));
/* eslint-enable @typescript-eslint/no-require-imports */

function lazyModule<T extends object>(load: () => T): T {
  return new Proxy({} as T, { get: (_target, key) => Reflect.get(load(), key) });
}
