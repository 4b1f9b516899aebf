import type { Json, JsonObject } from '../../domain/json.js';
import type { Outcome } from '../../domain/outcome.js';
import type { Resumption } from '../../domain/resumption.js';
import type { Suspension } from '../../domain/suspension.js';
import type { FieldErrors, ParamSchema } from './schema.js';
import type { NodeServices } from './node-services.js';

/**
 * The expression context of one attempt as plain JSON: what templates read
 * as `$input`, `$nodes`, … and what code nodes receive as `ctx`.
 */
export interface ContextSnapshot {
  readonly input: JsonObject;
  readonly nodes: JsonObject;
  readonly env: JsonObject;
  readonly vars: JsonObject;
  readonly workflow: JsonObject;
  readonly execution: JsonObject;
  readonly now: string;
}

/** Everything a node implementation may know about the run it executes. */
export interface NodeRunContext {
  readonly executionId: string;
  readonly workflowId: string;
  readonly graphId: string;
  readonly nodeKey: string;
  readonly nodeType: string;
  readonly runIndex: number;
  readonly executionIndex: number;
  readonly attempt: number;
  readonly loopback: boolean;
  /** `<execution_id>:<node_key>:<run_index>`: the idempotency key side-effecting nodes pass on. */
  readonly runKey: string;
  /** `$input`: the node's input keyed by input port. */
  readonly input: JsonObject;
  /** This node's context (`$nodes.<key>.context`), `{}` until set. */
  readonly nodeContext: JsonObject;
  /** Output ports of this node that have at least one connection in the graph. */
  readonly connectedPorts: ReadonlySet<string>;
  /** The attempt's time, epoch milliseconds (UTC), injected by the runner. */
  readonly now: number;
  /** Nesting depth of this execution: 0 for a top-level execution. */
  readonly depth: number;
  /** The run's current suspension when a resume handler is called, else null. */
  readonly suspension: Suspension | null;
  /** The full expression context as JSON; built on first call. */
  snapshot(): ContextSnapshot;
  /** Services the node may use (logging, HTTP policy, sub-workflow lookups, sandbox). */
  readonly services: NodeServices;
  /** Aborted when the service shuts down or the attempt must stop. */
  readonly signal?: AbortSignal | undefined;
}

/** Data a preparation hook gets. */
export interface PrepareContext {
  readonly executionId: string;
  readonly nodeKey: string;
  /** The resume token a suspension of this node's run 0, attempt 0 of the given kind will carry. */
  resumeTokenFor(kind: Suspension['kind']): string;
}

/** A compile-time finding of a node type's own checks (codes of the execution semantics). */
export interface NodeCheck {
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly paramPath?: string;
  readonly message: string;
}

/** A built-in node type: ports, schema, behaviour. */
export interface NodeType {
  readonly type: string;
  /** What it does, in one or two sentences (the catalog RPC and the node catalog document show it). */
  readonly description: string;
  /** Trigger types start executions and have no input ports. */
  readonly trigger: boolean;
  readonly inputPorts: readonly string[];
  /** Declared output ports. For dynamic types, the ones always present (possibly none). */
  readonly outputPorts: readonly string[];
  /** True when params decide further output ports (logic.switch, task.external). */
  readonly dynamicPorts: boolean;
  /** The default output port, or null. */
  readonly defaultPort: string | null;
  readonly schema: ParamSchema;
  /** Params that are never templates. */
  readonly rawParams: ReadonlySet<string>;
  /** Params rendered and validated on first runs only. */
  readonly firstRunOnlyParams: ReadonlySet<string>;
  /** True when the node reaches the outside world; the runner checkpoints around such runs. */
  readonly sideEffects: boolean;
  /**
   * True when `execute` is synchronous, deterministic and free of effects, so the engine may run it
   * inside its transition instead of asking the runner (no IO, no clock, no logging).
   */
  readonly inline?: boolean;
  /**
   * For dynamic types: the complete output port set when the literal params decide it, else null
   *. `templated` lists top-level params that hold templates.
   */
  literalOutputPorts?(params: JsonObject, templated: ReadonlySet<string>): readonly string[] | null;
  /**
   * Extra compile-time checks beyond the schema, run on the unrendered params. Field errors become
   * `invalid_params`; other findings keep their code (e.g. `code_syntax_error`).
   */
  compileChecks?(params: JsonObject, templated: ReadonlySet<string>): { readonly fieldErrors: FieldErrors; readonly findings: readonly NodeCheck[] };
  /** Preparation hook: runs once per execution with unrendered params. Throws to fail. */
  prepare?(params: JsonObject, context: PrepareContext): Json | null;
  /** Executes one attempt with validated params. */
  execute(params: JsonObject, context: NodeRunContext): Outcome | Promise<Outcome>;
  /** Continues a suspended run with its stored params. */
  resume?(params: JsonObject, context: NodeRunContext, resumption: Resumption): Outcome | Promise<Outcome>;
}
