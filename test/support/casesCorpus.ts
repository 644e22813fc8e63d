/**
 * A multi-session corpus (the 'sessions' layout): three English cases of three sessions; session k of case c has
 * k + c counselor turns (or `turnsOf(c, k)`), so a per-session mean of turns is k + 1 with SD 1.
 */
export function casesCorpus(turnsOf: (c: number, k: number) => number = (c, k) => k + c): string {
  const turns = (n: number, c: number, k: number) =>
    Array.from({ length: n }, (_, i) => [
      { speaker: 'client', content: `Case ${c}, session ${k}: this week my sleep was ${i % 2 ? 'better' : 'worse'}.` },
      { speaker: 'counselor', content: `What made session ${k}'s week different, point ${i + 1}?` },
    ]).flat()
  const cases = [0, 1, 2].map((c) => ({
    case: `case-${c}`,
    language: 'en',
    roleCard: {
      language: 'en',
      name: `Client ${c}`,
      complaint: { title: `Sleep worries ${c}`, body: 'I sleep badly.' },
    },
    sessions: [1, 2, 3].map((k) => ({
      index: k,
      summary:
        k < 3 ? `Discussed: sleep. Plan and homework: keep a sleep diary. Client's state: session ${k}, calmer.` : null,
      messages: turns(turnsOf(c, k), c, k),
    })),
  }))
  return JSON.stringify(cases)
}
