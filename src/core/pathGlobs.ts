import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { globToRegExp, hasGlob } from './config/parsers/globPattern';

/**
 * Expands path globs (`invoiceDoctor.logs.paths`, an endpoint's `logs` and `configs`) with the file system:
 * logs live outside the workspace (/var/log/nginx/*.log), where `workspace.findFiles` cannot
 * look. `~` is the home folder; relative globs start at each workspace folder. `*`, `?` and
 * `[...]` match within one path segment, `**` any number of folders (at most MAX_DEPTH).
 */
const MAX_DEPTH = 8;
const MAX_FILES = 500;

export async function expandPathGlobs(globs: readonly string[], workspaceFolders: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const glob of globs) {
    const expanded = glob.trim().replace(/^~(?=$|[\\/])/, os.homedir());
    if (expanded === '') continue;
    const roots = path.isAbsolute(expanded) ? [expanded] : workspaceFolders.map((folder) => path.join(folder, expanded));
    for (const absolute of roots) {
      const { root, dir, base } = path.parse(path.normalize(absolute));
      const segments = [...path.relative(root, dir).split(path.sep).filter(Boolean), base];
      await walk(root, segments, found);
      if (found.size >= MAX_FILES) break;
    }
  }
  return [...found].slice(0, MAX_FILES).sort();
}

async function walk(folder: string, segments: readonly string[], found: Set<string>, depth = 0): Promise<void> {
  if (found.size >= MAX_FILES || depth > MAX_DEPTH + segments.length) return;
  const [segment, ...rest] = segments;
  if (segment === undefined) return;
  if (segment === '**') {
    await walk(folder, rest, found, depth + 1); // zero folders
    for (const entry of await entries(folder)) {
      if (entry.isDirectory()) await walk(path.join(folder, entry.name), segments, found, depth + 1);
    }
    return;
  }
  const names = hasGlob(segment)
    ? (await entries(folder)).map((entry) => entry.name).filter((name) => globToRegExp(segment).test(name))
    : [segment]; // no listing needed: a folder may be traversable without being readable
  for (const name of names) {
    const full = path.join(folder, name);
    // stat, not the directory entry: log files are often symlinks (to rotated files, to /dev/stdout).
    const info = await stat(full).catch(() => undefined);
    if (rest.length === 0) {
      if (info?.isFile()) found.add(full);
    } else if (info?.isDirectory()) {
      await walk(full, rest, found, depth);
    }
  }
}

/** A folder's entries; an unreadable or missing folder simply has none. */
async function entries(folder: string): Promise<Dirent[]> {
  return readdir(folder, { withFileTypes: true }).catch(() => []);
}
