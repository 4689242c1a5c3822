import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../../src/core/config/lint';
import type { ConfigKind } from '../../../src/core/config/findings';
import { parseEndpointsFile } from '../../../src/core/endpoint/endpointConfig';

const SNIPPETS = join(__dirname, '..', '..', '..', 'snippets');

/** A snippet body as the user gets it after tabbing through the defaults. */
function expand(body: string[]): string {
  let text = body.join('\n');
  for (let previous = ''; previous !== text;) {
    previous = text;
    text = text.replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1').replace(/\$\{\d+:([^{}$]*)\}/g, '$1');
  }
  // A bare ${N} mirrors the placeholder N's value; these snippets only mirror earlier defaults.
  const defaults = new Map<string, string>();
  for (const line of body.join('\n').matchAll(/\$\{(\d+):([^{}$]*)\}/g)) if (!defaults.has(line[1])) defaults.set(line[1], line[2]);
  return text.replace(/\$\{(\d+)\}/g, (_, n: string) => defaults.get(n) ?? '').replace(/\$0/g, '').replace(/\\\$/g, '$');
}

/** nginx snippets hold upstream/server blocks (http context) and locations (server context). */
function inHttpContext(text: string): string {
  const at = text.search(/^location /m);
  const blocks = at < 0 ? text : text.slice(0, at);
  const locations = at < 0 ? '' : `server {\n${text.slice(at)}\n}\n`;
  return `http {\n${blocks}\n${locations}}\n`;
}

function snippets(file: string): [string, { body: string[] }][] {
  return Object.entries(JSON.parse(readFileSync(join(SNIPPETS, file), 'utf8')) as Record<string, { body: string[]; prefix: string[]; description: string }>);
}

describe('snippets: what they insert passes the linter', () => {
  const lintable: [string, ConfigKind][] = [['nginx.json', 'nginx'], ['spring-properties.json', 'spring-properties'], ['spring-yaml.json', 'spring-yaml'], ['sysctl.json', 'sysctl']];
  for (const [file, kind] of lintable) {
    for (const [name, snippet] of snippets(file)) {
      it(`${file}: "${name}" has no findings once expanded`, () => {
        const text = expand(snippet.body);
        assert.deepEqual(lintText(kind, kind === 'nginx' ? inHttpContext(text) : text).map((f) => `${f.rule}: ${f.message}`), []);
      });
    }
  }

  it('invoice-doctor.json: the endpoint entry is valid JSON with a documentation-only host', () => {
    for (const [, snippet] of snippets('invoice-doctor-json.json')) {
      const entry = JSON.parse(expand(snippet.body)) as { name: string; url: string; headers: Record<string, string> };
      assert.match(entry.url, /^https:\/\/gw\.example\.com\//);
      assert.equal(entry.headers.Authorization, '${secret:gwToken}');
      assert.deepEqual(parseEndpointsFile(JSON.stringify({ endpoints: [entry] })).problems, []);
    }
  });
});
