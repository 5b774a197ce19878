// The Admiralty (NATO) rating of a report as a confidence 0..1: how far the source is reliable times how credible the information.

/** Source reliability: A completely reliable … E unreliable, F cannot be judged. */
export const RELIABILITY_WEIGHT: Readonly<Record<string, number>> = { a: 0.95, b: 0.8, c: 0.6, d: 0.4, e: 0.2, f: 0.3 };
/** Information credibility: 1 confirmed … 5 improbable, 6 cannot be judged. */
export const CREDIBILITY_WEIGHT: Readonly<Record<number, number>> = { 1: 1, 2: 0.8, 3: 0.6, 4: 0.4, 5: 0.2, 6: 0.3 };

/**
 * Confidence of a rated report. "Cannot be judged" (F, 6) is weighted like a poor rating, not a neutral one:
 * an unknown source must not be able to open a road. @example reportConfidence('b', 2) // 0.64
 */
export function reportConfidence(reliability: string, credibility: number): number {
  return (RELIABILITY_WEIGHT[reliability.toLowerCase()] ?? 0.3) * (CREDIBILITY_WEIGHT[credibility] ?? 0.3);
}

/** Two independent reports of the same thing: 1 − (1 − a)(1 − b). */
export function corroborate(a: number, b: number): number {
  return 1 - (1 - a) * (1 - b);
}
