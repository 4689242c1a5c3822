import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Commands } from '../../../src/extension/commandIds';

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const nls = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8'));

describe('package.json', () => {
  it('contributes exactly the commands the extension registers', () => {
    const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(contributed, Object.values(Commands).sort());
  });

  it('has a string in package.nls.json for every %placeholder%', () => {
    const placeholders = [...JSON.stringify(manifest).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    const missing = placeholders.filter((key) => !(key in nls));
    assert.deepEqual(missing, []);
  });

  it('validates the endpoints setting with the same schema as invoice-doctor.json', () => {
    const schema = JSON.parse(readFileSync(path.join(root, 'schemas/endpoint.schema.json'), 'utf8'));
    // The setting's descriptions are %keys% so they can be translated; in English they read as the schema's.
    const items = JSON.parse(JSON.stringify(manifest.contributes.configuration.properties['invoiceDoctor.endpoints'].items),
      (_key, value: unknown) => (typeof value === 'string' && /^%[^%]+%$/.test(value) ? nls[value.slice(1, -1)] : value));
    assert.deepEqual(items, schema);
  });

  it('documents every setting with a type, default, scope and a sentence', () => {
    for (const [key, setting] of Object.entries<Record<string, unknown>>(manifest.contributes.configuration.properties)) {
      assert.ok(setting.type && 'default' in setting && setting.scope, `${key} has type, default and scope`);
      const description = nls[String(setting.markdownDescription).replace(/%/g, '')];
      assert.match(description, /^Controls .*\.$/s, `${key} says what it controls and ends with a period`);
    }
  });
});
