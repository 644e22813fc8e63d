import i18next from 'i18next'
import {
  CreateStudySchema,
  type Aspect,
  type Bilingual,
  type BuiltinRubric,
  type CreateStudyInput,
  type RubricItem,
  type StudyDefaults,
  type StudyDesign,
} from '@shared/study'
import type { Dataset } from '@shared/dialogue'
import { localizeMessage } from '../../../lib/localizeMessage'
import { localizeStudyMessage } from './studyMessages'

export interface SourceRow {
  datasetId: string
  label: string
  sampleSize: number
}

/** The new-study form: what `CreateStudySchema` takes, with the choices of both designs kept while switching. */
export interface StudyFormState {
  name: string
  design: StudyDesign
  /** Rubric: one or more; pairwise uses the first two (and the first one's sample size, the number of pairs). */
  sources: SourceRow[]
  pairBy: 'card' | 'source'
  seed: number
  ratersPerDialogue: number
  raters: string[]
  rubric: BuiltinRubric | 'custom'
  /** The items of a custom rubric (a built-in one's items are copied here by "Customise"). */
  customItems: RubricItem[]
  aspects: Aspect[]
  guidelines: Record<StudyDesign, Bilingual>
  comments: boolean
}

/** Messages by the input's dotted path ("sources.1.sampleSize", "items.0.key"). */
export type StudyFormErrors = Record<string, string>

const DEFAULT_SAMPLE = 30

export const sampleFor = (dataset: Dataset | undefined) =>
  Math.max(1, Math.min(DEFAULT_SAMPLE, dataset?.dialogueCount ?? DEFAULT_SAMPLE))

export function initialStudyForm(defaults: StudyDefaults, datasets: Dataset[]): StudyFormState {
  const first = datasets[0]
  return {
    name: '',
    design: 'rubric',
    sources: first ? [{ datasetId: first.id, label: '', sampleSize: sampleFor(first) }] : [],
    pairBy: 'card',
    seed: defaults.seed,
    ratersPerDialogue: defaults.ratersPerDialogue,
    raters: ['', '', ''].slice(0, Math.max(1, defaults.ratersPerDialogue)),
    rubric: defaults.rubrics[0]?.id ?? 'custom',
    customItems: [],
    aspects: defaults.aspects.map(copyAspect),
    guidelines: { rubric: { ...defaults.guidelines.rubric }, pairwise: { ...defaults.guidelines.pairwise } },
    comments: true,
  }
}

const copyBilingual = (text: Bilingual): Bilingual => ({ en: text.en, zh: text.zh })
export const copyItem = (item: RubricItem): RubricItem => ({
  key: item.key,
  name: copyBilingual(item.name),
  question: copyBilingual(item.question),
  scale: { ...item.scale },
  anchors: item.anchors.map((a) => ({ from: a.from, to: a.to, text: copyBilingual(a.text) })),
})
export const copyAspect = (aspect: Aspect): Aspect => ({
  key: aspect.key,
  name: copyBilingual(aspect.name),
  question: copyBilingual(aspect.question),
})

/** A new custom item: the next free key, a 1–7 scale, anchors at both ends to fill in. */
export function blankItem(existing: RubricItem[]): RubricItem {
  let n = existing.length + 1
  while (existing.some((item) => item.key === `item${n}`)) n++
  return {
    key: `item${n}`,
    name: { en: '', zh: '' },
    question: { en: '', zh: '' },
    scale: { min: 1, max: 7 },
    anchors: [],
  }
}

export function blankAspect(existing: Aspect[]): Aspect {
  let n = existing.length + 1
  while (existing.some((aspect) => aspect.key === `aspect${n}`)) n++
  return { key: `aspect${n}`, name: { en: '', zh: '' }, question: { en: '', zh: '' } }
}

/** One anchor per scale point, keeping the text of anchors already written for a point. */
export function anchorEveryLevel(item: RubricItem): RubricItem {
  const levels: number[] = []
  for (let v = item.scale.min; v <= item.scale.max; v++) levels.push(v)
  return {
    ...item,
    anchors: levels.map((v) => {
      const found = item.anchors.find((a) => a.from === v && a.to === v)
      return { from: v, to: v, text: found ? copyBilingual(found.text) : { en: '', zh: '' } }
    }),
  }
}

/** The items the study would be created with. */
export function itemsOf(state: StudyFormState, defaults: StudyDefaults): RubricItem[] {
  if (state.rubric === 'custom') return state.customItems
  return defaults.rubrics.find((r) => r.id === state.rubric)?.items ?? []
}

