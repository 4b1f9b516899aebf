import type { Json, JsonObject } from '../../domain/json.js';
import type { RootName } from '../context.js';
import type { Renderer } from './renderer.js';

/** A precompiled params object: constants, templates and directives, parsed once. Immutable, shareable. */
export interface ParamsPlan {
  /** True when nothing in the params is a template or directive; then `constant` is the (deep-frozen) params object itself. */
  readonly isConstant: boolean;
  readonly constant: JsonObject | null;
  /** Root variables any template/directive in the plan reads (for lazy context building). */
  readonly roots: ReadonlySet<RootName>;
  /** Top-level keys whose value contains at least one template or directive somewhere inside. */
  readonly templatedKeys: ReadonlySet<string>;
}

/** One top-level param of a compiled plan. */
export type PlanEntry =
  | { readonly key: string; readonly path: string; readonly constant: true; readonly value: Json }
  | { readonly key: string; readonly path: string; readonly constant: false; readonly render: Renderer };

/** The plan as built by `compileParams`: the public view plus the top-level entries. */
export class CompiledParamsPlan implements ParamsPlan {
  /** Creates a plan; `constant` is set only when every entry is constant. */
  constructor(
    readonly isConstant: boolean,
    readonly constant: JsonObject | null,
    readonly roots: ReadonlySet<RootName>,
    readonly templatedKeys: ReadonlySet<string>,
    readonly entries: readonly PlanEntry[],
  ) {
    Object.freeze(this);
  }
}
