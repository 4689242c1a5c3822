import assert from 'node:assert/strict';
import { parseArgs } from '../../../src/cli/args';
import { isDoctorError } from '../../../src/core/errors';

const SPEC = { json: 'boolean', config: 'string', header: 'strings' } as const;

function usageMessage(argv: string[]): string {
  try {
    parseArgs(argv, SPEC);
  } catch (error) {
    assert.ok(isDoctorError(error, 'usage'), `expected a usage error, got ${String(error)}`);
    return error.message;
  }
  assert.fail(`expected ${argv.join(' ')} to be rejected`);
}

describe('cli/args: the shared argv parser', () => {
  it('reads booleans, values in both spellings, repeated flags and positionals in any order', () => {
    const { flags, positionals } = parseArgs(
      ['https://a.example.com', '--json', '--config', 'x.json', '--header=A: 1', 'https://b.example.com', '--header', 'B: 2'],
      SPEC,
    );
    assert.deepEqual(flags, { json: true, config: 'x.json', header: ['A: 1', 'B: 2'] });
    assert.deepEqual(positionals, ['https://a.example.com', 'https://b.example.com']);
  });

  it('gives defaults for flags that were not used', () => {
    assert.deepEqual(parseArgs([], SPEC), { flags: { json: false, config: undefined, header: [] }, positionals: [] });
  });

  it('treats a lone "-" as a positional (standard input) and everything after "--" as positionals', () => {
    assert.deepEqual(parseArgs(['-', '--', '--json', '-x'], SPEC).positionals, ['-', '--json', '-x']);
  });

  it('keeps a value that merely contains "=" or starts with "-" when given with "="', () => {
    assert.equal(parseArgs(['--config=a=b.json'], SPEC).flags.config, 'a=b.json');
    assert.equal(parseArgs(['--config=-weird.json'], SPEC).flags.config, '-weird.json');
  });

  it('rejects unknown options, naming them', () => {
    assert.match(usageMessage(['--jsn']), /unknown option "--jsn"/);
    assert.match(usageMessage(['-j']), /unknown option "-j"/);
  });

  it('rejects a value flag without its value, including when the next word is another flag', () => {
    assert.match(usageMessage(['--config']), /"--config" needs a value/);
    assert.match(usageMessage(['--config', '--json']), /"--config" needs a value/);
  });

  it('rejects a value on a boolean flag and a single-value flag given twice', () => {
    assert.match(usageMessage(['--json=yes']), /takes no value/);
    assert.match(usageMessage(['--config', 'a', '--config', 'b']), /more than once/);
  });

  it('does not mistake inherited object properties for flags', () => {
    assert.match(usageMessage(['--constructor']), /unknown option/);
    assert.match(usageMessage(['--toString']), /unknown option/);
  });
});
