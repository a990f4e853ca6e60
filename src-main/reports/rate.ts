/**
 * The one rate formula of every report: a percentage to one decimal place, rounded half
 * up, from two counts of the same column. A zero denominator gives no rate (`null`),
 * never 0% and never an error.
 */
export function rate(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  // Integer arithmetic first (numerator × 1000 / denominator) so 12.45 does not become 12.4.
  return Math.round((numerator * 1000) / denominator + 1e-9) / 10;
}
