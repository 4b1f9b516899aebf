import { describe, expect, it } from 'vitest';
import { pruneUnreachable } from '../../../src/compiler/pruning.js';
import { dsl } from './graph-dsl.js';

describe('pruneUnreachable', () => {
  it('drops unreached nodes and every connection touching them', () => {
    //  trigger -> x -> m.input_a
    //  orphan  ----->  m.input_b        (orphan is unreachable)
    const g = dsl('trigger orphan x m', 'trigger -> x', 'x -> m.input_a', 'orphan -> m.input_b');
    const pruned = pruneUnreachable(g.keys.length, g.graph.edges, g.at('trigger'), [true, true, true, true]);
    expect(pruned.unreachable.map((p) => g.keys[p])).toEqual(['orphan']);
    expect(pruned.positions.map((p) => g.keys[p])).toEqual(['trigger', 'x', 'm']);
    expect(pruned.graph.edges.map((e) => e.index)).toEqual([0, 1]);
    expect(pruned.graph.edges[1]).toEqual({ from: 1, fromPort: 'main', to: 2, toPort: 'input_a', index: 1 });
    expect(pruned.trigger).toBe(0);
  });

  it('reports only eligible nodes as unreachable', () => {
    //  t --> a        dup (a later duplicate key, not eligible)
    const g = dsl('t a dup', 't -> a');
    const pruned = pruneUnreachable(3, g.graph.edges, 0, [true, true, false]);
    expect(pruned.unreachable).toEqual([]);
    expect(pruned.positions).toEqual([0, 1]);
  });
});
