import type { ConfigKind, TextEdit } from './findings';
import type { ParseResult } from './parsers/parseFailure';
import { parseProperties } from './parsers/propertiesParser';
import { parseYamlEntries } from './parsers/yamlEntries';
import { detectEol, leadingIndent, lineEndOf } from './textLayout';

/**
 * Spring Boot settings from application*.properties or *.yml as one model, so every Spring
 * rule is written once. Keys are compared in Spring's relaxed form (case, `-` and `_`
 * ignored), so `maximum-pool-size`, `maximumPoolSize` and `maximum_pool_size` are one key.
 */
export interface SpringSetting {
  /** Canonical dotted key: lower case without `-`/`_`. */
  key: string;
  leafKey: string;
  value: string;
  valueStart: number;
  valueEnd: number;
  quote: '"' | "'" | '';
  /** YAML sequence items, when the value is a list. */
  items?: { value: string; start: number; end: number }[];
  blockSeq?: boolean;
  keyStart: number;
}

export interface SpringConfig {
  text: string;
  kind: 'spring-properties' | 'spring-yaml';
  settings: SpringSetting[];
  /** An edit adding `<prefix>.<leaf>` next to the existing keys of that prefix, or undefined if there is no good place. */
  insertKey(prefix: string, kebabLeaf: string, value: string): TextEdit | undefined;
  /** `invoice-doctor.instances=N` / `invoice-doctor.database-cores=N`, in a comment or as a key. */
  hint(name: 'instances' | 'database-cores'): number | undefined;
}

export function canonicalKey(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, '');
}

export function parseSpringConfig(kind: 'spring-properties' | 'spring-yaml', text: string): ParseResult<SpringConfig> {
  return kind === 'spring-properties' ? { ok: true, value: fromProperties(text) } : fromYaml(text);
}

export function isSpringKind(kind: ConfigKind): kind is 'spring-properties' | 'spring-yaml' {
  return kind === 'spring-properties' || kind === 'spring-yaml';
}

function fromProperties(text: string): SpringConfig {
  const entries = parseProperties(text);
  const settings: SpringSetting[] = entries.map((e) => ({
    key: canonicalKey(e.key), leafKey: e.key.slice(e.key.lastIndexOf('.') + 1), value: e.value.trim(),
    valueStart: e.valueStart, valueEnd: e.valueEnd, quote: '', keyStart: e.keyStart,
  }));
  return {
    text, kind: 'spring-properties', settings, hint: (name) => hint(text, settings, name),
    insertKey(prefix, kebabLeaf, value) {
      const canonicalPrefix = `${canonicalKey(prefix)}.`;
      const siblings = entries.filter((e) => canonicalKey(e.key).startsWith(canonicalPrefix));
      const last = siblings[siblings.length - 1];
      if (!last) return undefined;
      const leaf = styledLeaf(kebabLeaf, siblings.map((e) => e.key.slice(e.key.lastIndexOf('.') + 1)));
      const writtenPrefix = last.key.slice(0, last.key.lastIndexOf('.'));
      return { start: last.entryEnd, end: last.entryEnd, newText: `${detectEol(text)}${writtenPrefix}.${leaf}=${value}` };
    },
  };
}

function fromYaml(text: string): ParseResult<SpringConfig> {
  const parsed = parseYamlEntries(text);
  if (!parsed.ok) return parsed;
  const settings: SpringSetting[] = parsed.value.filter((e) => e.kind !== 'map').map((e) => ({
    key: canonicalKey(e.path), leafKey: e.leafKey, value: e.value.trim(), valueStart: e.valueStart, valueEnd: e.valueEnd,
    quote: e.quote, items: e.kind === 'seq' ? e.items : undefined, blockSeq: e.blockSeq, keyStart: e.keyStart,
  }));
  return {
    ok: true,
    value: {
      text, kind: 'spring-yaml', settings, hint: (name) => hint(text, settings, name),
      insertKey(prefix, kebabLeaf, value) {
        const map = parsed.value.find((e) => e.kind === 'map' && canonicalKey(e.path) === canonicalKey(prefix) && e.childKeyStarts.length);
        if (!map) return undefined;
        const indent = leadingIndent(text, map.childKeyStarts[0]);
        if (indent === undefined) return undefined;
        const children = parsed.value.filter((e) => e.path.startsWith(`${map.path}.`));
        const lastEnd = Math.max(...children.map((e) => e.valueEnd));
        const at = lineEndOf(text, Math.max(lastEnd - 1, map.childKeyStarts[0]));
        const leaf = styledLeaf(kebabLeaf, children.filter((e) => !e.path.slice(map.path.length + 1).includes('.')).map((e) => e.leafKey));
        return { start: at, end: at, newText: `${detectEol(text)}${indent}${leaf}: ${value}` };
      },
    },
  };
}

/** Writes the new key the way its neighbours are written (camelCase or kebab-case). */
function styledLeaf(kebab: string, neighbours: string[]): string {
  return neighbours.some((k) => /[a-z][A-Z]/.test(k)) ? kebab.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) : kebab;
}

function hint(text: string, settings: SpringSetting[], name: 'instances' | 'database-cores'): number | undefined {
  const written = new RegExp(`invoice-doctor\\.${name}\\s*[=:]\\s*(\\d+)`).exec(text)?.[1]
    ?? settings.find((s) => s.key === `invoicedoctor.${canonicalKey(name)}`)?.value;
  const value = written === undefined ? NaN : Number(written);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}
