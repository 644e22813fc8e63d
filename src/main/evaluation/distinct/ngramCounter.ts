/** Distinct n-gram counts of one dialogue, or pooled over a dataset; index 0 is n = 1. */
export interface NgramCounts {
  /** Tokens (= unigrams). */
  tokens: number
  /** Every n-gram occurrence, for n = 1..maxN. */
  total: number[]
  /** Different n-grams, for n = 1..maxN. */
  unique: number[]
}

const MAX_ID = 2 ** 31 - 1

/**
 * Ids of pairs of integers (an n-gram's (n-1)-gram prefix id and its last token id), numbered 0, 1, 2, ... in order
 * of first appearance, each with the last dialogue that used it: open addressing with linear probing in one typed
 * array, a slot being [prefix, last, id, dialogue] side by side (one cache line per probe). Several times faster
 * than a Map keyed by prefix · 2^k + token (such keys are heap numbers in V8, hashed slowly) plus an array of
 * last dialogues (a second cache miss per n-gram).
 */
class PairIds {
  size = 0
  /** Whether the pair found by the last visit() was new to the dialogue that visited it. */
  fresh = false
  private slots = new Int32Array(4 << 12).fill(-1)
  private mask = (1 << 12) - 1

  /** The pair's id (a new one if the pair is new), marking it used by `dialogue`. */
  visit(prefix: number, last: number, dialogue: number): number {
    const slots = this.slots
    let slot = hash(prefix, last) & this.mask
    for (;;) {
      const at = slot << 2
      const p = slots[at]
      if (p === -1) break
      if (p === prefix && slots[at + 1] === last) {
        this.fresh = slots[at + 3] !== dialogue
        slots[at + 3] = dialogue
        return slots[at + 2]
      }
      slot = (slot + 1) & this.mask
    }
    if (this.size === MAX_ID) throw new RangeError(`more than ${MAX_ID} different n-grams`)
    const id = this.size++
    const at = slot << 2
    slots[at] = prefix
    slots[at + 1] = last
    slots[at + 2] = id
    slots[at + 3] = dialogue
    this.fresh = true
    if (this.size * 2 > this.mask) this.grow()
    return id
  }

  private grow() {
    const old = this.slots
    const capacity = (this.mask + 1) * 2
    const slots = new Int32Array(capacity * 4).fill(-1)
    const mask = capacity - 1
    for (let at = 0; at < old.length; at += 4) {
      if (old[at] === -1) continue
      let slot = hash(old[at], old[at + 1]) & mask
      while (slots[slot << 2] !== -1) slot = (slot + 1) & mask
      slots.set(old.subarray(at, at + 4), slot << 2)
    }
    this.slots = slots
    this.mask = mask
  }
}

/** Mixes two int32 into a well-spread int32 (multiply-xorshift, as in MurmurHash3's finalizer). */
function hash(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ b
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return h ^ (h >>> 16)
}

/**
 * Counts distinct n-grams of token-id sequences, dialogue by dialogue, both per dialogue and pooled over all
 * dialogues added. Each n-gram of n ≥ 2 gets an integer id from its prefix's id and its last token (PairIds, one
 * table per n: no string or array is built per n-gram); every id remembers the last dialogue that used it, so a
 * dialogue's own distinct count needs no set of its own. A dialogue is given as segments: n-grams are taken within
 * a segment and never across two segments, and never across two dialogues. A segment is counted level by level (all
 * its bigrams, then all its trigrams from the bigram ids): the tables are far larger than the processor's caches and
 * probes of one level do not depend on each other, so their cache misses overlap (about a fifth faster than taking
 * every n at one position before the next position).
 */
export class NgramCounter {
  /** tables[n - 2]: the n-grams, n = 2..maxN. */
  private readonly tables: PairIds[]
  /** The last dialogue that used each token id (unigrams are the token ids themselves); 0 = none yet. */
  private tokenSeen = new Int32Array(1024)
  private readonly pooledTotal: number[]
  private dialogue = 0
  private scratch = new Int32Array(1024)

  constructor(readonly maxN: number) {
    if (!Number.isInteger(maxN) || maxN < 1) throw new RangeError(`maxN must be a positive integer (got ${maxN})`)
    this.tables = Array.from({ length: maxN - 1 }, () => new PairIds())
    this.pooledTotal = new Array<number>(maxN).fill(0)
  }

  /** Adds one dialogue (its segments of token ids, each a non-negative int32) and returns its own counts. */
  add(segments: ArrayLike<number>[]): NgramCounts {
    const maxN = this.maxN
    const mark = ++this.dialogue
    const total = new Array<number>(maxN).fill(0)
    const unique = new Array<number>(maxN).fill(0)
    let tokens = 0
    for (const segment of segments) {
      const length = segment.length
      tokens += length
      if (length > this.scratch.length) this.scratch = new Int32Array(Math.max(length, this.scratch.length * 2))
      // ids[i]: the id of the n-gram starting at i, for n = 1, 2, ... in turn (a level's probes do not wait for each
      // other, so the processor overlaps their cache misses).
      const ids = this.scratch
      for (let i = 0; i < length; i++) {
        const id = segment[i]
        if (!(id >= 0 && id <= MAX_ID && id === Math.floor(id))) throw new RangeError(`token id out of range: ${id}`)
        if (id >= this.tokenSeen.length) this.growTokens(id)
        if (this.tokenSeen[id] !== mark) {
          this.tokenSeen[id] = mark
          unique[0]++
        }
        ids[i] = id
      }
      total[0] += length
      for (let n = 2; n <= maxN && n <= length; n++) {
        const table = this.tables[n - 2]
        const last = length - n
        total[n - 1] += last + 1
        let fresh = 0
        for (let i = 0; i <= last; i++) {
          ids[i] = table.visit(ids[i], segment[i + n - 1], mark)
          if (table.fresh) fresh++
        }
        unique[n - 1] += fresh
      }
    }
    for (let n = 0; n < maxN; n++) this.pooledTotal[n] += total[n]
    return { tokens, total, unique }
  }

  /** Counts over every dialogue added so far: n-grams are told apart across dialogues, never joined across them. */
  pooled(): NgramCounts {
    let unigrams = 0
    for (const seen of this.tokenSeen) if (seen !== 0) unigrams++
    return {
      tokens: this.pooledTotal[0],
      total: this.pooledTotal.slice(),
      unique: [unigrams, ...this.tables.map((t) => t.size)],
    }
  }

  private growTokens(id: number) {
    let size = this.tokenSeen.length * 2
    while (size <= id) size *= 2
    const grown = new Int32Array(size)
    grown.set(this.tokenSeen)
    this.tokenSeen = grown
  }
}
