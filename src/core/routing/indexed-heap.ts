// Indexed 4-ary min-heap with decrease-key over dense ids: the priority queue of Dijkstra and partial customization.

/**
 * A min-heap of ids `0..capacity-1` keyed by numbers. All storage is typed arrays sized once; `clear()` is O(1)
 * because membership is tracked with a generation stamp instead of being wiped (RoutingKit's timestamp flags).
 * @example const heap = new IndexedMinHeap(10); heap.pushOrDecrease(3, 7); heap.popMin(); // 3
 */
export class IndexedMinHeap {
  private readonly heapIds: Uint32Array;
  private readonly heapKeys: Float64Array;
  /** Slot of an id in the heap arrays; valid only while `stamp[id] === generation`. */
  private readonly slot: Uint32Array;
  private readonly stamp: Uint32Array;
  private generation = 1;
  private count = 0;

  constructor(capacity: number) {
    this.heapIds = new Uint32Array(capacity);
    this.heapKeys = new Float64Array(capacity);
    this.slot = new Uint32Array(capacity);
    this.stamp = new Uint32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  isEmpty(): boolean {
    return this.count === 0;
  }

  /** Empties the heap in O(1). */
  clear(): void {
    this.count = 0;
    this.generation++;
    if (this.generation === 0xffff_ffff) {
      this.stamp.fill(0);
      this.generation = 1;
    }
  }

  contains(id: number): boolean {
    return this.stamp[id] === this.generation;
  }

  /** The key of the minimum; undefined behaviour on an empty heap. */
  peekMinKey(): number {
    return this.heapKeys[0]!;
  }

  peekMinId(): number {
    return this.heapIds[0]!;
  }

  /** Inserts `id`, or lowers its key if it is present with a larger key. Returns false when nothing changed. */
  pushOrDecrease(id: number, key: number): boolean {
    if (this.stamp[id] === this.generation) {
      const at = this.slot[id]!;
      if (key >= this.heapKeys[at]!) return false;
      this.siftUp(at, id, key);
      return true;
    }
    this.stamp[id] = this.generation;
    this.siftUp(this.count++, id, key);
    return true;
  }

  /** Removes and returns the id with the smallest key. It stays "contained" no more. */
  popMin(): number {
    const minId = this.heapIds[0]!;
    this.stamp[minId] = 0;
    const last = --this.count;
    if (last > 0) this.siftDown(0, this.heapIds[last]!, this.heapKeys[last]!);
    return minId;
  }

  private siftUp(at: number, id: number, key: number): void {
    const ids = this.heapIds;
    const keys = this.heapKeys;
    while (at > 0) {
      const parent = (at - 1) >> 2;
      const parentKey = keys[parent]!;
      if (parentKey <= key) break;
      const parentId = ids[parent]!;
      ids[at] = parentId;
      keys[at] = parentKey;
      this.slot[parentId] = at;
      at = parent;
    }
    ids[at] = id;
    keys[at] = key;
    this.slot[id] = at;
  }

  private siftDown(at: number, id: number, key: number): void {
    const ids = this.heapIds;
    const keys = this.heapKeys;
    const n = this.count;
    for (;;) {
      const first = 4 * at + 1;
      if (first >= n) break;
      let best = first;
      let bestKey = keys[first]!;
      const end = Math.min(first + 4, n);
      for (let c = first + 1; c < end; c++) {
        const k = keys[c]!;
        if (k < bestKey) {
          best = c;
          bestKey = k;
        }
      }
      if (bestKey >= key) break;
      const bestId = ids[best]!;
      ids[at] = bestId;
      keys[at] = bestKey;
      this.slot[bestId] = at;
      at = best;
    }
    ids[at] = id;
    keys[at] = key;
    this.slot[id] = at;
  }
}
