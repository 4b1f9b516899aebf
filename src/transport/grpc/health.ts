import { HealthImplementation, type ServingStatus } from 'grpc-health-check';
import type { Server } from '@grpc/grpc-js';

/** The grpc.health.v1.Health service of one server: one status for "" (the whole server) and each service. */
export interface ServerHealth {
  /** Registers grpc.health.v1.Health on the server. */
  addTo(server: Server): void;
  /** Sets the status of the whole server and of every named service at once. */
  setAll(status: Extract<ServingStatus, 'SERVING' | 'NOT_SERVING'>): void;
}

/** Creates the health service for the named services; everything starts NOT_SERVING until `setAll`. */
export function createServerHealth(serviceNames: readonly string[]): ServerHealth {
  const names = ['', ...serviceNames];
  const implementation = new HealthImplementation(Object.fromEntries(names.map((name) => [name, 'NOT_SERVING'])));
  return {
    addTo: (server) => implementation.addToServer(server),
    setAll: (status) => {
      for (const name of names) implementation.setStatus(name, status);
    },
  };
}
