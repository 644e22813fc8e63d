import { uint32Generator, uniformBelow } from '../seededRandom'

/**
 * A permutation p of 0..n-1 with p[i] !== i for every i, the same for the same
 * (n, seed). Uniform over all derangements: Fisher–Yates shuffles are drawn
 * until one has no fixed point (about e ≈ 2.72 shuffles on average), rejecting
 * a shuffle as soon as a settled position is fixed.
 * n = 0 gives [] (the empty permutation has no fixed point); n = 1 has no derangement.
 */
export function seededDerangement(n: number, seed: number): number[] {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`)
  if (n === 1) throw new RangeError('a derangement of 1 element does not exist: at least 2 are needed')
  const next = uint32Generator(seed)
  const p = new Array<number>(n)
  for (;;) {
    for (let i = 0; i < n; i++) p[i] = i
    let fixed = false
    // Position i is final once swapped; position 0 is final after the loop.
    for (let i = n - 1; i > 0 && !fixed; i--) {
      const j = uniformBelow(next, i + 1)
      const tmp = p[i]
      p[i] = p[j]
      p[j] = tmp
      fixed = p[i] === i
    }
    if (!fixed && (n === 0 || p[0] !== 0)) return p
  }
}

/**
 * The random-mapping control's partner of each dialogue: a dialogue of another group (another role card and source
 * record), never its own card, a sibling sample's or another attitude variant of the same intake form. The groups
 * are deranged (seededDerangement over the distinct groups, in order of first appearance) and each dialogue takes
 * the member of its group's partner group at its own rank (wrapping around), so every control card is a real one.
 * With one dialogue per group this is exactly seededDerangement(n, seed).
 */
export function seededControlPartners(groups: string[], seed: number): number[] {
  const keys = new Map<string, number>()
  const members: number[][] = []
  const rank: number[] = []
  groups.forEach((group, i) => {
    let k = keys.get(group)
    if (k === undefined) {
      k = members.length
      keys.set(group, k)
      members.push([])
    }
    rank.push(members[k].length)
    members[k].push(i)
  })
  if (members.length < 2)
    throw new RangeError(
      `the random-mapping control needs dialogues of at least 2 different role cards (source records); found ${members.length}`,
    )
  const partnerGroup = seededDerangement(members.length, seed)
  return groups.map((group, i) => {
    const target = members[partnerGroup[keys.get(group)!]]
    return target[rank[i] % target.length]
  })
}
