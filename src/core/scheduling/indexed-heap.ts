// An indexed 4-ary min-heap over dense ids with decrease-key: allocates once, nothing per push.

const ABSENT = -1;

/** Min-heap of ids `0..capacity-1` keyed by numbers; an id is in the heap at most once. */
export class IndexedHeap {
  private readonly ids: Int32Array;
  private readonly keys: Float64Array;
  private readonly position: Int32Array;
  private length = 0;

  constructor(capacity: number) {
    this.ids = new Int32Array(capacity);
    this.keys = new Float64Array(capacity);
    this.position = new Int32Array(capacity).fill(ABSENT);
  }

  get size(): number {
    return this.length;
  }

  clear(): void {
    for (let i = 0; i < this.length; i++) this.position[this.ids[i]!] = ABSENT;
    this.length = 0;
  }

  contains(id: number): boolean {
    return this.position[id] !== ABSENT;
  }

  minKey(): number {
    return this.keys[0]!;
  }

  /** Inserts `id` or lowers its key; a higher key for a present id is ignored. */
  pushOrDecrease(id: number, key: number): void {
    let i = this.position[id]!;
    if (i === ABSENT) {
      i = this.length++;
    } else if (key >= this.keys[i]!) {
      return;
    }
    this.siftUp(i, id, key);
  }

  /** Removes and returns the id with the smallest key (the heap must not be empty). */
  pop(): number {
    const top = this.ids[0]!;
    this.position[top] = ABSENT;
    const last = --this.length;
    if (last > 0) this.siftDown(this.ids[last]!, this.keys[last]!);
    return top;
  }

  private siftUp(i: number, id: number, key: number): void {
    const ids = this.ids;
    const keys = this.keys;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      if (keys[parent]! <= key) break;
      ids[i] = ids[parent]!;
      keys[i] = keys[parent]!;
      this.position[ids[i]!] = i;
      i = parent;
    }
    ids[i] = id;
    keys[i] = key;
    this.position[id] = i;
  }

  private siftDown(id: number, key: number): void {
    const ids = this.ids;
    const keys = this.keys;
    const n = this.length;
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      let best = first;
      let bestKey = keys[first]!;
      const end = Math.min(first + 4, n);
      for (let c = first + 1; c < end; c++) {
        if (keys[c]! < bestKey) {
          best = c;
          bestKey = keys[c]!;
        }
      }
      if (bestKey >= key) break;
      ids[i] = ids[best]!;
      keys[i] = bestKey;
      this.position[ids[i]!] = i;
      i = best;
    }
    ids[i] = id;
    keys[i] = key;
    this.position[id] = i;
  }
}
