import type { Node, Pair, YAMLMap } from 'yaml';
import { yaml } from '../../lazyLibraries';
import type { ParseResult } from './parseFailure';

/**
 * YAML flattened to dotted keys with source ranges, via the `yaml` package's Document API
 * (which keeps ranges and comments). Spring accepts nested and flat (`a.b.c: 1`) keys and
 * mixes of both, so a key path is the dotted join of every key on the way down.
 */
export interface YamlEntry {
  path: string;
  /** The last key as written, for matching the file's key style in inserted keys. */
  leafKey: string;
  keyStart: number;
  kind: 'scalar' | 'seq' | 'map';
  /** Scalar text, or '' for collections. */
  value: string;
  /** Source range of the value node (without trailing comments). */
  valueStart: number;
  valueEnd: number;
  quote: '"' | "'" | '';
  items: { value: string; start: number; end: number }[];
  /** A block sequence (`- item` lines) rather than a flow one (`[a, b]`). */
  blockSeq: boolean;
  /** For block maps: where each child key starts, so an inserted key can line up. */
  childKeyStarts: number[];
}

export function parseYamlEntries(text: string): ParseResult<YamlEntry[]> {
  const entries: YamlEntry[] = [];
  for (const document of yaml.parseAllDocuments(text)) {
    if ('errors' in document && document.errors.length) {
      const error = document.errors[0];
      return { ok: false, failure: { message: error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''), offset: error.pos[0], end: error.pos[1] } };
    }
    if ('contents' in document && yaml.isMap(document.contents)) collect(document.contents, '', entries);
  }
  return { ok: true, value: entries };
}

function collect(map: YAMLMap, prefix: string, entries: YamlEntry[]): void {
  for (const pair of map.items as Pair<Node, Node | null>[]) {
    if (!yaml.isScalar(pair.key) || !pair.key.range) continue;
    const leafKey = String(pair.key.value);
    const path = prefix ? `${prefix}.${leafKey}` : leafKey;
    const value = pair.value;
    const range = value?.range ?? [pair.key.range[1], pair.key.range[1], pair.key.range[1]];
    const base = { path, leafKey, keyStart: pair.key.range[0], valueStart: range[0], valueEnd: range[1], quote: '' as const, items: [], blockSeq: false, childKeyStarts: [] };
    if (yaml.isMap(value)) {
      const childKeyStarts = (value.items as Pair<Node, unknown>[]).map((p) => p.key?.range?.[0]).filter((o): o is number => o !== undefined);
      entries.push({ ...base, kind: 'map', value: '', childKeyStarts: value.flow ? [] : childKeyStarts });
      collect(value, path, entries);
    } else if (yaml.isSeq(value)) {
      const items = value.items.filter(yaml.isScalar).filter((s) => s.range).map((s) => ({ value: String(s.value), start: s.range![0], end: s.range![1] }));
      entries.push({ ...base, kind: 'seq', value: '', items, blockSeq: !value.flow });
    } else {
      const scalar = yaml.isScalar(value) ? value : undefined;
      const quote = scalar?.type === 'QUOTE_DOUBLE' ? '"' : scalar?.type === 'QUOTE_SINGLE' ? "'" : '';
      entries.push({ ...base, kind: 'scalar', value: scalar?.value == null ? '' : String(scalar.value), quote });
    }
  }
}
