/**
 * The id table: what it stores, that its hash is seeded per table, and that ids crafted to collide under a fixed
 * public hash (the FNV-1a table this module replaced) cost no more than ordinary ids.
 */
import { Interner, randomSeed, seededHash, StringTable } from "../../../src/core/input/intern";
import { readLedger } from "../../../src/core/ledger";

describe("StringTable", () => {
  it("stores and finds short and long keys, through rehashing, and never merges two keys", () => {
    const t = new StringTable(12345);
    const keys: string[] = [];
    for (let i = 0; i < 5000; i++) keys.push(i % 3 === 0 ? `long-customer-name-${i}` : `C${i}`);
    keys.forEach((k, i) => t.set(k, i));
    expect(t.size).toBe(5000);
    keys.forEach((k, i) => expect(t.get(k)).toBe(i));
    expect(t.get("C5000")).toBe(-1);
    expect(t.get("long-customer-name-5001")).toBe(-1);
    // same length and hash slot neighbourhood, different characters
    expect(t.get("C1x")).toBe(-1);
    expect(t.get("")).toBe(-1);
    t.set("", 9);
    expect(t.get("")).toBe(9);
    // non-ASCII keys, odd and even lengths
    t.set("顧客Ａ", 7);
    t.set("顧客", 8);
    expect(t.get("顧客Ａ")).toBe(7);
    expect(t.get("顧客")).toBe(8);
    expect(t.get("顧")).toBe(-1);
  });

  it("hashes with its seed: the same key lands on different hashes under different seeds", () => {
    const keys = Array.from({ length: 200 }, (_, i) => `K${i}`);
    const a = keys.map((k) => seededHash(k, 1));
    const b = keys.map((k) => seededHash(k, 2));
    expect(a.filter((h, i) => h === b[i]).length).toBeLessThan(3);
    expect(seededHash("A001", 7)).toBe(seededHash("A001", 7));
  });
});

describe("randomSeed", () => {
  it("draws from crypto.getRandomValues, and from Math.random where a runtime has no crypto", () => {
    const seeds = new Set(Array.from({ length: 50 }, () => randomSeed()));
    expect(seeds.size).toBeGreaterThan(45);
    const saved = Object.getOwnPropertyDescriptor(globalThis, "crypto");
    Object.defineProperty(globalThis, "crypto", { value: undefined, configurable: true });
    const spy = jest.spyOn(Math, "random").mockReturnValue(0.5);
    try {
      expect(randomSeed()).toBe(0x80000000 | 0);
    } finally {
      spy.mockRestore();
      if (saved) Object.defineProperty(globalThis, "crypto", saved);
    }
  });
});

describe("Interner", () => {
  it("gives dense indexes in order of first appearance and remembers spellings as aliases", () => {
    const ids = new Interner();
    expect(ids.find("Ａ００１")).toBe(-1);
    expect(ids.alias("Ａ００１", "A001")).toBe(-1);
    expect(ids.add("Ａ００１", "A001")).toBe(0);
    expect(ids.find("Ａ００１")).toBe(0);
    expect(ids.find("A001")).toBe(0);
    expect(ids.alias("A001 ", "A001")).toBe(0);
    expect(ids.find("A001 ")).toBe(0);
    expect(ids.add(1001, "1001")).toBe(1);
    expect(ids.find(1001)).toBe(1);
    expect(ids.find("1001")).toBe(1);
    expect(ids.find(true)).toBe(-1);
    expect(ids.alias(1001.0, "1001")).toBe(1);
    expect(ids.ids).toEqual(["A001", "1001"]);
  });

  it("adds an id spelt as itself with one entry, and hashes a key looked up then stored once", () => {
    const ids = new Interner(7);
    expect(ids.find("B7")).toBe(-1);
    // after find missed, a cell that is its own canonical id is not looked up again
    expect(ids.alias("B7", "B7")).toBe(-1);
    expect(ids.add("B7", "B7")).toBe(0);
    expect(ids.find("B7")).toBe(0);
    expect(ids.find("B" + String(7))).toBe(0); // another string object with the same characters
    const table = new StringTable(3);
    const key = "K12345";
    expect(table.get(key)).toBe(-1);
    table.set(key, 4); // the hash remembered from get
    expect(table.get("K1234" + "5")).toBe(4);
    expect(table.get("K12346")).toBe(-1);
    table.set("K12346", 5);
    expect([table.get(key), table.get("K12346"), table.size]).toEqual([4, 5, 2]);
  });
});

// ---- hash flooding ----------------------------------------------------------------------------------------------

