import { describe, expect, it } from 'vitest';
import { stronglyConnectedComponents } from '../../../src/compiler/scc.js';
import { chain, dsl } from './graph-dsl.js';

/** Groups node keys by component, each group sorted, groups sorted by first key. */
function groups(keys: readonly string[], component: Int32Array): string[][] {
  const byComponent = new Map<number, string[]>();
  keys.forEach((key, i) => {
    const c = component[i] as number;
    byComponent.set(c, [...(byComponent.get(c) ?? []), key]);
  });
  return [...byComponent.values()].map((g) => g.sort()).sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1));
}

describe('stronglyConnectedComponents', () => {
  it('puts every node of an acyclic graph in its own component', () => {
    //  a --> b --> c
    //   \---------^
    const g = dsl('a b c', 'a -> b', 'b -> c', 'a -> c');
    expect(groups(g.keys, stronglyConnectedComponents(g.graph.successors))).toEqual([['a'], ['b'], ['c']]);
  });

  it('finds the loop of a -> b -> c -> b', () => {
    //  a --> b --> c
    //        ^-----'
    const g = dsl('a b c', 'a -> b', 'b -> c', 'c -> b');
    expect(groups(g.keys, stronglyConnectedComponents(g.graph.successors))).toEqual([['a'], ['b', 'c']]);
  });

  it('merges nested cycles into one component', () => {
    //  t --> x --> y --> z
    //        ^     ^-----'|
    //        '------------'
    const g = dsl('t x y z', 't -> x', 'x -> y', 'y -> z', 'z -> y', 'z -> x');
    expect(groups(g.keys, stronglyConnectedComponents(g.graph.successors))).toEqual([['t'], ['x', 'y', 'z']]);
  });

  it('keeps two separate loops apart', () => {
    //  t --> a <--> b --> c <--> d
    const g = dsl('t a b c d', 't -> a', 'a -> b', 'b -> a', 'b -> c', 'c -> d', 'd -> c');
    expect(groups(g.keys, stronglyConnectedComponents(g.graph.successors))).toEqual([['a', 'b'], ['c', 'd'], ['t']]);
  });

  it('gives a self-connected node a component of its own', () => {
    //  t --> a --.
    //        ^---'
    const g = dsl('t a', 't -> a', 'a -> a');
    expect(groups(g.keys, stronglyConnectedComponents(g.graph.successors))).toEqual([['a'], ['t']]);
  });

  it('handles a 1000-node chain and a 1000-node cycle without recursion', () => {
    const open = stronglyConnectedComponents(chain(1000).successors);
    expect(new Set(open).size).toBe(1000);
    const closed = stronglyConnectedComponents(chain(1000, true).successors);
    expect(new Set(closed).size).toBe(1);
  });
});
