import { describe, expect, it } from 'vitest';
import { analyzeLoops } from '../../../src/compiler/loops.js';
import { chain, dsl } from './graph-dsl.js';

describe('analyzeLoops', () => {
  it('annotates the loop {b, c} of a -> b -> c -> b', () => {
    //  a --> b --> c
    //        ^-----'
    const g = dsl('a b c', 'a -> b', 'b -> c', 'c -> b');
    const { loops, info } = analyzeLoops(g.keys, g.graph);
    expect(loops).toEqual([{ id: 'loop_1', members: ['b', 'c'] }]);
    expect(info[g.at('a')]).toEqual({ level: 0, role: 'not_in_loop', ids: [] });
    expect(info[g.at('b')]).toEqual({ level: 1, role: 'start_loop', ids: ['loop_1'] });
    expect(info[g.at('c')]).toEqual({ level: 1, role: 'end_loop', ids: ['loop_1'] });
  });

  it('names roles by sorted keys in the counter loop', () => {
    //  start -> init -> increment -> cond --true--> increment
    //                                    \--false-> done
    const g = dsl('start init increment cond done', 'start -> init', 'init -> increment', 'increment -> cond', 'cond.true -> increment', 'cond.false -> done');
    const { loops, info } = analyzeLoops(g.keys, g.graph);
    expect(loops).toEqual([{ id: 'loop_1', members: ['cond', 'increment'] }]);
    expect(info[g.at('cond')]?.role).toBe('start_loop');
    expect(info[g.at('increment')]?.role).toBe('end_loop');
    for (const key of ['start', 'init', 'done']) expect(info[g.at(key)]?.role).toBe('not_in_loop');
  });

  it('marks middle members in_loop and a single self-connected node start_loop', () => {
    //  t --> b --> a --> c --> b        s --.
    //                                   ^---'
    const g = dsl('t b a c s', 't -> b', 'b -> a', 'a -> c', 'c -> b', 't -> s', 's -> s');
    const { loops, info } = analyzeLoops(g.keys, g.graph);
    expect(loops).toEqual([
      { id: 'loop_1', members: ['a', 'b', 'c'] },
      { id: 'loop_2', members: ['s'] },
    ]);
    expect(info[g.at('a')]?.role).toBe('start_loop');
    expect(info[g.at('b')]?.role).toBe('in_loop');
    expect(info[g.at('c')]?.role).toBe('end_loop');
    expect(info[g.at('s')]).toEqual({ level: 1, role: 'start_loop', ids: ['loop_2'] });
  });

  it('numbers loops by their earliest member in definition order', () => {
    //  t --> x <--> y        t --> p <--> q      (definition order: t p q x y)
    const g = dsl('t p q x y', 't -> x', 'x -> y', 'y -> x', 't -> p', 'p -> q', 'q -> p');
    const { loops } = analyzeLoops(g.keys, g.graph);
    expect(loops.map((l) => [l.id, l.members])).toEqual([
      ['loop_1', ['p', 'q']],
      ['loop_2', ['x', 'y']],
    ]);
  });

  it('sees no loop in a 1000-node chain and one loop in a 1000-node cycle', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `n${i}`);
    expect(analyzeLoops(keys, chain(1000)).loops).toEqual([]);
    expect(analyzeLoops(keys, chain(1000, true)).loops).toHaveLength(1);
  });
});
