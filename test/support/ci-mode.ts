/** True in CI (CI=true), where a missing test dependency must fail a suite instead of skipping it. */
export function isCi(): boolean {
  return process.env.CI === 'true' || process.env.CI === '1';
}
