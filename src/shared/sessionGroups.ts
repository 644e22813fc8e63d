/** One metric over the dialogues of one session index: mean and sample SD of its values, and how many had one. */
export interface SessionMetricStat {
  mean: number | null
  sd: number | null
  n: number
  /**
   * From session 2 on: this session against session 1 of the same cases (paired t-test, two-sided): the mean
   * difference (this − session 1), its p (null with fewer than two pairs) and how many cases pair. Null otherwise.
   */
  change: { meanDifference: number; p: number | null; n: number } | null
}

/** An analysis's per-dialogue results grouped by session index (sessions 1..S of the cases it scored). */
export interface SessionGroups {
  /** Every metric the analysis stored, in its order (label-only metrics have no mean). */
  metrics: string[]
  /** Ascending by index; `sessionIndex` null holds dialogues that are no session of a case. */
  groups: { sessionIndex: number | null; dialogues: number; stats: Record<string, SessionMetricStat> }[]
}
