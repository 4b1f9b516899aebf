/**
 * Whether the stores can be reached right now, as their driver sees it. While they cannot, calls
 * fail at once with StoreUnavailable instead of waiting for a server, and health reports NOT_SERVING.
 */
export interface StoreAvailability {
  /** True while the stores answer. */
  readonly available: boolean;
  /** Calls `listener` on every change; returns a function that stops the calls. */
  onChange(listener: (available: boolean) => void): () => void;
}

/** The availability of stores that are always there (in process memory). */
export const ALWAYS_AVAILABLE: StoreAvailability = {
  available: true,
  onChange: () => () => undefined,
};
