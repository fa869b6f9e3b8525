export interface TopologicalOrder {
  /** Every node placed after all of its dependencies. */
  ordered: string[];
  /** Nodes that could not be placed: on a dependency cycle, or depending on one. */
  unordered: string[];
}

/**
 * Kahn's algorithm. Whenever several nodes are ready, `compare` picks which goes first, so the order
 * is deterministic and callers can keep related nodes together. Re-sorting the ready list costs
 * O(n² log n), which is nothing for the few hundred tables of a database.
 *
 * `dependenciesOf` must only name nodes of `nodes`, and never the node itself.
 */
export function topologicalOrder(
  nodes: readonly string[],
  dependenciesOf: (node: string) => readonly string[],
  compare: (a: string, b: string) => number,
): TopologicalOrder {
  const pendingDependencies = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const node of nodes) {
    const dependencies = new Set(dependenciesOf(node));
    pendingDependencies.set(node, dependencies.size);
    for (const dependency of dependencies) {
      dependents.set(dependency, [...(dependents.get(dependency) ?? []), node]);
    }
  }

  const ready = nodes.filter((node) => pendingDependencies.get(node) === 0);
  const ordered: string[] = [];
  while (ready.length) {
    ready.sort(compare);
    const next = ready.shift()!;
    ordered.push(next);
    for (const dependent of dependents.get(next) ?? []) {
      const pending = pendingDependencies.get(dependent)! - 1;
      pendingDependencies.set(dependent, pending);
      if (pending === 0) ready.push(dependent);
    }
  }

  const placed = new Set(ordered);
  return { ordered, unordered: nodes.filter((node) => !placed.has(node)) };
}
