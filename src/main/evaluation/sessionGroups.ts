import { WorkbenchError } from '@shared/errors'
import type { SessionGroups, SessionMetricStat } from '@shared/sessionGroups'
import type { EvaluationRepo } from '../db/evaluationRepo'
import type { EvaluationScoreRepo } from '../db/evaluationScoreRepo'
import type { SessionRepo } from '../db/sessionRepo'
import { pairedTTest } from './compare/pairedStats'
import { mean, std } from './statistics'

const finite = (x: number) => (Number.isFinite(x) ? x : null)

interface Group {
  dialogues: Set<string>
  /** Per metric: each case's value (a dialogue of no case under its own id). */
  values: Map<string, Map<string, number>>
}

/** This session against session 1 on the cases both have a value for (paired t-test). */
function change(these: Map<string, number>, first: Map<string, number> | undefined): SessionMetricStat['change'] {
  const cases = [...these.keys()].filter((c) => first?.has(c))
  if (!first || cases.length === 0) return null
  const t = pairedTTest(
    cases.map((c) => these.get(c)!),
    cases.map((c) => first.get(c)!),
  )
  return { meanDifference: t.meanDifference, p: finite(t.p), n: t.n }
}

/**
 * An analysis's per-dialogue results grouped by the session index of their dialogues: WAI, PANAS, consistency… across
 * sessions 1..S of a follow-up run. Each group's metric is the mean and sample SD of its dialogues' values, and from
 * session 2 on its change against session 1, paired by case.
 */
export function sessionGroups(
  deps: { sessions: SessionRepo; scores: EvaluationScoreRepo; evaluations: EvaluationRepo },
  evaluationId: string,
): SessionGroups {
  if (!deps.evaluations.get(evaluationId))
    throw new WorkbenchError('not_found', { key: 'evaluations.notFound', params: { id: evaluationId } })
  const metrics = deps.scores.metrics(evaluationId)
  const groups = new Map<number | null, Group>()
  for (const s of deps.sessions.scoresBySession(evaluationId)) {
    let group = groups.get(s.sessionIndex)
    if (!group) groups.set(s.sessionIndex, (group = { dialogues: new Set(), values: new Map() }))
    group.dialogues.add(s.dialogueId)
    if (s.value === null) continue
    let byCase = group.values.get(s.metric)
    if (!byCase) group.values.set(s.metric, (byCase = new Map()))
    byCase.set(s.caseId ?? s.dialogueId, s.value)
  }
  const first = groups.get(1)
  return {
    metrics,
    groups: [...groups]
      // Sessions in order; dialogues of no case last.
      .sort(([a], [b]) => (a ?? Infinity) - (b ?? Infinity))
      .map(([sessionIndex, group]) => ({
        sessionIndex,
        dialogues: group.dialogues.size,
        stats: Object.fromEntries(
          metrics.map((metric): [string, SessionMetricStat] => {
            const byCase = group.values.get(metric) ?? new Map<string, number>()
            const values = [...byCase.values()]
            return [
              metric,
              {
                mean: finite(mean(values)),
                sd: finite(std(values)),
                n: values.length,
                change: sessionIndex !== null && sessionIndex > 1 ? change(byCase, first?.values.get(metric)) : null,
              },
            ]
          }),
        ),
      })),
  }
}
