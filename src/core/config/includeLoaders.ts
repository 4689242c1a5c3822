import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { globToRegExp, hasGlob } from './parsers/globPattern';
import type { IncludeLoader } from './parsers/nginxIncludes';
import { parseNginx, type NginxSource } from './parsers/nginxParser';

/** A text to parse as nginx config: a file, or one section of an `nginx -T` dump. */
export interface NginxUnit {
  source: NginxSource;
  from: number;
  to: number;
}

/** Includes resolved among the files of the run (editor buffers, dump sections), then `fallback`. */
export function memoryIncludeLoader(units: readonly NginxUnit[], fallback?: IncludeLoader): IncludeLoader {
  const byPath = new Map(units.map((u) => [u.source.path, u]));
  return {
    expand(pattern) {
      const inMemory = hasGlob(pattern)
        ? [...byPath.keys()].filter((p) => globToRegExp(pattern).test(p)).sort()
        : byPath.has(pattern) ? [pattern] : [];
      return inMemory.length ? inMemory : fallback?.expand(pattern) ?? [];
    },
    load(path) {
      const unit = byPath.get(path);
      return unit ? { text: unit.source.text, result: parseNginx(unit.source, unit.from, unit.to) } : fallback?.load(path);
    },
  };
}

/**
 * Includes read from disk, for the CLI. Synchronous on purpose: include expansion sits in the
 * middle of a recursive parse, and the CLI has nothing else to do meanwhile. The extension
 * passes open documents instead and never uses this.
 */
export function diskIncludeLoader(): IncludeLoader {
  return {
    expand(pattern) {
      if (!hasGlob(pattern)) return isFile(pattern) ? [pattern] : [];
      const segments = pattern.split(sep);
      let prefixes = [segments[0] === '' ? sep : segments[0]];
      for (const segment of segments.slice(1)) {
        if (!segment) continue;
        prefixes = prefixes.flatMap((dir) => {
          if (!hasGlob(segment)) return [join(dir, segment)];
          const matcher = globToRegExp(segment);
          return listDir(dir).filter((name) => matcher.test(name)).sort().map((name) => join(dir, name));
        });
      }
      return prefixes.filter(isFile);
    },
    load(path) {
      try {
        const text = readFileSync(path, 'utf8');
        return { text, result: parseNginx({ path, file: path, text }) };
      } catch {
        return undefined;
      }
    },
  };
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
