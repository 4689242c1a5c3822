import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyEdits, editsOverlap } from '../../../src/core/config/applyEdits';
import { expandSnippet } from '../../../src/core/config/fixAll';
import type { Finding, TextEdit } from '../../../src/core/config/findings';
import { createAuthority, issue } from '../../../src/demo/pki';

/** Shared by the config suites: temp trees, real `nginx -t`, and "apply every fix" as a user clicking through. */
export const FIXTURES = join(__dirname, 'fixtures');

export async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'invoice-doctor-lint-'));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Copies a fixture folder and adds what nginx needs to load it: certificates and a logs dir. */
export async function nginxWorkspace(fixture: string): Promise<string> {
  const dir = await tempDir();
  await cp(join(FIXTURES, fixture), dir, { recursive: true });
  await mkdir(join(dir, 'logs'), { recursive: true });
  await mkdir(join(dir, 'certs'), { recursive: true });
  const { root } = createAuthority('Lint Test');
  const server = issue(root, { commonName: 'invoices.example.com', altNames: ['invoices.example.com'] });
  await writeFile(join(dir, 'certs', 'server.pem'), server.certPem);
  await writeFile(join(dir, 'certs', 'server.key'), server.keyPem);
  await writeFile(join(dir, 'certs', 'ca.pem'), root.certPem);
  return dir;
}

/** Runs the real `nginx -t` with its own prefix, pid and logs, so it needs no root paths. */
export function nginxTest(dir: string, conf = 'nginx.conf'): Promise<{ ok: boolean; output: string }> {
  const args = ['-t', '-q', '-p', dir, '-e', join(dir, 'logs', 'error.log'), '-c', join(dir, conf), '-g', `pid ${join(dir, 'nginx.pid')}; error_log ${join(dir, 'logs', 'error.log')};`];
  return new Promise((resolve) => {
    execFile('nginx', args, { timeout: 15_000 }, (error, stdout, stderr) => resolve({ ok: !error, output: `${stdout}${stderr}` }));
  });
}

/**
 * Applies the preferred fix of every finding, snippets expanded to their defaults (the CA
 * path pointed at the test CA), as a user accepting each quick fix would. Returns the text.
 */
export function applyPreferredFixes(text: string, findings: readonly Finding[], caPath?: string): string {
  const accepted: TextEdit[] = [];
  for (const finding of findings) {
    const fix = finding.fixes.find((f) => f.isPreferred) ?? finding.fixes[0];
    if (!fix) continue;
    const edits = fix.edits.map((e) => ({ ...e, newText: fix.snippet ? expandSnippet(e.newText).replace('/etc/ssl/certs/ca-certificates.crt', caPath ?? '/etc/ssl/certs/ca-certificates.crt') : e.newText }));
    const fresh = edits.filter((e) => !accepted.some((a) => a.start === e.start && a.end === e.end && a.newText === e.newText));
    if (!editsOverlap(fresh, accepted)) accepted.push(...fresh);
  }
  return applyEdits(text, accepted);
}

export async function readText(path: string): Promise<string> {
  return readFile(path, 'utf8');
}

/** The parts of a text outside the edited ranges, for "everything else stays byte for byte". */
export function untouchedSegments(text: string, edits: readonly TextEdit[]): string[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const segments: string[] = [];
  let cursor = 0;
  for (const edit of sorted) {
    segments.push(text.slice(cursor, edit.start));
    cursor = edit.end;
  }
  segments.push(text.slice(cursor));
  return segments;
}
