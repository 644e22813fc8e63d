import Papa from 'papaparse'
import type { ExportedFile } from '@shared/api'
import { fixed } from '@shared/evaluation'
import { plural } from '@shared/plural'
import { POOLED_KEY, type AgreementFigures, type StudyResults } from '@shared/study'
import type { StudyRecord, StudyRepo, UnitRecord } from '../db/studyRepo'
import { renderTable, type Table } from '../evaluation/tables'
import { agreementFigures, meanInterval, signTest, wilsonInterval } from './reliability'
import { answerKeys, shownChoice } from './studyService'

type Rating = { unit: string; rater: string; value: number }

const PAIR_SCALE = { min: -1, max: 1 }

/**
 * A study's results from its stored answers: means with 95% t intervals (rubric) or preference rates with Wilson
 * intervals and a sign test (pairwise), and agreement among the human raters — and with the newest completed LLM judge
 * run as one more rater beside them.
 */
export function studyResults(repo: StudyRepo, study: StudyRecord): StudyResults {
  const config = study.config
  const raters = repo.raters(study.id)
  const humans = new Set(raters.filter((r) => r.kind === 'human').map((r) => r.name.toLowerCase()))
  const judgeRun = repo.judges(study.id).find((j) => j.status === 'completed') ?? null
  const answers = repo.answers(study.id)
  const units = new Map(repo.units(study.id).map((u) => [u.id, u]))
  const human = answers.filter((a) => humans.has(a.rater.toLowerCase()))
  const judged = judgeRun ? answers.filter((a) => a.rater.toLowerCase() === judgeRun.rater.toLowerCase()) : []
  const keys = answerKeys(config)
  const scaleOf = (key: string) =>
    config.design === 'rubric' ? (config.items.find((i) => i.key === key)?.scale ?? PAIR_SCALE) : PAIR_SCALE
  const ratingsOf = (rows: typeof answers, key: string): Rating[] =>
    rows.filter((a) => a.key === key).map((a) => ({ unit: a.unitId, rater: a.rater, value: a.value }))

  const means: StudyResults['means'] = []
  const preferences: StudyResults['preferences'] = []
  if (config.design === 'rubric') {
    // Each dialogue counts once: its value is the mean over the raters who answered.
    const unitMean = (rows: Rating[]) => {
      const byUnit = new Map<string, number[]>()
      for (const r of rows) byUnit.set(r.unit, [...(byUnit.get(r.unit) ?? []), r.value])
      return byUnit
    }
    study.sources.forEach((_, sourceIndex) => {
      const inSource = (unitId: string) => units.get(unitId)?.dialogues[0].sourceIndex === sourceIndex
      for (const key of [...keys, POOLED_KEY]) {
        const rows =
          key === POOLED_KEY
            ? human.map((a) => ({ unit: a.unitId, rater: a.rater, value: a.value }))
            : ratingsOf(human, key)
        const values = [...unitMean(rows.filter((r) => inSource(r.unit))).values()].map(
          (vs) => vs.reduce((s, v) => s + v, 0) / vs.length,
        )
        means.push({ key, sourceIndex, stat: meanInterval(values) })
      }
    })
  } else {
    for (const key of [...keys, POOLED_KEY]) {
      const rows = key === POOLED_KEY ? human : human.filter((a) => a.key === key)
      const first = rows.filter((a) => a.value < 0).length
      const second = rows.filter((a) => a.value > 0).length
      const ties = rows.length - first - second
      const interval = wilsonInterval(first, first + second)
      preferences.push({
        key,
        stat: {
          first,
          second,
          ties,
          rate: first + second > 0 ? first / (first + second) : null,
          low: interval?.low ?? null,
          high: interval?.high ?? null,
          p: signTest(first, second),
        },
      })
    }
  }

  // POOLED_KEY pools every item as its own unit, when the items share one scale.
  const scales = new Set(keys.map((k) => JSON.stringify(scaleOf(k))))
  const pooled = (rows: typeof answers): Rating[] =>
    rows.map((a) => ({ unit: `${a.unitId}\u0000${a.key}`, rater: a.rater, value: a.value }))
  const figures = (rows: Rating[], key: string): AgreementFigures =>
    agreementFigures(rows, key === POOLED_KEY ? scaleOf(keys[0]) : scaleOf(key))
  const agreement: StudyResults['agreement'] = [...keys, ...(scales.size === 1 ? [POOLED_KEY] : [])].map((key) => {
    const of = (rows: typeof answers) => (key === POOLED_KEY ? pooled(rows) : ratingsOf(rows, key))
    return {
      key,
      humans: figures(of(human), key),
      withJudge: judgeRun ? figures([...of(human), ...of(judged)], key) : null,
    }
  })

  return {
    studyId: study.id,
    design: study.design,
    sources: study.sources.map((s, index) => ({ index, label: s.label || s.datasetName, datasetId: s.datasetId })),
    means,
    preferences,
    agreement,
    judge: judgeRun ? { id: judgeRun.id, endpoint: judgeRun.endpoint, rater: judgeRun.rater } : null,
    provenance: provenance(repo, study, judgeRun),
  }
}

