/** A compiled WebAssembly module, opaque here. */
export interface WasmModule {
  readonly [brand]?: never;
}
declare const brand: unique symbol;

/** A WebAssembly linear memory. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

/** The parts of the WebAssembly JS API the sandbox uses. */
interface WasmApi {
  compile(bytes: Uint8Array): Promise<WasmModule>;
  readonly Memory: new (descriptor: { initial: number; maximum: number }) => WasmMemory;
  readonly RuntimeError: new (message?: string) => Error;
}

/** The global WebAssembly object, typed here because the project's TypeScript libs do not declare it. */
export const wasm: WasmApi = (globalThis as unknown as { readonly WebAssembly: WasmApi }).WebAssembly;
