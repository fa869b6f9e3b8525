/**
 * Tarjan's algorithm: groups of nodes that can all reach each other. A group of two or more nodes is
 * a cycle (or several intertwined ones); a node on its own is not, whatever its self-loops.
 * Components come out with their nodes in input order.
 */
export function stronglyConnectedComponents(
  nodes: readonly string[],
  successorsOf: (node: string) => readonly string[],
): string[][] {
  const indexOf = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];

  const visit = (node: string) => {
    indexOf.set(node, indexOf.size);
    lowLink.set(node, indexOf.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const successor of successorsOf(node)) {
      if (!indexOf.has(successor)) {
        visit(successor);
        lowLink.set(node, Math.min(lowLink.get(node)!, lowLink.get(successor)!));
      } else if (onStack.has(successor)) {
        lowLink.set(node, Math.min(lowLink.get(node)!, indexOf.get(successor)!));
      }
    }
    if (lowLink.get(node) === indexOf.get(node)) {
      const members = new Set<string>();
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        members.add(member);
      } while (member !== node);
      components.push(nodes.filter((n) => members.has(n)));
    }
  };

  for (const node of nodes) if (!indexOf.has(node)) visit(node);
  return components;
}
