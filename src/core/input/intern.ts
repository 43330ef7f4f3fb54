/**
 * Ids → dense indexes: the id table behind every ledger function (customers and order numbers).
 *
 * Two parts: {@link Interner} (raw cells → the index of their canonical id, remembering each raw spelling as an
 * alias) and {@link StringTable} (a string → integer hash table built for million-row columns).
 *
 * Hash flooding: a table whose hash function is fixed and public can be fed keys chosen to share slots (ids in a
 * shared workbook or an exported file), turning each lookup into a walk over every earlier key: quadratic time.
 * Each table here draws a fresh 32-bit seed from a random source when it is created (`crypto.getRandomValues`,
 * present in Excel's JavaScript runtimes and in Node; `Math.random` where a bare runtime has no `crypto`), mixes
 * it into the hash of every key and scrambles the result with a bijective finaliser before the table's low bits
 * pick the slot. Keys that collide for one table say nothing about the next one, so no fixed set of ids floods
 * it, while lookups stay one multiply per character and one key record read per lookup.
 */

/** int32s per key record of {@link StringTable}, and the longest key kept inside its record. */
const SLOT = 8;
const INLINE = 2 * (SLOT - 3);

/** A fresh random 32-bit seed per table. O(1). */
export function randomSeed(): number {
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint32Array) => Uint32Array } })
    .crypto;
  if (c && typeof c.getRandomValues === "function") {
    const a = new Uint32Array(1);
    c.getRandomValues(a);
    return a[0] | 0;
  }
  return (Math.random() * 0x100000000) | 0;
}

/**
 * The seeded hash of `key`: FNV-1a from the seed, then MurmurHash3's 32-bit finaliser (a bijection that spreads
 * every input bit over the low bits the table uses). O(length).
 */
