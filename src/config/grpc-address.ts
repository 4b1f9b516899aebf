import { ConfigError } from './config-error.js';

/** Where the gRPC server listens: a host (name, IPv4 or bracketed IPv6) and a TCP port (0 = any free port). */
export interface GrpcAddress {
  readonly host: string;
  readonly port: number;
  /** `host:port`, as grpc-js `bindAsync` takes it. */
  readonly text: string;
}

const HOST_PORT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):([0-9]{1,5})$/;

/** Parses `host:port` (e.g. `127.0.0.1:50051`, `0.0.0.0:50051`, `[::1]:0`); throws ConfigError otherwise. */
export function parseGrpcAddress(variable: string, value: string): GrpcAddress {
  const match = HOST_PORT.exec(value);
  const port = match ? Number(match[2]) : Number.NaN;
  if (!match || port > 65_535) {
    throw new ConfigError(variable, `invalid address ${JSON.stringify(value)}: expected host:port with a port from 0 to 65535, e.g. 127.0.0.1:50051`);
  }
  const host = match[1] as string;
  return Object.freeze({ host, port, text: `${host}:${port}` });
}