/** The id table's former hash: FNV-1a, its high bits folded down, no seed. Kept here to craft colliding ids. */
function oldHash(key: string): number {
  let h = 0x811c9dc5 | 0;
  for (let j = 0; j < key.length; j++) h = Math.imul(h ^ key.charCodeAt(j), 16777619);
  return h ^ (h >>> 15);
}

const N = 40_000;
/** The former table's size once it holds N keys (it doubled from 1,024 to keep the load at most ½). */
const OLD_SLOTS = 1 << Math.ceil(Math.log2(2 * N));
/** The crafted ids all land in the first RANGE slots of that table, so linear probing walks one long cluster. */
const RANGE = 256;

const DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";

/**
 * Eight-character ids in counting order ("X" + 5 base-36 digits of the outer counter + 2 more digits): ordinary
 * ids when taken as they come, the pool the brute force searches otherwise. `visit` gets each id's former hash
 * (computed once per prefix, then two steps per id) and decides; the string is built only when it is kept.
 */
function eachCandidate(visit: (hash: number, make: () => string) => boolean): void {
  for (let outer = 0; ; outer++) {
    const prefix = "X" + outer.toString(36).padStart(5, "0");
    let hp = 0x811c9dc5 | 0;
    for (let j = 0; j < prefix.length; j++) hp = Math.imul(hp ^ prefix.charCodeAt(j), 16777619);
    for (let a = 0; a < 36; a++) {
      const ha = Math.imul(hp ^ DIGITS.charCodeAt(a), 16777619);
      for (let b = 0; b < 36; b++) {
        const h = Math.imul(ha ^ DIGITS.charCodeAt(b), 16777619);
        if (visit(h ^ (h >>> 15), () => prefix + DIGITS[a] + DIGITS[b])) return;
      }
    }
  }
}

/** Brute force, deterministic: the first N candidates whose former slot falls in [0, RANGE). */
function collidingIds(): string[] {
  const out: string[] = [];
  const mask = OLD_SLOTS - 1;
  eachCandidate((h, make) => {
    if ((h & mask) < RANGE) out.push(make());
    return out.length >= N;
  });
  return out;
}

function ordinaryIds(): string[] {
  const out: string[] = [];
  eachCandidate((_, make) => out.push(make()) >= N);
  return out;
}

/** Linear-probing insertions into the former table: total probes (the work a lookup-or-insert does). */
function oldProbes(keys: readonly string[]): number {
  const used = new Uint8Array(OLD_SLOTS);
  const mask = OLD_SLOTS - 1;
  let probes = 0;
  for (const k of keys) {
    let p = oldHash(k) & mask;
    while (used[p]) {
      p = (p + 1) & mask;
      probes++;
    }
    used[p] = 1;
    probes++;
  }
  return probes;
}

/** A customer column as Excel passes it (n×1, a new string per cell): each id twice. */
function column(ids: readonly string[]): string[][] {
  const col: string[][] = [];
  for (const id of ids) col.push([(" " + id).slice(1)]);
  for (const id of ids) col.push([(" " + id).slice(1)]);
  return col;
}

function medianMs(ids: readonly string[], runs: number): number {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const col = column(ids);
    const t0 = process.hrtime.bigint();
    const ledger = readLedger({ customers: col });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    expect(ledger.customers.length).toBe(ids.length);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

describe("hash flooding", () => {
  const crafted = collidingIds();
  const ordinary = ordinaryIds();

  it("the crafted ids really flood the former table (the test has teeth)", () => {
    for (const id of crafted.slice(0, 100))
      expect(oldHash(id) & (OLD_SLOTS - 1)).toBeLessThan(RANGE);
    expect(new Set(crafted).size).toBe(N);
    const sample = 4000;
    const floodProbes = oldProbes(crafted.slice(0, sample)) / sample;
    const plainProbes = oldProbes(ordinary.slice(0, sample)) / sample;
    expect(plainProbes).toBeLessThan(2);
    expect(floodProbes).toBeGreaterThan(1000);
  });

  it("ids colliding under the former hash take at most 3× the time of ordinary ids", () => {
    medianMs(ordinary.slice(0, 2000), 3); // warm-up
    medianMs(crafted.slice(0, 2000), 3);
    // interleaved rounds, so a change in the machine's load touches both alike
    const plain: number[] = [];
    const flood: number[] = [];
    for (let r = 0; r < 5; r++) {
      plain.push(medianMs(ordinary, 1));
      flood.push(medianMs(crafted, 1));
    }
    const med = (xs: number[]) => xs.sort((a, b) => a - b)[2];
    expect(med(flood)).toBeLessThanOrEqual(3 * med(plain));
  });
});
