import { ALL_NAMESPACES, type Scope } from '../../../config/config-schema.js';

/** Who made a call, as their credential says, and what they may do where. */
export interface Principal {
  /** The API key's name, or the JWT's subject; `anonymous` where no token is asked for. */
  readonly name: string;
  readonly via: 'api_key' | 'jwt' | 'open';
  readonly scopes: ReadonlySet<Scope>;
  /** The namespaces the credential may work in; holding `*` grants them all. */
  readonly namespaces: ReadonlySet<string>;
}

/** May `principal` call an RPC that needs `scope`? `admin` may call every RPC. */
export function grants(principal: Principal, scope: Scope): boolean {
  return principal.scopes.has(scope) || principal.scopes.has('admin');
}

/** May `principal` work in `namespace`? */
export function grantsNamespace(principal: Principal, namespace: string): boolean {
  return principal.namespaces.has(namespace) || principal.namespaces.has(ALL_NAMESPACES);
}
