import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temporary folder for certificate and config files; `remove()` deletes it. */
export interface TempDir {
  path: string;
  write(name: string, content: string | Buffer): Promise<string>;
  remove(): Promise<void>;
}

export async function makeTempDir(prefix = 'invoice-doctor-'): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return {
    path,
    write: async (name, content) => {
      const file = join(path, name);
      await writeFile(file, content);
      return file;
    },
    remove: () => rm(path, { recursive: true, force: true }),
  };
}
