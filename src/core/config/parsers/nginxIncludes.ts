import { dirname, isAbsolute, join } from 'node:path';
import type { ParseFailure, ParseResult } from './parseFailure';
import type { NginxDirective } from './nginxParser';

/** How includes find their files: on disk for the CLI, in memory for the editor or a dump. */
export interface IncludeLoader {
  /** Existing files matching an absolute path or glob, in nginx's (sorted) order. */
  expand(pattern: string): string[];
  /** A fresh parse of the file (each include site gets its own parent links), with the text it indexes. */
  load(path: string): { text: string; result: ParseResult<NginxDirective[]> } | undefined;
}

export interface IncludeResolution {
  includedPaths: Set<string>;
  failures: { path: string; text: string; failure: ParseFailure }[];
}

const MAX_DEPTH = 16;

/**
 * Splices included files under their `include` directives. Relative patterns resolve against
 * the main file's directory, as nginx does (its conf prefix), then against the including
 * file's directory for trees that were copied without their prefix.
 */
export function resolveIncludes(roots: NginxDirective[], mainPath: string, loader: IncludeLoader): IncludeResolution {
  const resolution: IncludeResolution = { includedPaths: new Set(), failures: [] };
  visit(roots, mainPath, loader, resolution, [mainPath]);
  return resolution;
}

function visit(list: NginxDirective[], mainPath: string, loader: IncludeLoader, resolution: IncludeResolution, chain: string[]): void {
  for (const directive of list) {
    if (directive.block) visit(directive.block, mainPath, loader, resolution, chain);
    if (directive.name !== 'include' || directive.args.length !== 1 || chain.length > MAX_DEPTH) continue;
    const pattern = directive.args[0].value;
    const paths = candidates(pattern, mainPath, directive.source.path).map((p) => loader.expand(p)).find((found) => found.length) ?? [];
    directive.included = [];
    for (const path of paths) {
      if (chain.includes(path)) continue;
      const loaded = loader.load(path);
      if (!loaded) continue;
      const parsed = loaded.result;
      resolution.includedPaths.add(path);
      if (!parsed.ok) {
        resolution.failures.push({ path, text: loaded.text, failure: parsed.failure });
        continue;
      }
      for (const child of parsed.value) child.parent = directive.parent;
      visit(parsed.value, mainPath, loader, resolution, [...chain, path]);
      directive.included.push(...parsed.value);
    }
  }
}

function candidates(pattern: string, mainPath: string, includingPath: string): string[] {
  if (isAbsolute(pattern)) return [pattern];
  const fromMain = join(dirname(mainPath), pattern);
  const fromIncluding = join(dirname(includingPath), pattern);
  return fromMain === fromIncluding ? [fromMain] : [fromMain, fromIncluding];
}
