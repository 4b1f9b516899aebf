import type { Diagnostic } from '../domain/diagnostic.js';

/**
 * A diagnostic with what orders it: its check number and the position of the
 * node or connection it is about (-1 for the workflow itself).
 */
export interface Finding {
  readonly check: number;
  readonly position: number;
  readonly diagnostic: Diagnostic;
}

/** The check number of every diagnostic code of the execution semantics. */
export const CHECK_NUMBER_BY_CODE: Readonly<Record<string, number>> = Object.freeze({
  invalid_workflow: 1,
  workflow_too_large: 2,
  invalid_workflow_settings: 3,
  invalid_node_key: 4,
  duplicate_node_key: 5,
  unknown_node_type: 6,
  invalid_node_settings: 7,
  on_error_continue_unsupported: 8,
  template_syntax_error: 9,
  template_too_large: 9,
  unknown_filter: 9,
  invalid_filter_arguments: 9,
  invalid_directive: 9,
  directive_extra_keys: 10,
  invalid_params: 11,
  unknown_param: 12,
  code_syntax_error: 13,
  unknown_connection_node: 14,
  unknown_output_port: 15,
  unknown_input_port: 16,
  duplicate_connection: 17,
  error_port_unused: 18,
  no_trigger: 19,
  multiple_triggers: 19,
  trigger_not_found: 19,
  not_a_trigger: 19,
  unreachable_node: 20,
  for_each_without_loop: 21,
  parallel_join_on_single_port: 22,
  exclusive_branches_into_multi_port: 23,
  sub_workflow_not_found: 24,
});

/**
 * The check number a code belongs to. Codes a node type's own compile checks invent are ranked
 * with check 13, the other type-specific check.
 */
export function checkNumberOf(code: string): number {
  return Object.prototype.hasOwnProperty.call(CHECK_NUMBER_BY_CODE, code) ? (CHECK_NUMBER_BY_CODE[code] as number) : 13;
}

/** Builds a finding, ranking the diagnostic by its code's check number. */
export function finding(position: number, diagnostic: Diagnostic): Finding {
  return { check: checkNumberOf(diagnostic.code), position, diagnostic };
}
