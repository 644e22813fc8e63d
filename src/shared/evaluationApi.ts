import { z } from 'zod'
import type { ExportedFile } from './api'
import { byId, method, none } from './apiMethod'
import { CompareInputSchema, ExportComparisonSchema, type ComparisonReport } from './comparison'
import {
  EvaluationScoresQuerySchema,
  StartEvaluationSchema,
  type DialogueScores,
  type EvaluationScoresPage,
  type EvaluationSummary,
  type EvaluationVocabulary,
  type JudgeEstimate,
  type BatchImportReport,
} from './evaluation'
import type { SessionGroups } from './sessionGroups'

/** The evaluation part of the API contract (spread into `api` in api.ts). */
export const evaluationApi = {
  /** Calls, tokens and cost a judge job (topics, WAI) will need, before the user confirms. */
  estimateEvaluation: method(StartEvaluationSchema).returns<JudgeEstimate>(),
  startEvaluation: method(StartEvaluationSchema).returns<EvaluationSummary>(),
  /**
   * A judged analysis's requests as one JSONL batch file (custom_id = each request's judge-cache key), without starting
   * it: run it with `vllm run-batch` (or any OpenAI-style batch) and import the output with importEvaluationBatch.
   */
  exportEvaluationBatch: method(StartEvaluationSchema).returns<ExportedFile & { count: number }>(),
  /**
   * A batch output file (JSONL) answering an exported batch file: every answer logged as a call of the endpoint and
   * kept in the judge cache, so an analysis with the same endpoint and settings is answered from it. Idempotent.
   */
  importEvaluationBatch: method(
    z.object({
      endpointId: z.string().min(1, 'choose the endpoint the batch file was exported for'),
      fileName: z.string().min(1),
      contentBase64: z.string().min(1, 'the output file is empty'),
      /** Price of these answers relative to live calls (0: a self-hosted server). */
      priceFactor: z.number().min(0).max(1).default(0),
    }),
  ).returns<BatchImportReport>(),
  /** Summaries, newest first, without results (`result` null; `hasResult` says whether there is one). */
  listEvaluations: method(none).returns<EvaluationSummary[]>(),
  /** One analysis with its result. */
  getEvaluation: method(byId).returns<EvaluationSummary>(),
  pauseEvaluation: method(byId).returns<EvaluationSummary>(),
  resumeEvaluation: method(byId).returns<EvaluationSummary>(),
  cancelEvaluation: method(byId).returns<EvaluationSummary>(),
  deleteEvaluation: method(byId).returns<{ deleted: boolean }>(),
  /** Failed units with the judge's raw answer, so nothing is silently dropped. */
  listEvaluationFailures: method(
    z.object({ id: z.string(), limit: z.number().int().min(1).max(10000).default(500) }),
  ).returns<
    {
      key: string
      datasetId: string
      dialogueId: string | null
      round: number
      item: string
      raw: string | null
      error: string | null
      attempts: number
    }[]
  >(),
  /**
   * The per-dialogue results of an analysis, one row per dialogue with every metric, sorted by one metric (lowest first
   * by default) and optionally cut to a value range (a histogram bin) or a dataset (a chart bar).
   */
  listEvaluationScores: method(EvaluationScoresQuerySchema).returns<EvaluationScoresPage>(),
  /** Every dialogue's results as CSV: dialogue id, source id, dataset, then one column per metric. */
  exportEvaluationScores: method(byId).returns<ExportedFile>(),
  /**
   * The per-dialogue results grouped by session index (follow-up runs: sessions 1..S of each case): per metric the
   * mean, SD and n of each session; a session's dialogues are listEvaluationScores with its sessionIndex.
   */
  evaluationSessionGroups: method(byId).returns<SessionGroups>(),
  /** A dialogue's results in every analysis that scored it, with the judge's answers behind them. */
  dialogueScores: method(byId).returns<DialogueScores>(),
  evaluationVocabulary: method(none).returns<EvaluationVocabulary>(),
  exportEvaluationTable: method(
    z.object({ id: z.string(), format: z.enum(['csv', 'markdown', 'latex']) }),
  ).returns<ExportedFile>(),
  /**
   * Datasets of completed analyses of one kind side by side, on their per-dialogue scores: per metric mean ± SD (n),
   * each dataset tested against the reference (paired by role card or seed record, or unpaired), Holm or no
   * correction, effect sizes, marks, and how the dialogues paired.
   */
  compareAnalyses: method(CompareInputSchema).returns<ComparisonReport>(),
  /** The same comparison as CSV (every statistic), Markdown or LaTeX, with its footnotes and provenance. */
  exportComparison: method(ExportComparisonSchema).returns<ExportedFile>(),
} as const
