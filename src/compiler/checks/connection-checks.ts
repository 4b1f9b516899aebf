import { didYouMean } from '../../domain/did-you-mean.js';
import type { ConnectionDefinition, OnError } from '../../domain/workflow.js';
import type { NodeType } from '../../nodes/kit/node-type.js';
import { isPortName } from '../../nodes/kit/port-name.js';
import type { PortEdge } from '../digraph.js';
import { finding, type Finding } from '../finding.js';

/** What the connection checks need to know about the node a key names. */
export interface ConnectionEndpoint {
  readonly position: number;
  /** Undefined for an unknown type: its ports are not checked. */
  readonly type: NodeType | undefined;
  /** Valid output ports besides "error"; null when any valid port name is allowed. */
  readonly outputPorts: readonly string[] | null;
  readonly onError: OnError;
}

const NONE: readonly string[] = [];

/** The virtual output port every node has. */
export const ERROR_PORT = 'error';

/** A connection's port, "main" when absent or null. */
export function portOrMain(port: string | null | undefined): string {
  return port === undefined || port === null ? 'main' : port;
}

/**
 * Checks 14 to 18 over every connection, in definition order. Returns the connections that passed
 * checks 14 to 16 and are not duplicates, as edges between node positions, for the graph analyses.
 */
export function checkConnections(
  connections: readonly ConnectionDefinition[],
  endpoints: ReadonlyMap<string, ConnectionEndpoint>,
): { edges: PortEdge[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const edges: PortEdge[] = [];
  const firstIndex = new Map<string, number>();
  connections.forEach((connection, index) => {
    const paramPath = `connections[${index}]`;
    const fromPort = portOrMain(connection.fromPort);
    const toPort = portOrMain(connection.toPort);
    const source = endpoints.get(connection.from);
    const target = endpoints.get(connection.to);
    let valid = true;
    const unknown =
      source === undefined ? (target === undefined ? [connection.from, connection.to] : [connection.from]) : target === undefined ? [connection.to] : NONE;
    for (const key of unknown) {
      valid = false;
      findings.push(
        finding(index, {
          code: 'unknown_connection_node',
          severity: 'error',
          nodeKey: key,
          paramPath,
          message: `connection names unknown node ${JSON.stringify(key)}`,
        }),
      );
    }
    if (source?.type !== undefined && !isValidOutputPort(source, fromPort)) {
      valid = false;
      findings.push(
        finding(index, {
          code: 'unknown_output_port',
          severity: 'error',
          nodeKey: connection.from,
          port: fromPort,
          paramPath,
          message: `node ${JSON.stringify(connection.from)} of type "${source.type.type}" has no output port ${JSON.stringify(fromPort)}${portChoices(fromPort, source.outputPorts === null ? null : [...source.outputPorts, ERROR_PORT])}`,
        }),
      );
    }
    if (target?.type !== undefined && (target.type.trigger || !target.type.inputPorts.includes(toPort))) {
      valid = false;
      findings.push(
        finding(index, {
          code: 'unknown_input_port',
          severity: 'error',
          nodeKey: connection.to,
          port: toPort,
          paramPath,
          message: target.type.trigger
            ? `node ${JSON.stringify(connection.to)} is a trigger and has no input ports`
            : `node ${JSON.stringify(connection.to)} of type "${target.type.type}" has no input port ${JSON.stringify(toPort)}${portChoices(toPort, target.type.inputPorts)}`,
        }),
      );
    }
    // Keys and ports cannot hold a NUL character (they are checked names), so it separates them.
    const identity = `${connection.from}\u0000${fromPort}\u0000${connection.to}\u0000${toPort}`;
    const earlier = firstIndex.get(identity);
    if (earlier !== undefined) {
      findings.push(
        finding(index, {
          code: 'duplicate_connection',
          severity: 'warning',
          paramPath,
          message: `connection is identical to connections[${earlier}] and is dropped`,
        }),
      );
      return;
    }
    firstIndex.set(identity, index);
    if (source !== undefined && fromPort === ERROR_PORT && source.onError !== 'continue_error_output') {
      findings.push(
        finding(index, {
          code: 'error_port_unused',
          severity: 'warning',
          nodeKey: connection.from,
          port: ERROR_PORT,
          paramPath,
          message: `node ${JSON.stringify(connection.from)} has on_error "${source.onError}", so its "error" port never carries data`,
        }),
      );
    }
    if (valid && source !== undefined && target !== undefined) {
      edges.push({ from: source.position, fromPort, to: target.position, toPort, index });
    }
  });
  return { edges, findings };
}

/** `; its ports are "a", "b"` with a near one suggested; nothing when the ports are open-ended (null). */
function portChoices(port: string, ports: readonly string[] | null): string {
  if (ports === null) return '';
  const listed = [...new Set(ports)].map((name) => JSON.stringify(name)).join(', ');
  return `${didYouMean(port, ports)}; its ports are ${listed}`;
}

function isValidOutputPort(source: ConnectionEndpoint, port: string): boolean {
  if (port === ERROR_PORT) return true;
  if (source.outputPorts === null) return isPortName(port);
  return source.outputPorts.includes(port);
}
