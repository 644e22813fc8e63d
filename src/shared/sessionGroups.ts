/** One metric over the dialogues of one session index: mean and sample SD of its values, and how many had one. */
export interface SessionMetricStat {
  mean: number | null
  sd: number | null
  n: number
}

/** An analysis's per-dialogue results grouped by session index (sessions 1..S of the cases it scored). */
export interface SessionGroups {
  /** Every metric the analysis stored, in its order (label-only metrics have no mean). */
  metrics: string[]
  /** Ascending by index; `sessionIndex` null holds dialogues that are no session of a case. */
  groups: { sessionIndex: number | null; dialogues: number; stats: Record<string, SessionMetricStat> }[]
}
