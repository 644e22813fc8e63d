import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import {
  EVALUATION_KINDS,
  EVALUATIONS,
  JUDGED_KINDS,
  StartEvaluationSchema,
  type EvaluationKind,
} from '@shared/evaluation'
import { evaluationJobs } from '../../src/main/evaluation/jobs'
import {
  ANALYSIS_FIELD_PATHS,
  currentConfig,
  initialState,
  isJudged,
  maxDatasets,
  toInput,
  validate,
} from '../../src/renderer/src/pages/evaluation/form/analysisForm'
import { en } from '../../src/renderer/src/i18n/en'
import { zh } from '../../src/renderer/src/i18n/zh'
import { endpointView } from '../renderer/endpoints'
import { useUiStrings } from '../renderer/i18n'
import { runCli } from '../support/cliProcess'
import { client, tempWorkspace } from '../support/workspace'

const ROOT = resolve(import.meta.dirname, '..', '..')
const ids = (n: number) => Array.from({ length: n }, (_, i) => `d${i + 1}`)
/** A kind's start input with its form defaults (a judge endpoint named) and `n` datasets. */
const inputOf = (kind: EvaluationKind, n: number) => {
  const { defaults, judged } = EVALUATIONS[kind]
  return {
    kind,
    datasetIds: ids(n),
    ...(defaults ? { config: judged ? { ...defaults, endpointId: 'judge' } : defaults } : {}),
  }
}

let ws: ReturnType<typeof tempWorkspace> | undefined
afterEach(async () => {
  await ws?.cleanup()
  ws = undefined
})
beforeAll(() => useUiStrings('en'))

describe('the registry of evaluation kinds is the one source', () => {
  it('sets the dataset limits the API checks and the form checks, from each kind’s descriptor', () => {
    for (const kind of EVALUATION_KINDS) {
      const { max } = EVALUATIONS[kind].datasets
      expect(StartEvaluationSchema.safeParse(inputOf(kind, max)).success, kind).toBe(true)
      expect(StartEvaluationSchema.safeParse(inputOf(kind, max + 1)).success, kind).toBe(false)
      expect(StartEvaluationSchema.safeParse(inputOf(kind, 0)).success, kind).toBe(false)
      expect(maxDatasets(kind)).toBe(max)
      const form = { ...initialState([endpointView('judge')]), kind }
      expect(validate({ ...form, datasetIds: ids(max) }).datasetIds, kind).toBeUndefined()
      expect(validate({ ...form, datasetIds: ids(max + 1) }).datasetIds, kind).toMatch(`at most ${max}`)
    }
  })

  it('gives the form each kind’s settings and defaults, and sends what the server accepts', () => {
    for (const kind of EVALUATION_KINDS) {
      const { defaults, judged, config } = EVALUATIONS[kind]
      const state = { ...initialState([endpointView('judge')]), kind, datasetIds: ['d1'] }
      expect(currentConfig(state), kind).toEqual(defaults && (judged ? { ...defaults, endpointId: 'judge' } : defaults))
      expect(isJudged(kind)).toBe(judged)
      expect(StartEvaluationSchema.safeParse(toInput(state)).success, kind).toBe(true)
      for (const field of Object.keys(config?.shape ?? {})) expect(ANALYSIS_FIELD_PATHS).toContain(`config.${field}`)
    }
    // Judged kinds need an endpoint; the others start without one.
    const none = { ...initialState([]), datasetIds: ['d1'] }
    for (const kind of EVALUATION_KINDS)
      expect(validate({ ...none, kind })['config.endpointId'] !== undefined, kind).toBe(EVALUATIONS[kind].judged)
  })

  it('offers every kind in the form’s kind picker, in the registry’s order, with labels in both languages', async () => {
    // Loaded by name: the node project's type check has no DOM and does not compile the renderer's JSX (vitest does).
    const [{ KindPicker }, { createElement }, { renderToStaticMarkup }] = await Promise.all(
      ['../../src/renderer/src/pages/evaluation/form/KindPicker', 'react', 'react-dom/server'].map((m) => import(m)),
    )
    const html = renderToStaticMarkup(createElement(KindPicker, { kind: 'stats', onChange: () => {} }))
    const offered = [...html.matchAll(/data-testid="analysis-kind-([^"]+)"/g)].map((m) => m[1])
    expect(offered).toEqual(EVALUATION_KINDS)
    for (const strings of [en, zh])
      for (const kind of EVALUATION_KINDS) {
        expect(strings.evaluations.kinds[kind], kind).toBeTruthy()
        expect(strings.analysisForm.kindHints[kind], kind).toBeTruthy()
        expect(strings.analysisForm.settingsHelp[kind], kind).toBeTruthy()
        if (EVALUATIONS[kind].judged)
          expect((strings.analysisForm.endpointHint as Record<string, string>)[kind], kind).toBeTruthy()
      }
  })

  it('builds a job for every kind, one that estimates for every judged kind, and names them when asked wrongly', async () => {
    ws = tempWorkspace()
    const app = ws.open()
    const jobs = evaluationJobs({
      db: null as never,
      gateway: null as never,
      endpoints: null as never,
      dataDir: '',
      paths: null as never,
      tokenizeBatch: null as never,
    })
    expect(Object.keys(jobs)).toEqual(EVALUATION_KINDS)
    for (const kind of EVALUATION_KINDS) expect(jobs[kind].estimate !== undefined, kind).toBe(isJudged(kind))
    expect(JUDGED_KINDS).toEqual(['topics', 'wai'])
    await expect(client(app).estimateEvaluation({ kind: 'overlap', datasetIds: ['x'] })).rejects.toThrow(
      'kind: only LLM-judged analyses (topics, wai) make model calls to estimate.',
    )
  })

  it('lists every kind in the CLI, with the options its descriptor gives and --endpoint for judged kinds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'simpsy-evreg-'))
    try {
      const help = await runCli(dir, ['evaluate', '--help'])
      expect(help.stdout.replace(/\s+/g, ' ')).toContain(
        `run an analysis (stats, overlap, embedding, topics, wai) on one or two datasets (statistics: up to 8)`,
      )
      for (const kind of EVALUATION_KINDS) expect(help.stdout).toMatch(new RegExp(`\\n\\s+${kind}\\b`))
      const helps = await Promise.all(EVALUATION_KINDS.map((kind) => runCli(dir, ['evaluate', kind, '--help'])))
      for (const [i, kind] of EVALUATION_KINDS.entries()) {
        const text = helps[i].stdout.replace(/\s+/g, ' ')
        expect(text).toContain(EVALUATIONS[kind].description)
        expect(text.includes('--endpoint'), kind).toBe(EVALUATIONS[kind].judged)
        for (const option of EVALUATIONS[kind].cli.options) expect(text).toContain(option.flags)
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('leaves no kind decided outside the registry: no code compares a kind name or lists kinds', () => {
    const names = EVALUATION_KINDS.join('|')
    const decided = new RegExp(
      `kind\\s*[!=]==?\\s*['"](${names})['"]|case\\s+['"](${names})['"]|['"](${names})['"]\\s*(\\|\\||,)\\s*['"](${names})['"]`,
    )
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
      )
    const offenders = files(join(ROOT, 'src'))
      .filter((f) => !relative(ROOT, f).startsWith(join('src', 'shared', 'evaluations')))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => [line, i] as const)
          .filter(([line]) => !/^\s*(\/\/|\/\*|\*)/.test(line) && decided.test(line))
          .map(([line, i]) => `${relative(ROOT, f)}:${i + 1}: ${line.trim()}`),
      )
    expect(offenders).toEqual([])
  })
})
