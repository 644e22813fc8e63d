import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import Database from 'better-sqlite3'
import {
  EVALUATION_KINDS,
  EVALUATIONS,
  JUDGED_KINDS,
  StartEvaluationSchema,
  type EvaluationKind,
} from '@shared/evaluation'
import { evaluationJobs } from '../../src/main/evaluation/jobs'
import { WORKSPACE_FILE } from '../../src/main/paths'
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
    expect(JUDGED_KINDS).toEqual(['topics', 'wai', 'ctrs', 'panas', 'consistency'])
    await expect(client(app).estimateEvaluation({ kind: 'overlap', datasetIds: ['x'] })).rejects.toThrow(
      'kind: only LLM-judged analyses (topics, wai, ctrs, panas, consistency) make model calls to estimate.',
    )
  })

  // Nine CLI processes start at once: on two busy cores that can take longer than the default 30 s.
  it('lists every kind in the CLI, with the options its descriptor gives and --endpoint for judged kinds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'simpsy-evreg-'))
    try {
      const help = await runCli(dir, ['evaluate', '--help'])
      expect(help.stdout.replace(/\s+/g, ' ')).toContain(
        `run an analysis (stats, overlap, embedding, distinct, topics, wai, ctrs, panas, consistency) on one or two datasets (statistics: up to 8; distinct-n: up to 8)`,
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
  }, 120_000)

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

  it('reads and exports analyses stored before the registry exactly as they were written', async () => {
    ws = tempWorkspace()
    const api = client(ws.open())
    const comparison = { test: 'welch', a: { n: 2, mean: 4.5, std: 0.5 }, b: { n: 2, mean: 3.25, std: 0.25 } }
    const cmp = { ...comparison, t: 2.5, df: 1.47, p: 0.0004, cohensD: 1.234567 }
    const factor = (mean: number) => ({ mean, std: 0.5, perDialogue: [mean - 0.5, mean + 0.5] })
    const wai = {
      kind: 'wai',
      datasets: [
        {
          datasetId: 'a',
          items: { 1: 5 },
          factors: { goal: factor(4.5), task: factor(5), bond: factor(6) },
          failures: 1,
          calls: 30,
        },
        {
          datasetId: 'b',
          items: { 1: 4 },
          factors: { goal: factor(3.25), task: factor(4), bond: factor(3) },
          failures: 0,
          calls: 24,
        },
      ],
      comparison: { goal: cmp, task: cmp, bond: cmp },
    }
    const embedding = {
      kind: 'embedding',
      datasets: [{ datasetId: 'a', mapping: [0.8, 0.6], random: [0.2, 0.4], comparison: cmp, skipped: 1 }],
    }
    // Rows as the workbench wrote them before kinds had descriptors.
    const db = new Database(join(ws.dataDir, WORKSPACE_FILE))
    const insert = db.prepare(
      `INSERT INTO evaluations (id, kind, name, dataset_ids, config, status, result, created_at, finished_at)
       VALUES (?, ?, ?, ?, ?, 'completed', ?, '2025-01-02T03:00:00.000Z', '2025-01-02T03:04:05.000Z')`,
    )
    const judge = { endpointId: 'gone', temperature: 0.7, rounds: 3, parseRetries: 2, cache: true, test: 'welch' }
    insert.run('old-wai', 'wai', 'WAI: a vs b', '["a","b"]', JSON.stringify(judge), JSON.stringify(wai))
    const model = { model: 'Xenova/bge-m3', pooling: 'cls', normalize: true, maxTokens: 8192, quantized: false }
    insert.run('old-emb', 'embedding', 'Cosine: a', '["a"]', JSON.stringify(model), JSON.stringify(embedding))
    db.close()

    expect((await api.getEvaluation({ id: 'old-wai' })).result).toEqual(wai)
    expect((await api.getEvaluation({ id: 'old-emb' })).config).toEqual(model)
    const waiTable = (await api.exportEvaluationTable({ id: 'old-wai', format: 'markdown' })).content.split('\n')
    // In today's layout (one row per factor and dataset, decimals per column) from the stored numbers.
    expect(waiTable.slice(0, 10)).toEqual([
      '**Working Alliance Inventory (observer short form)**',
      '',
      "| Factor | Dataset | Mean | SD | t | df | p | Cohen's d |",
      '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      '| Goal | a | 4.500 | 0.500 | 2.500 | 1.5 | <0.001 | 1.235 |',
      '| Goal | b | 3.250 | 0.500 | — | — | — | — |',
      '| Task | a | 5.000 | 0.500 | 2.500 | 1.5 | <0.001 | 1.235 |',
      '| Task | b | 4.000 | 0.500 | — | — | — | — |',
      '| Bond | a | 6.000 | 0.500 | 2.500 | 1.5 | <0.001 | 1.235 |',
      '| Bond | b | 3.000 | 0.500 | — | — | — | — |',
    ])
    const embCsv = (await api.exportEvaluationTable({ id: 'old-emb', format: 'csv' })).content
    expect(embCsv).toContain("Dataset,Mapping mean,Mapping SD,Random mean,Random SD,n,t,df,p,Cohen's d,Skipped")
    expect(embCsv).toContain('a,4.5,0.5,3.25,0.25,2,2.5,1.5,< 0.001,1.235,1')
    const embMd = (await api.exportEvaluationTable({ id: 'old-emb', format: 'markdown' })).content
    expect(embMd).toContain('**Cosine similarity between role card and client utterances**')
    expect(embMd).toContain('model: embedding model Xenova/bge-m3')
  })
})
