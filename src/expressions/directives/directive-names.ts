/** A map directive key. */
export type DirectiveName = '#map' | '#flat_map' | '#merge' | '#if' | '#case' | '#cond' | '#filter' | '#pick' | '#pipe';

/** Directive keys in precedence order: when several are present, the first one applies. */
export const DIRECTIVE_NAMES: readonly DirectiveName[] = ['#map', '#flat_map', '#merge', '#if', '#case', '#cond', '#filter', '#pick', '#pipe'];

/** The directives allowed as `#pipe` stages (every directive except `#cond`). */
export type StageName = Exclude<DirectiveName, '#cond'>;

/** `#pipe` stage keys. */
export const STAGE_NAMES: readonly StageName[] = ['#map', '#flat_map', '#filter', '#merge', '#if', '#case', '#pick', '#pipe'];

/** What each directive's value must look like, for `invalid_directive` messages. */
export const DIRECTIVE_SHAPES: Readonly<Record<DirectiveName, string>> = {
  '#map': 'an array of 2 elements: [collection, item]',
  '#flat_map': 'an array of 2 elements: [collection, item]',
  '#filter': 'an array of 2 elements: [collection, condition]',
  '#merge': 'an array of at least 1 element: [object, …]',
  '#if': 'an array of 2 or 3 elements',
  '#case': 'an array of 2 or 3 elements: [value, [[pattern, result], …], default]',
  '#cond': 'an array of 1 element: [[[condition, result], …]]',
  '#pick': 'an array of 2 elements: [object, [key, …]]',
  '#pipe': 'an array of 2 elements: [initial, [stage, …]]',
};