export function toInput(state: StudyFormState, defaults: StudyDefaults): CreateStudyInput {
  const rubric = state.design === 'rubric'
  const sources = rubric
    ? state.sources
    : state.sources.slice(0, 2).map((s) => ({ ...s, sampleSize: state.sources[0]?.sampleSize ?? s.sampleSize }))
  return {
    name: state.name,
    design: state.design,
    sources: sources.map((s) => ({ datasetId: s.datasetId, label: s.label, sampleSize: s.sampleSize })),
    seed: state.seed,
    ratersPerDialogue: state.ratersPerDialogue,
    raters: state.raters.map((r) => r.trim()),
    rubric: rubric ? state.rubric : 'custom',
    items: rubric ? itemsOf(state, defaults) : [],
    aspects: rubric ? [] : state.aspects,
    pairBy: state.pairBy,
    guidelines: state.guidelines[state.design],
    comments: state.comments,
  }
}

/** Every field a message can be placed at, rows included (the server's messages name their row). */
export function studyFieldPaths(state: StudyFormState): string[] {
  const bilingual = (path: string) => [path, `${path}.en`, `${path}.zh`]
  return [
    'name',
    'design',
    'sources',
    ...state.sources.flatMap((_, i) => ['datasetId', 'label', 'sampleSize'].map((f) => `sources.${i}.${f}`)),
    'seed',
    'ratersPerDialogue',
    'raters',
    ...state.raters.map((_, i) => `raters.${i}`),
    'rubric',
    'items',
    ...state.customItems.flatMap((item, i) => [
      `items.${i}`,
      `items.${i}.key`,
      ...bilingual(`items.${i}.name`),
      ...bilingual(`items.${i}.question`),
      `items.${i}.scale`,
      `items.${i}.scale.min`,
      `items.${i}.scale.max`,
      ...item.anchors.flatMap((_, j) => [`items.${i}.anchors.${j}`, ...bilingual(`items.${i}.anchors.${j}.text`)]),
    ]),
    'aspects',
    ...state.aspects.flatMap((_, i) => [
      `aspects.${i}`,
      `aspects.${i}.key`,
      ...bilingual(`aspects.${i}.name`),
      ...bilingual(`aspects.${i}.question`),
    ]),
    'pairBy',
    ...bilingual('guidelines'),
    'comments',
  ]
}

/** A bilingual text's message is shown at the text (its en or zh box names the same problem). */
const place = (path: string) => path.replace(/\.(en|zh)$/, '')

/** Checks the form the way the server will, so problems show next to their fields before anything is sent. */
export function validate(state: StudyFormState, defaults: StudyDefaults): StudyFormErrors {
  const input = toInput(state, defaults)
  const errors: StudyFormErrors = {}
  const parsed = CreateStudySchema.safeParse(input)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = place(issue.path.map(String).join('.'))
      if (errors[path]) continue
      const value = issue.path.reduce<unknown>(
        (at, key) => (at as Record<PropertyKey, unknown> | undefined)?.[key as string],
        input,
      )
      errors[path] =
        typeof value === 'number' && Number.isNaN(value)
          ? i18next.t('validation.number')
          : localizeStudyMessage(localizeMessage(issue.message))
    }
  }
  if (
    state.design === 'pairwise' &&
    state.sources.length === 2 &&
    state.sources[0].datasetId === state.sources[1].datasetId
  )
    errors['sources.1.datasetId'] ??= i18next.t('studies.form.sameDataset')
  return errors
}

/** The messages the server placed at fields, moved from a bilingual text's en/zh box to the text. */
export const placeServerErrors = (byField: Record<string, string>): StudyFormErrors =>
  Object.fromEntries(Object.entries(byField).map(([path, message]) => [place(path), localizeStudyMessage(message)]))

/** Switching design: pairwise needs exactly two datasets (a second, different one is added when there is one). */
export function withDesign(state: StudyFormState, design: StudyDesign, datasets: Dataset[]): StudyFormState {
  if (design === 'rubric' || state.sources.length >= 2) return { ...state, design }
  const first = state.sources[0]
  const other = datasets.find((d) => d.id !== first?.datasetId) ?? datasets[0]
  const second = { datasetId: other?.id ?? '', label: '', sampleSize: first?.sampleSize ?? sampleFor(other) }
  return { ...state, design, sources: first ? [first, second] : [second, { ...second }] }
}

/** Dialogues (rubric) or pairs (pairwise) the study would hold. */
export function unitCount(state: StudyFormState): number {
  const sizes = state.sources.map((s) => (Number.isFinite(s.sampleSize) ? s.sampleSize : 0))
  return state.design === 'pairwise' ? (sizes[0] ?? 0) : sizes.reduce((a, b) => a + b, 0)
}
