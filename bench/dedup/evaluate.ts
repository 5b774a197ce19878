// Pairwise precision, recall and F1 of a clustering against the true persons (over true duplicate pairs).

export interface PairwiseQuality {
  readonly truePairs: number;
  readonly predictedPairs: number;
  readonly correctPairs: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** `clusterOf[i]` and `personOf[i]` label record i; pairs are counted by grouping, never enumerated. */
export function pairwiseQuality(clusterOf: ArrayLike<number>, personOf: ArrayLike<number>): PairwiseQuality {
  const pairs = (groups: Map<string | number, number>): number => {
    let total = 0;
    for (const size of groups.values()) total += (size * (size - 1)) / 2;
    return total;
  };
  const byCluster = new Map<string | number, number>();
  const byPerson = new Map<string | number, number>();
  const byBoth = new Map<string | number, number>();
  for (let i = 0; i < clusterOf.length; i++) {
    byCluster.set(clusterOf[i]!, (byCluster.get(clusterOf[i]!) ?? 0) + 1);
    byPerson.set(personOf[i]!, (byPerson.get(personOf[i]!) ?? 0) + 1);
    const both = `${clusterOf[i]}:${personOf[i]}`;
    byBoth.set(both, (byBoth.get(both) ?? 0) + 1);
  }
  const predictedPairs = pairs(byCluster);
  const truePairs = pairs(byPerson);
  const correctPairs = pairs(byBoth);
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePairs, predictedPairs, correctPairs, precision, recall, f1 };
}
