import { seededRanking, seededShuffle } from '../seededRandom'

/**
 * Who rates which unit: each unit goes to `perUnit` different raters and loads differ by at most one. Units (already
 * in their blinded, seeded order) are dealt round the raters (in a seeded order, so who carries one more is left to
 * the seed); each rater then sees their units in an order of their own, so no position effect is shared.
 */
export function assignUnits(
  unitIds: readonly string[],
  raters: readonly string[],
  perUnit: number,
  seed: number,
): Map<string, string[]> {
  if (perUnit > raters.length) throw new RangeError(`${perUnit} raters per unit, but only ${raters.length} raters`)
  const dealt = seededShuffle(raters, seed)
  const out = new Map<string, { id: string; index: number }[]>(raters.map((r) => [r, []]))
  unitIds.forEach((id, i) => {
    for (let j = 0; j < perUnit; j++) out.get(dealt[(i * perUnit + j) % dealt.length])!.push({ id, index: i })
  })
  return new Map(
    [...out].map(([rater, units]) => [
      rater,
      seededRanking(
        units,
        seed,
        (u) => `${rater}\u0000${u.index}`,
        (u) => u.id,
      ).map((u) => u.id),
    ]),
  )
}

/**
 * A rater joining a running study takes a fair share: units nobody has answered yet move from the most loaded raters
 * to the newcomer, never a unit they already hold, until the newcomer holds about as many as everyone else.
 */
export function balanceNewRater(
  assignments: ReadonlyMap<string, readonly string[]>,
  answered: (rater: string, unitId: string) => boolean,
): { from: string; unitId: string }[] {
  const loads = new Map([...assignments].map(([rater, ids]) => [rater, [...ids]]))
  const total = [...loads.values()].reduce((n, ids) => n + ids.length, 0)
  const target = Math.floor(total / (loads.size + 1))
  const taken = new Set<string>()
  const moves: { from: string; unitId: string }[] = []
  while (moves.length < target) {
    const donors = [...loads]
      .filter(([, ids]) => ids.length > moves.length + 1)
      .sort((x, y) => y[1].length - x[1].length)
    let moved = false
    for (const [rater, ids] of donors) {
      // From the end of the donor's own order: the units they would have reached last.
      const at = ids.findLastIndex((id) => !taken.has(id) && !answered(rater, id))
      if (at < 0) continue
      const [unitId] = ids.splice(at, 1)
      taken.add(unitId)
      moves.push({ from: rater, unitId })
      moved = true
      break
    }
    if (!moved) break
  }
  return moves
}
