import { describe, expect, it } from 'vitest';
import { reachableFrom } from '../../../src/compiler/reachability.js';
import { dsl } from './graph-dsl.js';

describe('reachableFrom', () => {
  it('follows every port, including error, and leaves orphans out', () => {
    //  trigger --> x --> m.input_a
    //              x.error --> h
    //  orphan  ----------> m.input_b
    const g = dsl('trigger x m h orphan', 'trigger -> x', 'x -> m.input_a', 'x.error -> h', 'orphan -> m.input_b');
    const reached = reachableFrom(g.graph.successors, [g.at('trigger')]);
    expect(g.keys.filter((_, i) => reached[i] === 1)).toEqual(['trigger', 'x', 'm', 'h']);
  });

  it('never passes through the blocked node', () => {
    //  d --> a --> b --> d --> c
    const g = dsl('d a b c', 'd -> a', 'a -> b', 'b -> d', 'd -> c');
    const reached = reachableFrom(g.graph.successors, [g.at('a')], g.at('d'));
    expect(g.keys.filter((_, i) => reached[i] === 1)).toEqual(['a', 'b']);
  });

  it('terminates on cycles', () => {
    //  a <--> b
    const g = dsl('a b', 'a -> b', 'b -> a');
    const reached = reachableFrom(g.graph.successors, [g.at('a')]);
    expect([...reached]).toEqual([1, 1]);
  });
});
