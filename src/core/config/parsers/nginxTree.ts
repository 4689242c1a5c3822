import type { NginxDirective } from './nginxParser';

/**
 * Walking a parsed nginx tree the way nginx sees it: `include`d directives are part of the
 * block that holds the include, and most directives inherit into nested blocks.
 */
export function expandedChildren(list: readonly NginxDirective[]): NginxDirective[] {
  const result: NginxDirective[] = [];
  for (const directive of list) {
    if (directive.name === 'include' && directive.included) result.push(...expandedChildren(directive.included));
    else result.push(directive);
  }
  return result;
}

export function* walk(list: readonly NginxDirective[]): Generator<NginxDirective> {
  for (const directive of expandedChildren(list)) {
    yield directive;
    if (directive.block) yield* walk(directive.block);
  }
}

/** The directive named `name` that applies inside `block` (its own or inherited), if any. */
export function inScope(block: NginxDirective | undefined, name: string, roots: readonly NginxDirective[]): NginxDirective | undefined {
  for (let current = block; ; current = current.parent) {
    const found = expandedChildren(current ? current.block ?? [] : roots).find((d) => d.name === name);
    if (found || !current) return found;
  }
}

/** All directives named `name` directly in `block` (top level when block is undefined). */
export function childrenNamed(block: NginxDirective | undefined, name: string, roots: readonly NginxDirective[]): NginxDirective[] {
  return expandedChildren(block ? block.block ?? [] : roots).filter((d) => d.name === name);
}

/** The nearest enclosing block whose name is one of `names`. */
export function enclosing(directive: NginxDirective, names: readonly string[]): NginxDirective | undefined {
  for (let current = directive.parent; current; current = current.parent) if (names.includes(current.name)) return current;
  return undefined;
}

