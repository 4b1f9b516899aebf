import { createHash } from 'node:crypto';
import type { Execution } from '../../domain/execution.js';
import type { Json } from '../../domain/json.js';
import { decodeExecution, documentOfExecution, type ExecutionDocument, type GraphFacts, type OutputPlacement } from './execution-codec.js';

/** An output kept outside the execution document: written before the document that references it. */
export interface OutsideOutput {
  readonly executionId: string;
  /** Content hash of `text`; the document's `ox` reference. */
  readonly ref: string;
  /** The output as JSON text. */
  readonly text: string;
  /** The output itself (remembered as stored once written). */
  readonly value: Json;
}

/** One write of an execution, ready for a store. */
export interface SerializedExecution {
  readonly doc: ExecutionDocument;
  /** JSON of the document without the top-level fields the store keeps as fields of its own. */
  readonly text: string;
  /** Outputs this document places outside and that this process has not seen stored yet. */
  readonly outputs: readonly OutsideOutput[];
}

/** What a store tells the serializer. */
export interface SerializerOptions {
  /** Outputs whose JSON is larger than this many UTF-8 bytes go outside the document. */
  readonly inlineOutputBytes: number;
  /** Top-level document fields left out of `text` (the store keeps them as fields of its own). */
  readonly omit?: readonly (keyof ExecutionDocument)[];
}

/**
 * Turns executions into what a store writes and back, identically for every store: the compact
 * document of the codec, with outputs above the inline threshold placed outside under a content hash
 * (so two racing writers can never overwrite each other's output). Remembers, per output object,
 * which outside outputs are known to be stored, so an unchanged large output is written once.
 */
export class ExecutionSerializer {
  private readonly known = new WeakMap<object, string>();
  private readonly omit: readonly string[];

  constructor(private readonly options: SerializerOptions) {
    this.omit = options.omit ?? [];
  }

  /** Encodes an execution; large outputs are only referenced and listed in `outputs`. */
  serialize(execution: Execution, facts: GraphFacts): SerializedExecution {
    const doc = documentOfExecution(execution, facts);
    const text = this.textOf(doc);
    // Every output's JSON is a part of the document's JSON: a small document has no large output.
    if (!exceeds(text, this.options.inlineOutputBytes)) return { doc, text, outputs: [] };
    const outputs: OutsideOutput[] = [];
    const placed = documentOfExecution(execution, facts, this.placement(execution.id, outputs));
    return { doc: placed, text: this.textOf(placed), outputs };
  }

  /** Records that these outside outputs are stored (call after their write succeeded). */
  markStored(outputs: readonly OutsideOutput[]): void {
    for (const output of outputs) this.remember(output.value, output.executionId, output.ref);
  }

  /**
   * Decodes a document (the top-level fields the store keeps apart already merged back) with the
   * outside outputs it references, parsed from their JSON text.
   */
  deserialize(doc: ExecutionDocument, facts: GraphFacts, outside: ReadonlyMap<string, string>): Execution {
    return decodeExecution(doc, facts, (ref) => {
      const text = outside.get(ref);
      if (text === undefined) throw new Error(`execution ${doc._id}: outside output ${ref} is missing`);
      const value = JSON.parse(text) as Json;
      this.remember(value, doc._id, ref);
      return value;
    });
  }

  private placement(executionId: string, outputs: OutsideOutput[]): OutputPlacement {
    const limit = this.options.inlineOutputBytes;
    return {
      place: (output) => {
        const isObject = typeof output === 'object' && output !== null;
        if (isObject) {
          const known = this.known.get(output);
          if (known !== undefined && known.startsWith(`${executionId}\u0000`)) return known.slice(executionId.length + 1);
        }
        const text = JSON.stringify(output);
        if (!exceeds(text, limit)) return undefined;
        const ref = contentRef(text);
        if (!outputs.some((o) => o.ref === ref)) outputs.push({ executionId, ref, text, value: output });
        return ref;
      },
    };
  }

  private remember(value: Json, executionId: string, ref: string): void {
    if (typeof value === 'object' && value !== null) this.known.set(value, `${executionId}\u0000${ref}`);
  }

  private textOf(doc: ExecutionDocument): string {
    if (this.omit.length === 0) return JSON.stringify(doc);
    const rest: Partial<ExecutionDocument> = { ...doc };
    for (const key of this.omit) delete rest[key as keyof ExecutionDocument];
    return JSON.stringify(rest);
  }
}

/** The content reference of an output's JSON: 128 bits of its SHA-256, base64url. */
export function contentRef(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 22);
}

/** True when the UTF-8 size of `text` is above `limit` bytes (measures only when it can be). */
export function exceeds(text: string, limit: number): boolean {
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  return Buffer.byteLength(text) > limit;
}
