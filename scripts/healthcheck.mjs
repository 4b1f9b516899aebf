#!/usr/bin/env node
// Container health check: one real grpc.health.v1.Health/Check call (service "" = the whole server)
// against the address the service listens on. Exit 0 when SERVING, 1 otherwise.
// Reads PRANA_GRPC_ADDRESS like the service (default 127.0.0.1:50051); a wildcard host (0.0.0.0, [::])
// is checked through loopback.
import grpc from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';

const DEADLINE_MS = 3000;

const configured = (process.env.PRANA_GRPC_ADDRESS ?? '').trim() || '127.0.0.1:50051';
const separator = configured.lastIndexOf(':');
const host = configured.slice(0, separator);
const port = configured.slice(separator + 1);
const target = `${host === '0.0.0.0' || host === '' ? '127.0.0.1' : host === '[::]' ? '[::1]' : host}:${port}`;

const HealthClient = grpc.makeGenericClientConstructor(healthService, 'Health');
const client = new HealthClient(target, grpc.credentials.createInsecure());

client.Check({ service: '' }, { deadline: Date.now() + DEADLINE_MS }, (error, response) => {
  client.close();
  if (error) {
    console.error(`healthcheck: ${target}: ${error.message}`);
    process.exit(1);
  }
  const status = response?.status ?? 'UNKNOWN';
  console.log(`healthcheck: ${target}: ${status}`);
  process.exit(status === 'SERVING' ? 0 : 1);
});
