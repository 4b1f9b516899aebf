import { describe, expect, it } from 'vitest';
import { dominates, dominatorTree, nearestCommonDominator } from '../../../src/compiler/dominators.js';
import { chain, dsl } from './graph-dsl.js';

describe('dominatorTree', () => {
  it('makes the IF the immediate dominator of the join of an IF diamond', () => {
    //  t --> if --true--> x --+
    //           \--false-> y --+--> m
    const g = dsl('t if x y m', 't -> if', 'if.true -> x', 'if.false -> y', 'x -> m', 'y -> m');
    const tree = dominatorTree(g.graph.successors, g.at('t'));
    expect(tree.idom[g.at('m')]).toBe(g.at('if'));
    expect(tree.idom[g.at('x')]).toBe(g.at('if'));
    expect(tree.idom[g.at('if')]).toBe(g.at('t'));
    expect(tree.idom[g.at('t')]).toBe(g.at('t'));
    expect(nearestCommonDominator(tree, g.at('x'), g.at('y'))).toBe(g.at('if'));
    expect(dominates(tree, g.at('if'), g.at('m'))).toBe(true);
    expect(dominates(tree, g.at('x'), g.at('m'))).toBe(false);
  });

  it('lets a node that dominates the other be their nearest common dominator', () => {
    //  t --> a --> b
    const g = dsl('t a b', 't -> a', 'a -> b');
    const tree = dominatorTree(g.graph.successors, g.at('t'));
    expect(nearestCommonDominator(tree, g.at('a'), g.at('b'))).toBe(g.at('a'));
    expect(nearestCommonDominator(tree, g.at('b'), g.at('b'))).toBe(g.at('b'));
  });

  it('follows back-edges of loops correctly', () => {
    //  start --> init --> inc --> cond --true--> inc
    //                               \--false--> done
    const g = dsl('start init inc cond done', 'start -> init', 'init -> inc', 'inc -> cond', 'cond.true -> inc', 'cond.false -> done');
    const tree = dominatorTree(g.graph.successors, g.at('start'));
    expect(tree.idom[g.at('inc')]).toBe(g.at('init'));
    expect(tree.idom[g.at('cond')]).toBe(g.at('inc'));
    expect(tree.idom[g.at('done')]).toBe(g.at('cond'));
  });

  it('handles an irreducible shape', () => {
    //  t --> a <--> b <-- t
    const g = dsl('t a b', 't -> a', 't -> b', 'a -> b', 'b -> a');
    const tree = dominatorTree(g.graph.successors, g.at('t'));
    expect(tree.idom[g.at('a')]).toBe(g.at('t'));
    expect(tree.idom[g.at('b')]).toBe(g.at('t'));
  });

  it('marks nodes the root does not reach with -1', () => {
    //  t --> a      orphan --> a
    const g = dsl('t a orphan', 't -> a', 'orphan -> a');
    const tree = dominatorTree(g.graph.successors, g.at('t'));
    expect(tree.idom[g.at('orphan')]).toBe(-1);
    expect(tree.idom[g.at('a')]).toBe(g.at('t'));
  });

  it('handles a 1000-node chain without recursion', () => {
    const tree = dominatorTree(chain(1000).successors, 0);
    expect(tree.idom[999]).toBe(998);
    expect(nearestCommonDominator(tree, 999, 500)).toBe(500);
  });
});
