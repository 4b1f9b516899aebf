import type { Diagnostic } from '../domain/diagnostic.js';
import type { WorkflowDefinition } from '../domain/workflow.js';
import { compileWorkflow, referencedGraphIds, COMPILER_VERSION, type CompilerLimits } from '../compiler/index.js';
import type { CompiledGraph } from '../nodes/kit/compiled-graph.js';
import type { NodeRegistry } from '../nodes/kit/registry.js';
import type { Clock } from './ports/clock.js';
import type { GraphCache } from './ports/graph-cache.js';
import type { GraphStore } from './ports/graph-store.js';

/** The result of CompileWorkflow: the graph (absent when an error diagnostic exists) and all diagnostics. */
export interface CompileOutcome {
  readonly graph: CompiledGraph | null;
  readonly diagnostics: readonly Diagnostic[];
}

/** How many registrations a process remembers before it starts over (each is asked of the store again). */
const MAX_REMEMBERED = 100_000;

function registration(namespace: string, id: string): string {
  return `${namespace}\n${id}`;
}

/**
 * Compiled graphs: compiled once, persisted by content hash, cached in-process as frozen objects. A
 * replica that never compiled a graph rebuilds it from the stored definition on a cache miss. A
 * graph is registered in each namespace that compiled it; a caller reaches a graph only through
 * `loadIn` with its namespace, while the runtime loads the graphs of stored executions with `load`.
 */
export class GraphRepository {
  private readonly loading = new Map<string, Promise<CompiledGraph | null>>();
  /** `namespace\nid` of registrations this process saw (registrations are never withdrawn), bounded. */
  private readonly registered = new Set<string>();

  constructor(
    private readonly store: GraphStore,
    private readonly cache: GraphCache,
    private readonly registry: NodeRegistry,
    private readonly clock: Clock,
    private readonly limits?: Partial<CompilerLimits>,
  ) {}

  /**
   * Compiles and, when it compiles, persists, registers in `namespace` and caches the graph
   * (idempotent). Sub-workflows it names must be registered in the same namespace.
   */
  async compile(definition: WorkflowDefinition, namespace: string): Promise<CompileOutcome> {
    const referenced = referencedGraphIds(definition);
    const known = referenced.length === 0 ? new Set<string>() : await this.registeredOf(referenced, namespace);
    const result = compileWorkflow(definition, {
      registry: this.registry,
      knownGraphIds: known,
      ...(this.limits === undefined ? {} : { limits: this.limits }),
    });
    if (!result.ok) return { graph: null, diagnostics: result.diagnostics };
    const cached = this.cache.get(result.graph.id);
    if (cached !== undefined && this.registered.has(registration(namespace, cached.id))) return { graph: cached, diagnostics: result.diagnostics };
    await this.store.save(
      { id: result.graph.id, compilerVersion: COMPILER_VERSION, definition: result.graph.definition, createdAt: this.clock.now() },
      namespace,
    );
    this.remember(namespace, [result.graph.id]);
    if (cached !== undefined) return { graph: cached, diagnostics: result.diagnostics };
    this.cache.set(result.graph.id, result.graph);
    return { graph: result.graph, diagnostics: result.diagnostics };
  }

  /** The graph with this id when it is registered in `namespace`; null otherwise (a caller's view). */
  async loadIn(id: string, namespace: string): Promise<CompiledGraph | null> {
    return (await this.registeredOf([id], namespace)).has(id) ? this.load(id) : null;
  }

  /** Which of these graph ids are registered in `namespace`. */
  async registeredOf(ids: readonly string[], namespace: string): Promise<Set<string>> {
    const found = new Set(ids.filter((id) => this.registered.has(registration(namespace, id))));
    const unknown = ids.filter((id) => !found.has(id));
    if (unknown.length === 0) return found;
    const stored = await this.store.existing(unknown, namespace);
    this.remember(namespace, [...stored]);
    for (const id of stored) found.add(id);
    return found;
  }

  private remember(namespace: string, ids: readonly string[]): void {
    if (this.registered.size + ids.length > MAX_REMEMBERED) this.registered.clear();
    for (const id of ids) this.registered.add(registration(namespace, id));
  }

  /** The graph with this id, from the cache or rebuilt from the store; null when none exists. */
  load(id: string): Promise<CompiledGraph | null> {
    const cached = this.cache.get(id);
    if (cached !== undefined) return Promise.resolve(cached);
    let pending = this.loading.get(id);
    if (pending === undefined) {
      pending = this.rebuild(id).finally(() => this.loading.delete(id));
      this.loading.set(id, pending);
    }
    return pending;
  }

  /** The node types the graphs are compiled with: the runner resolves the types commands name here. */
  get nodeTypes(): NodeRegistry {
    return this.registry;
  }

  /** The graph if it is in this process's cache. */
  cached(id: string): CompiledGraph | undefined {
    return this.cache.get(id);
  }

  private async rebuild(id: string): Promise<CompiledGraph | null> {
    const stored = await this.store.load(id);
    if (stored === null) return null;
    const result = compileWorkflow(stored.definition, { registry: this.registry, ...(this.limits === undefined ? {} : { limits: this.limits }) });
    if (!result.ok) throw new Error(`stored graph ${id} no longer compiles: ${result.diagnostics.map((d) => d.code).join(', ')}`);
    if (result.graph.id !== id) throw new Error(`stored graph ${id} compiles to ${result.graph.id} (compiler ${stored.compilerVersion} → ${COMPILER_VERSION})`);
    this.cache.set(id, result.graph);
    return result.graph;
  }
}
