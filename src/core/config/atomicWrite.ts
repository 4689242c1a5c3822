import { open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Replaces (or creates) a file so that readers see either the old or the new content, never
 * half of it: write a temporary file in the same directory (same filesystem, so rename is
 * atomic), fsync, keep the original mode, then rename over the original.
 */
const NEW_FILE_MODE = 0o644;

export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const mode = await stat(path).then((info) => info.mode, (error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return NEW_FILE_MODE;
    throw error;
  });
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', mode & 0o7777);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.chmod(mode & 0o7777);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}
