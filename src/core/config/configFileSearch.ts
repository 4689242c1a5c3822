import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DoctorError } from '../errors';
import { isCandidateName } from './detectKind';

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn']);

export interface SearchedPath {
  path: string;
  /** Named on the command line rather than found in a folder. */
  explicit: boolean;
}

/**
 * Expands the paths given to `lint`: files as they are, folders searched recursively for
 * files whose names can hold a known config (content decides later). Unreadable paths throw
 * `input.unreadable`, as the CLI must exit 2 for them.
 */
export async function findConfigFiles(paths: readonly string[]): Promise<SearchedPath[]> {
  const found: SearchedPath[] = [];
  for (const path of paths) {
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
      throw new DoctorError('input.unreadable', `cannot read ${path}: ${error.code === 'ENOENT' ? 'no such file or directory' : error.message}`, { cause: error });
    });
    if (info.isDirectory()) await walk(path, found);
    else found.push({ path, explicit: true });
  }
  return [...new Map(found.map((f) => [f.path, f])).values()];
}

async function walk(directory: string, found: SearchedPath[]): Promise<void> {
  const entries = await readdir(directory, { withFileTypes: true }).catch((error: Error) => {
    throw new DoctorError('input.unreadable', `cannot read folder ${directory}: ${error.message}`, { cause: error });
  });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(directory, entry.name);
    if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name)) await walk(path, found);
    else if (entry.isFile() && isCandidateName(entry.name)) found.push({ path, explicit: false });
  }
}
