import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';

/**
 * The Simplified Chinese catalogs are complete: every string of package.json (through
 * package.nls.json) and every l10n.t() message in src/ has a zh-cn translation that keeps
 * its placeholders, command links and code spans. Fails listing what is missing, so adding
 * a UI string without its translation breaks the build.
 */
const root = join(__dirname, '..', '..', '..');
const readJson = (path: string): Record<string, string> => JSON.parse(readFileSync(join(root, path), 'utf8'));

// What must survive translation unchanged: {0}/{name} placeholders, ${secret:NAME}, `code`,
// (command:…) links and #setting# references.
function fixedParts(text: string): string[] {
  const patterns = [/\$?\{[^}\s]+\}/g, /`[^`]+`/g, /\(command:[^)]+\)/g, /#[\w.]+#/g];
  return patterns.flatMap((pattern) => text.match(pattern) ?? []).sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return ['.ts', '.tsx'].includes(extname(entry.name)) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

describe('localization catalogs (zh-cn)', () => {
  describe('package.json', () => {
    const manifest = readFileSync(join(root, 'package.json'), 'utf8');
    const english = readJson('package.nls.json');
    const chinese = readJson('package.nls.zh-cn.json');

    it('names the l10n folder, and every %key% it uses is in package.nls.json', () => {
      assert.equal(JSON.parse(manifest).l10n, './l10n');
      const used = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
      assert.deepEqual(used.filter((key) => !(key in english)), []);
    });

    it('has a non-empty zh-cn entry for every key of package.nls.json, and no stale ones', () => {
      assert.deepEqual(Object.keys(english).filter((key) => !chinese[key]?.trim()), [], 'keys without a translation');
      assert.deepEqual(Object.keys(chinese).filter((key) => !(key in english)), [], 'translations of keys that no longer exist');
    });

    it('keeps placeholders, code, command links and setting references', () => {
      const broken = Object.keys(english).filter((key) => chinese[key] && fixedParts(english[key]).join('\n') !== fixedParts(chinese[key]).join('\n'));
      assert.deepEqual(broken, []);
    });
  });

  describe('l10n bundles', () => {
    const chinese = readJson('l10n/bundle.l10n.zh-cn.json');
    let extracted: Record<string, unknown> = {};
    before(async function () {
      this.timeout(60000);
      const files = sourceFiles(join(root, 'src')).map((file) => ({ contents: readFileSync(file, 'utf8'), extension: extname(file) }));
      extracted = await getL10nJson(files);
    });

    it('l10n/bundle.l10n.json is up to date with the messages in src/ (npm run l10n)', () => {
      const english = readJson('l10n/bundle.l10n.json');
      assert.deepEqual(Object.keys(extracted).filter((message) => !(message in english)), []);
    });

    it('translates every message in src/ into zh-cn', () => {
      assert.deepEqual(Object.keys(extracted).filter((message) => !chinese[message]?.trim()), []);
    });

    it('keeps the placeholders of every message', () => {
      const broken = Object.entries(chinese).filter(([english, translated]) => fixedParts(english).filter((p) => p.startsWith('{') || p.startsWith('${')).join() !== fixedParts(translated).filter((p) => p.startsWith('{') || p.startsWith('${')).join());
      assert.deepEqual(broken, []);
    });
  });
});