export function seededHash(key: string, seed: number): number {
  const L = key.length;
  let h = (0x811c9dc5 ^ seed) | 0;
  for (let j = 0; j < L; j++) h = Math.imul(h ^ key.charCodeAt(j), 16777619);
  h ^= L;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * A string → non-negative integer hash table that holds the keys themselves: a compact index (open addressing,
 * linear probing, load ≤ ½, seeded hash) in front of dense key records in order of insertion.
 *
 * Why not a Map: Excel hands a custom function a new string object for every cell, so each lookup hashes a
 * string never seen before, and a Map then visits its bucket, its entry and its stored key — another string
 * somewhere in the heap — each a likely cache miss on a million-row column. Here an index slot is one int32,
 * `(hash with the slot bits cleared) | (record + 1)` (0 = empty): 4 bytes a slot, 1 MB at 100,000 keys, so the
 * probe mostly stays in cache, and the hash bits it carries turn away other keys without reading their records.
 * A record is 8 int32s, `[hash, value, length, chars…]`, with keys of up to 10 UTF-16 units packed two to an int32
 * in the record itself (ids are short); longer keys keep their characters in a side array. So a lookup reads one
 * record, and growing the table rebuilds only the index. Keys are compared in full, so two ids never merge.
 *
 * Cost: get and set O(length of key) expected whatever the keys, since the seed is secret and per table; memory
 * 32 bytes a record (at most 2 records' room a key) and 4 bytes an index slot (at most 4 slots a key).
 */
export class StringTable {
  private mask = 2047;
  private index: Int32Array = new Int32Array(2048);
  private records: Int32Array = new Int32Array(1024 * SLOT);
  private chars: Uint16Array = new Uint16Array(4096);
  private used = 0;
  private count = 0;
  // the last key looked up and its hash: a key looked up and then stored (a new id) is hashed once
  private lastKey: string | undefined = undefined;
  private lastHash = 0;

  /** @param seed the hash seed; a random one by default (tests pass a fixed one to compare hashes) */
  constructor(private readonly seed: number = randomSeed()) {}

  /** Number of keys stored. */
  get size(): number {
    return this.count;
  }

  /**
   * The hash of `key` in this table, for {@link get}'s second argument: `seededHash(key, seed)`. Example: a table
   * made with seed 7 → `hash("A001") === seededHash("A001", 7)`. O(length of key).
   */
  hash(key: string): number {
    return seededHash(key, this.seed);
  }

  /**
   * The value stored for `key`, or −1. `h` is the key's {@link hash}, when the caller has it already. The key and
   * its hash are remembered for a {@link set} that follows (a new id is looked up, then stored). O(length of key)
   * expected.
   */
  get(key: string, h: number = seededHash(key, this.seed)): number {
    // no `key === lastKey` test here: two different strings of one length compare character by character, a
    // call per lookup for nothing in a column of distinct cells
    this.lastKey = key;
    this.lastHash = h;
    const L = key.length;
    const { index, records, mask } = this;
    const tag = h & ~mask;
    for (let p = h & mask; ; p = (p + 1) & mask) {
      const e = index[p];
      if (e === 0) return -1;
      if ((e & ~mask) !== tag) continue;
      const b = ((e & mask) - 1) * SLOT;
      if (records[b] === h && records[b + 2] === L) {
        if (L <= INLINE) {
          let j = 0;
          for (; j < L; j += 2) {
            const w = records[b + 3 + (j >> 1)];
            if ((w & 0xffff) !== key.charCodeAt(j)) break;
            if (j + 1 < L && w >>> 16 !== key.charCodeAt(j + 1)) break;
          }
          if (j >= L) return records[b + 1];
        } else {
          const chars = this.chars;
          const o = records[b + 3];
          let j = 0;
          while (j < L && chars[o + j] === key.charCodeAt(j)) j++;
          if (j === L) return records[b + 1];
        }
      }
    }
  }

  /** Stores a value (≥ 0) for a key that is not in the table yet. O(length of key) expected. */
  set(key: string, v: number): void {
    // the index keeps load ≤ ½, so a record number + 1 (≤ count) always fits in the slot bits
    if ((this.count + 1) * 2 > this.mask + 1) this.rehash((this.mask + 1) * 2);
    const k = this.count++;
    if ((k + 1) * SLOT > this.records.length) {
      const records = new Int32Array(this.records.length * 2);
      records.set(this.records);
      this.records = records;
    }
    const L = key.length;
    // set follows a get of the same key: its hash is known
    const h = key === this.lastKey ? this.lastHash : seededHash(key, this.seed);
    const { index, records, mask } = this;
    let p = h & mask;
    while (index[p] !== 0) p = (p + 1) & mask;
    index[p] = (h & ~mask) | (k + 1);
    const b = k * SLOT;
    records[b] = h;
    records[b + 1] = v;
    records[b + 2] = L;
    if (L <= INLINE) {
      for (let j = 0; j < L; j += 2)
        records[b + 3 + (j >> 1)] =
          key.charCodeAt(j) | ((j + 1 < L ? key.charCodeAt(j + 1) : 0) << 16);
    } else {
      if (this.used + L > this.chars.length) {
        const chars = new Uint16Array(Math.max(this.chars.length * 2, this.used + L));
        chars.set(this.chars);
        this.chars = chars;
      }
      for (let j = 0; j < L; j++) this.chars[this.used + j] = key.charCodeAt(j);
      records[b + 3] = this.used;
      this.used += L;
    }
  }

  /** A larger index over the same records (which do not move): one pass over the records' hashes. */
  private rehash(size: number): void {
    const index = new Int32Array(size);
    const mask = size - 1;
    const records = this.records;
    for (let k = 0; k < this.count; k++) {
      const h = records[k * SLOT];
      let p = h & mask;
      while (index[p] !== 0) p = (p + 1) & mask;
      index[p] = (h & ~mask) | (k + 1);
    }
    this.index = index;
    this.mask = mask;
  }
}

/**
 * Ids → dense indexes, in order of first appearance. Raw cells are looked up as they come (strings in a
 * {@link StringTable}, numbers in a Map), so the id reader's normalisation runs once per distinct spelling, not
 * once per row; each raw spelling is remembered as an alias of its canonical id.
 *
 * Example: `add("Ａ００１", "A001")` → 0, then `find("Ａ００１")` → 0, `alias("A001 ", "A001")` → 0 and
 * `find("A001 ")` → 0. O(length of the id) per call, expected.
 */
export class Interner {
  readonly ids: string[] = [];
  private readonly text: StringTable;
  private readonly numbers = new Map<number, number>();

  /** @param seed the string table's hash seed (random by default) */
  constructor(seed?: number) {
    this.text = new StringTable(seed);
  }

  /** The index of a raw cell already seen (as this spelling), or −1. */
  find(cell: unknown): number {
    if (typeof cell === "string") return this.text.get(cell);
    if (typeof cell === "number") {
      const k = this.numbers.get(cell);
      return k === undefined ? -1 : k;
    }
    return -1;
  }

  /** The hash of a text cell in the id table, for {@link findText}. O(length). */
  hash(text: string): number {
    return this.text.hash(text);
  }

  /**
   * {@link find} for a text cell whose {@link hash} is `h` (the caller has hashed it already). Example: after
   * `add("A001", "A001")`, `findText("A001", hash("A001"))` → 0. O(length) expected.
   */
  findText(text: string, h: number): number {
    return this.text.get(text, h);
  }

  /**
   * The index of canonical id `id` if known, remembering `cell` as one more spelling of it; else −1. Called after
   * `find(cell)` missed: a cell spelt as its canonical id then cannot be known, and is not looked up again.
   */
  alias(cell: unknown, id: string): number {
    if (cell === id) return -1;
    const k = this.text.get(id);
    if (k < 0) return -1;
    this.remember(cell, k);
    return k;
  }

  /** Adds a new canonical id (and its raw spelling); returns its index. */
  add(cell: unknown, id: string): number {
    const k = this.ids.length;
    this.ids.push(id);
    this.text.set(id, k);
    if (cell !== id) this.remember(cell, k);
    return k;
  }

  private remember(cell: unknown, k: number): void {
    if (typeof cell === "string") {
      if (this.text.get(cell) < 0) this.text.set(cell, k);
    } else if (typeof cell === "number") this.numbers.set(cell, k);
  }
}
