import { describe, expect, it } from 'vitest';
import { analyzeBranches, type BranchWarning } from '../../../src/compiler/branch-analysis.js';
import { dominatorTree } from '../../../src/compiler/dominators.js';
import { analyzeLoops } from '../../../src/compiler/loops.js';
import { dsl, type DslGraph } from './graph-dsl.js';

/** Runs the analysis with input ports taken from a key → ports table (default ["main"]). */
function warnings(g: DslGraph, trigger: string, inputs: Record<string, string[]> = {}): string[] {
  const found: BranchWarning[] = analyzeBranches({
    graph: g.graph,
    dominators: dominatorTree(g.graph.successors, g.at(trigger)),
    componentOf: analyzeLoops(g.keys, g.graph).componentOf,
    inputPortsOf: (i) => inputs[g.keys[i] as string] ?? ['main'],
  });
  return found.map((w) =>
    w.kind === 'parallel_join'
      ? `parallel ${g.keys[w.node]}.${w.port} (${g.keys[w.first.from]}, ${g.keys[w.second.from]})`
      : `exclusive ${g.keys[w.node]}.${w.port} / ${w.otherPort}`,
  );
}

const MERGE = { m: ['input_a', 'input_b'] };

describe('analyzeBranches', () => {
  it('flags a parallel fork joining on one port', () => {
    //  t --+--> a --+
    //      +--> b --+--> c.main
    const g = dsl('t a b c', 't -> a', 't -> b', 'a -> c', 'b -> c');
    expect(warnings(g, 't')).toEqual(['parallel c.main (a, b)']);
  });

  it('flags exclusive branches into two ports', () => {
    //  t --> if --true--> x --> m.input_a
    //           \--false-> y --> m.input_b
    const g = dsl('t if x y m', 't -> if', 'if.true -> x', 'if.false -> y', 'x -> m.input_a', 'y -> m.input_b');
    expect(warnings(g, 't', MERGE)).toEqual(['exclusive m.input_a / input_b']);
  });

  it('does not flag an IF diamond into one port', () => {
    //  t --> if --true--> x --+
    //           \--false-> y --+--> m.main
    const g = dsl('t if x y m', 't -> if', 'if.true -> x', 'if.false -> y', 'x -> m', 'y -> m');
    expect(warnings(g, 't')).toEqual([]);
  });

  it('does not flag a parallel fork into two ports', () => {
    //            +--> a1 --> a2 --+ (input_a)
    //  trigger --+                +--> m
    //            +--> b1 --> b2 --+ (input_b)
    const g = dsl('trigger a1 a2 b1 b2 m', 'trigger -> a1', 'a1 -> a2', 'a2 -> m.input_a', 'trigger -> b1', 'b1 -> b2', 'b2 -> m.input_b');
    expect(warnings(g, 'trigger', MERGE)).toEqual([]);
  });

  it('flags a source that dominates the other source of the same port', () => {
    //  t --> a --> b --> c.main
    //        '---------> c.main
    const g = dsl('t a b c', 't -> a', 'a -> b', 'b -> c', 'a -> c');
    expect(warnings(g, 't')).toEqual(['parallel c.main (b, a)']);
  });

  it('never counts back-edges of a loop as entry connections', () => {
    //  t --> inc --> cond --true--> inc      (inc.main has t's edge and cond's back-edge)
    //                  \--false--> done
    const g = dsl('t inc cond done', 't -> inc', 'inc -> cond', 'cond.true -> inc', 'cond.false -> done');
    expect(warnings(g, 't')).toEqual([]);
  });

  it('does not flag a for_each whose body returns to it', () => {
    //  src --> fe.main;  fe.loop --> body --> fe.main;  fe.done --> after
    const g = dsl('src fe body after', 'src -> fe', 'fe.loop -> body', 'body -> fe', 'fe.done -> after');
    expect(warnings(g, 'src')).toEqual([]);
  });

  it('reports the first parallel pair in definition order', () => {
    //  t --> if --true--> x --> j
    //   \       \-false-> y --> j
    //    '--> z ---------------> j
    const g = dsl('t if x y z j', 't -> if', 'if.true -> x', 'if.false -> y', 't -> z', 'x -> j', 'y -> j', 'z -> j');
    expect(warnings(g, 't')).toEqual(['parallel j.main (x, z)']);
  });

  it('does not flag exclusive ports when one pair is parallel', () => {
    //  t --> if --true--> x --> m.input_a
    //   \       \-false-> y --> m.input_b
    //    '--> z ----------------> m.input_b
    const g = dsl('t if x y z m', 't -> if', 'if.true -> x', 'if.false -> y', 't -> z', 'x -> m.input_a', 'y -> m.input_b', 'z -> m.input_b');
    expect(warnings(g, 't', MERGE)).toEqual(['parallel m.input_b (y, z)']);
  });

  it('treats the same source on different ports of an IF as exclusive', () => {
    //  t --> if --true--> m.input_a
    //           \-false-> m.input_b
    const g = dsl('t if m', 't -> if', 'if.true -> m.input_a', 'if.false -> m.input_b');
    expect(warnings(g, 't', MERGE)).toEqual(['exclusive m.input_a / input_b']);
  });
});