function provenance(repo: StudyRepo, study: StudyRecord, judge: { endpoint: string; temperature: number } | null) {
  const c = study.config
  const humans = repo.raters(study.id).filter((r) => r.kind === 'human')
  return [
    `Rating study "${study.name}" (${study.id}), ${c.design === 'rubric' ? `rubric ${c.rubric}, ${plural(c.items.length, 'item', 'items')}` : `pairwise, ${plural(c.aspects.length, 'aspect', 'aspects')}, paired by ${c.pairBy === 'card' ? 'role card or seed record' : 'source record id'}`}`,
    `Sources: ${study.sources.map((s) => `${s.label || s.datasetName} = dataset "${s.datasetName}" (${s.datasetId}), ${s.drawn} drawn`).join('; ')}`,
    `Seed ${c.seed}; ${plural(c.ratersPerDialogue, 'rater', 'raters')} per ${c.design === 'rubric' ? 'dialogue' : 'pair'}; ${plural(humans.length, 'human rater', 'human raters')}; ${plural(repo.answeredOf(study.id), 'answer', 'answers')} of ${repo.assignmentCount(study.id) * answerKeys(c).length} due`,
    judge ? `LLM judge: ${judge.endpoint}, temperature ${judge.temperature}` : 'No LLM judge run',
    'Means: 95% t intervals over dialogues (each the mean of its raters); preferences: 95% Wilson intervals, two-sided sign test without ties; agreement: Krippendorff alpha, ICC(2,1) / ICC(2,k) over the units all raters rated, quadratic-weighted Cohen kappa per pair',
    `Made by SimPsy Workbench on ${new Date().toISOString().slice(0, 10)}`,
  ]
}

const nameOf = (study: StudyRecord, key: string) => {
  if (key === POOLED_KEY) return study.design === 'rubric' ? 'All items' : 'All aspects pooled'
  const c = study.config
  const entry = c.design === 'rubric' ? c.items.find((i) => i.key === key) : c.aspects.find((a) => a.key === key)
  return entry ? entry.name.en || entry.name.zh : key
}

/** The means (rubric) or preference (pairwise) table. */
export function meansTable(study: StudyRecord, r: StudyResults): Table {
  const label = `study-${study.id.slice(0, 8)}`
  if (study.design === 'rubric')
    return {
      title: `${study.name}: item means`,
      label: `${label}-means`,
      columns: ['Item', 'Source', 'n', 'Mean', 'SD', '95% CI low', '95% CI high'],
      formats: ['text', 'text', 0, 3, 3, 3, 3],
      rows: r.means.map((m) => [
        nameOf(study, m.key),
        r.sources[m.sourceIndex].label,
        m.stat.n,
        fixed(m.stat.mean),
        fixed(m.stat.sd),
        fixed(m.stat.low),
        fixed(m.stat.high),
      ]),
      provenance: r.provenance,
    }
  const [a, b] = r.sources.map((s) => s.label)
  return {
    title: `${study.name}: preferences`,
    label: `${label}-preferences`,
    columns: [
      'Aspect',
      `${a} preferred`,
      `${b} preferred`,
      'Ties',
      `${a} rate`,
      '95% CI low',
      '95% CI high',
      'p (sign test)',
    ],
    formats: ['text', 0, 0, 0, 3, 3, 3, 'p'],
    rows: r.preferences.map((p) => [
      nameOf(study, p.key),
      p.stat.first,
      p.stat.second,
      p.stat.ties,
      fixed(p.stat.rate),
      fixed(p.stat.low),
      fixed(p.stat.high),
      p.stat.p === null ? null : p.stat.p < 0.001 ? '<0.001' : p.stat.p.toFixed(3),
    ]),
    footnotes: [`Rate: how often ${a} was preferred when the answer was not a tie.`],
    provenance: r.provenance,
  }
}

