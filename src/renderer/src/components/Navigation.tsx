import { createContext, useContext } from 'react'
import type { PageId } from '../App'

/**
 * Where a cross-page link lands: a run (or a new run's cards) on Simulations, a dataset (and dialogue) on Datasets, an
 * analysis on Evaluation.
 */
export interface NavTarget {
  runId?: string
  evaluationId?: string
  datasetId?: string
  dialogueId?: string
  /**
   * With datasetId: open its browser filtered by an analysis's per-dialogue metric (a value range, or the lowest or
   * highest share, e.g. lowest 0.1 = the lowest decile), sorted by it. Fields as in DialogueQuery.score.
   */
  score?: { evaluationId: string; metric: string; min?: number; max?: number; lowest?: number; highest?: number }
  /** On Remote runs: this one. */
  remoteRunId?: string
  /**
   * On Simulations: open the new-run form with exactly these role cards (the Role cards page's selection); none: the
   * form as it was left.
   */
  newRun?: { cardIds: string[] }
}

/**
 * A target handed to the page it was meant for; `seq` changes with every navigation, so the same target can be applied
 * twice.
 */
export interface PageTarget extends NavTarget {
  seq: number
}

export type Navigate = (page: PageId, target?: NavTarget) => void

export const NavigationContext = createContext<Navigate>(() => {})

/** Moves to another page (asking the current page's leave guard first). */
export function useNavigate(): Navigate {
  return useContext(NavigationContext)
}
