/** Default size limit of a stored execution document: far below MongoDB's 16 MiB. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

/** Default size above which a node output is stored outside the execution document. */
export const DEFAULT_INLINE_OUTPUT_BYTES = 64 * 1024;

/** The size settings every execution store takes. */
export interface ExecutionStoreLimits {
  /** A document larger than this raises DocumentTooLarge (default DEFAULT_MAX_DOCUMENT_BYTES). */
  readonly maxDocumentBytes?: number;
  /** Outputs larger than this go outside the document (default DEFAULT_INLINE_OUTPUT_BYTES). */
  readonly inlineOutputBytes?: number;
}
