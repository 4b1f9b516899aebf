import { describe, expect, it } from 'vitest';
import { activationPorts } from '../../../src/compiler/activation-ports.js';
import { dsl } from './graph-dsl.js';

describe('activationPorts', () => {
  it('is the connection port when the source is D itself', () => {
    //  if --true--> m
    const g = dsl('if m', 'if.true -> m');
    expect([...activationPorts(g.graph, g.at('if'), g.edge('if.true -> m'))]).toEqual(['true']);
  });

  it('is the port of D that leads to the source (IF diamond)', () => {
    //  t --> if --true--> x --+
    //           \--false-> y --+--> m
    const g = dsl('t if x y m', 't -> if', 'if.true -> x', 'if.false -> y', 'x -> m', 'y -> m');
    const d = g.at('if');
    expect([...activationPorts(g.graph, d, g.edge('x -> m'))]).toEqual(['true']);
    expect([...activationPorts(g.graph, d, g.edge('y -> m'))]).toEqual(['false']);
  });

  it('collects every port of D whose branch reaches the source', () => {
    //  sw --a--> p --> q --> m
    //     \-b--------^
    const g = dsl('sw p q m', 'sw.a -> p', 'p -> q', 'sw.b -> q', 'q -> m');
    expect([...activationPorts(g.graph, g.at('sw'), g.edge('q -> m'))].sort()).toEqual(['a', 'b']);
  });

  it('ignores paths that pass through D again', () => {
    //  d --x--> a --> d        d --y--> b --> m
    //  (a reaches b only through d)
    const g = dsl('d a b m', 'd.x -> a', 'a -> d', 'd.y -> b', 'b -> m');
    expect([...activationPorts(g.graph, g.at('d'), g.edge('b -> m'))]).toEqual(['y']);
  });
});