/** Agreement per item (and overall), humans and humans with the LLM judge side by side. */
export function agreementTable(study: StudyRecord, r: StudyResults): Table {
  const cells = (f: AgreementFigures | null) =>
    f
      ? [f.units, fixed(f.alphaInterval), fixed(f.alphaOrdinal), fixed(f.icc21), fixed(f.icc2k), f.iccUnits]
      : [null, null, null, null, null, null]
  const rows = r.agreement.flatMap((a) => [
    [nameOf(study, a.key), 'humans', a.humans.raters, ...cells(a.humans)],
    ...(a.withJudge ? [[nameOf(study, a.key), 'humans + LLM judge', a.withJudge.raters, ...cells(a.withJudge)]] : []),
  ])
  return {
    title: `${study.name}: inter-rater agreement`,
    label: `study-${study.id.slice(0, 8)}-agreement`,
    columns: [
      'Item',
      'Raters',
      'k',
      'Units',
      'alpha (interval)',
      'alpha (ordinal)',
      'ICC(2,1)',
      'ICC(2,k)',
      'ICC units',
    ],
    formats: ['text', 'text', 0, 0, 3, 3, 3, 3, 0],
    rows,
    footnotes: [
      'ICC(2,·) is computed over the units every rater of the row rated; "---" where there are none (use alpha).',
      ...(r.design === 'pairwise' ? ['Pairwise answers enter as -1 (first source better), 0 (tie), 1 (second).'] : []),
    ],
    provenance: r.provenance,
  }
}

/** Every answer (and comment) as one CSV row. */
export function ratingsCsv(repo: StudyRepo, study: StudyRecord): ExportedFile {
  const units = new Map<string, UnitRecord>(repo.units(study.id).map((u) => [u.id, u]))
  const kinds = new Map(repo.raters(study.id).map((r) => [r.name.toLowerCase(), r.kind]))
  const pairwise = study.design === 'pairwise'
  const label = (i: number) => study.sources[i].label || study.sources[i].datasetName
  const unitCells = (u: UnitRecord) =>
    pairwise
      ? [
          u.code,
          u.dialogues[0].dialogueId,
          u.dialogues[1].dialogueId,
          u.dialogues[0].sourceId,
          u.dialogues[1].sourceId,
          u.swapped ? label(1) : label(0),
        ]
      : [
          u.code,
          u.dialogues[0].dialogueId,
          u.dialogues[0].sourceId,
          u.dialogues[0].datasetId,
          label(u.dialogues[0].sourceIndex),
        ]
  const fields = pairwise
    ? [
        'study',
        'unit',
        'first_dialogue_id',
        'second_dialogue_id',
        'first_source_id',
        'second_source_id',
        'shown_as_a',
        'rater',
        'rater_kind',
        'item',
        'value',
        'shown_choice',
        'time',
      ]
    : [
        'study',
        'unit',
        'dialogue_id',
        'source_id',
        'dataset_id',
        'source',
        'rater',
        'rater_kind',
        'item',
        'value',
        'time',
      ]
  const rows: string[][] = []
  for (const a of repo.answers(study.id)) {
    const u = units.get(a.unitId)
    if (!u) continue
    const value = pairwise ? (a.value < 0 ? label(0) : a.value > 0 ? label(1) : 'tie') : String(a.value)
    rows.push([
      study.name,
      ...unitCells(u),
      a.rater,
      kinds.get(a.rater.toLowerCase()) ?? 'human',
      a.key,
      value,
      ...(pairwise ? [shownChoice(a.value, u.swapped)] : []),
      a.updatedAt,
    ])
  }
  for (const c of repo.comments(study.id)) {
    const u = units.get(c.unitId)
    if (!u) continue
    rows.push([
      study.name,
      ...unitCells(u),
      c.rater,
      'human',
      'comment',
      c.text,
      ...(pairwise ? [''] : []),
      c.updatedAt,
    ])
  }
  return {
    fileName: `study-${study.id.slice(0, 8)}-ratings.csv`,
    mimeType: 'text/csv',
    content: `${Papa.unparse({ fields, data: rows })}\n`,
  }
}

export function exportTable(table: Table, format: 'csv' | 'markdown' | 'latex', name: string): ExportedFile {
  const rendered = renderTable(table, format)
  return { fileName: `${name}.${rendered.extension}`, mimeType: rendered.mimeType, content: rendered.content }
}
