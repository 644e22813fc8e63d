import { WorkbenchError } from '@shared/errors'
import type { SessionGroups, SessionMetricStat } from '@shared/sessionGroups'
import type { EvaluationRepo } from '../db/evaluationRepo'
import type { EvaluationScoreRepo } from '../db/evaluationScoreRepo'
import type { SessionRepo } from '../db/sessionRepo'
import { mean, std } from './statistics'

const finite = (x: number) => (Number.isFinite(x) ? x : null)

/**
 * An analysis's per-dialogue results grouped by the session index of their dialogues: WAI, PANAS, consistency… across
 * sessions 1..S of a follow-up run. Each group's metric is the mean and sample SD of its dialogues' values.
 */
export function sessionGroups(
  deps: { sessions: SessionRepo; scores: EvaluationScoreRepo; evaluations: EvaluationRepo },
  evaluationId: string,
): SessionGroups {
  if (!deps.evaluations.get(evaluationId))
    throw new WorkbenchError('not_found', { key: 'evaluations.notFound', params: { id: evaluationId } })
  const metrics = deps.scores.metrics(evaluationId)
  const groups = new Map<number | null, { dialogues: Set<string>; values: Map<string, number[]> }>()
  for (const s of deps.sessions.scoresBySession(evaluationId)) {
    let group = groups.get(s.sessionIndex)
    if (!group) groups.set(s.sessionIndex, (group = { dialogues: new Set(), values: new Map() }))
    group.dialogues.add(s.dialogueId)
    if (s.value === null) continue
    const list = group.values.get(s.metric)
    if (list) list.push(s.value)
    else group.values.set(s.metric, [s.value])
  }
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
            const values = group.values.get(metric) ?? []
            return [metric, { mean: finite(mean(values)), sd: finite(std(values)), n: values.length }]
          }),
        ),
      })),
  }
}
