// Jaro-Winkler similarity on short keys, with reused scratch buffers so the pair loop allocates nothing.

/** Longest key the scratch buffers hold; longer keys are compared on their first MAX_KEY_LENGTH characters. */
const MAX_KEY_LENGTH = 64;
const matchedA = new Uint8Array(MAX_KEY_LENGTH);
const matchedB = new Uint8Array(MAX_KEY_LENGTH);

/**
 * Jaro-Winkler similarity in [0, 1] (Winkler 1990: prefix scale 0.1, prefix up to 4 characters).
 * @example jaroWinkler('mhmd', 'mhmt') // 0.883…
 */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  const la = Math.min(a.length, MAX_KEY_LENGTH);
  const lb = Math.min(b.length, MAX_KEY_LENGTH);
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  matchedA.fill(0, 0, la);
  matchedB.fill(0, 0, lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(lb - 1, i + window);
    const ch = a.charCodeAt(i);
    for (let j = from; j <= to; j++) {
      if (matchedB[j] === 0 && b.charCodeAt(j) === ch) {
        matchedA[i] = 1;
        matchedB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (matchedA[i] === 0) continue;
    while (matchedB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const jaro = (matches / la + matches / lb + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  const maxPrefix = Math.min(4, la, lb);
  while (prefix < maxPrefix && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}
