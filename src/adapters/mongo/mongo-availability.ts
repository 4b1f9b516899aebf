import type { MongoClient, TopologyDescriptionChangedEvent } from 'mongodb';
import type { StoreAvailability } from '../../app/ports/store-availability.js';

/**
 * Whether MongoDB can be reached, from the driver's server monitoring: down as soon as the topology
 * has no data-bearing server (the monitor's connection broke) or a monitor check fails; up again when
 * a check succeeds. The monitor checks every heartbeat interval, and more often while the server is
 * unknown.
 */
export class MongoAvailability implements StoreAvailability {
  private up = true;
  private readonly listeners = new Set<(available: boolean) => void>();

  constructor(client: MongoClient) {
    client.on('topologyDescriptionChanged', (event: TopologyDescriptionChangedEvent) => this.set(event.newDescription.hasDataBearingServers));
    client.on('serverHeartbeatSucceeded', () => this.set(true));
    client.on('serverHeartbeatFailed', () => this.set(false));
  }

  get available(): boolean {
    return this.up;
  }

  onChange(listener: (available: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(up: boolean): void {
    if (up === this.up) return;
    this.up = up;
    for (const listener of this.listeners) listener(up);
  }
}
