import type { AddressResult, LayerResult } from '../../core/probe/probeResult';
import type { EndpointHealth } from './endpointHealthModel';
import type { SourcedProblem } from './endpointStore';

/** The kinds of rows in the Endpoints view; the provider turns each into a TreeItem. */
export type EndpointTreeNode =
  | { kind: 'endpoint'; health: EndpointHealth }
  | { kind: 'layer'; health: EndpointHealth; layer: LayerResult }
  | { kind: 'addresses'; health: EndpointHealth }
  | { kind: 'address'; health: EndpointHealth; address: AddressResult }
  | { kind: 'nextSteps'; health: EndpointHealth }
  | { kind: 'fix'; health: EndpointHealth; index: number; text: string }
  | { kind: 'setupProblem'; health: EndpointHealth }
  | { kind: 'configProblem'; problem: SourcedProblem; index: number };

/** Children of an endpoint row: its layers, its addresses when there are several, and what to do. */
export function endpointChildren(health: EndpointHealth): EndpointTreeNode[] {
  if (health.setupProblem) return [{ kind: 'setupProblem', health }];
  const result = health.result;
  if (!result) return [];
  const children: EndpointTreeNode[] = result.layers.map((layer) => ({ kind: 'layer', health, layer }));
  if (result.addresses.length > 1) children.push({ kind: 'addresses', health });
  if (result.diagnosis?.fixes.length) children.push({ kind: 'nextSteps', health });
  return children;
}
