import type { Level, RowError } from '@shared/roleCard'
import { containsHan, detectLanguage } from '../language'
import { describeValue, isPlainObject, validateCard, type FormatResult } from '../validation'

/*
 * CACTUS / MAGneT seed records. The intake form is plain text: a profile block ("Label: value", where the value may
 * also sit on the next line), then numbered sections. Observed variations that this reader handles: a section's text
 * on the heading line after a colon ("5. Academic/occupational functioning level: ..."), a heading without
 * "(including medical history)", "Social Support System: ..." without a number, and empty profile values
 * ("Occupation:" directly followed by "Education:").
 */

const PROFILE_LABELS = {
  name: 'name',
  age: 'age',
  gender: 'gender',
  occupation: 'occupation',
  education: 'education',
  'marital status': 'maritalStatus',
  'family details': 'family',
} as const
type ProfileField = (typeof PROFILE_LABELS)[keyof typeof PROFILE_LABELS]
const PROFILE_LINE = /^\s*(name|age|gender|occupation|education|marital status|family details)\s*:\s*(.*)$/i

type SectionKey = 'presenting' | 'reason' | 'history' | 'functioning' | 'support'
const SECTION_PATTERNS: [SectionKey, RegExp][] = [
  ['presenting', /^presenting problem/i],
  ['reason', /^reason for seeking counseling/i],
  ['history', /^past history/i],
  ['functioning', /^(academic\/)?occupational functioning level/i],
  ['support', /^social support system/i],
]
/** Headings for the sections after the first two, which go into the complaint body as separate paragraphs. */
const LATER_SECTIONS: [SectionKey, string][] = [
  ['history', 'Past history'],
  ['functioning', 'Functioning'],
  ['support', 'Social support'],
]

const RESISTANCE_BY_ATTITUDE: Record<string, Level> = { positive: 'low', neutral: 'medium', negative: 'high' }
export const SEED_ATTITUDES: readonly string[] = Object.keys(RESISTANCE_BY_ATTITUDE)
/** The dataset's own wording for a value the form leaves out; used for blank profile fields so all cards read alike. */
const NOT_SPECIFIED = 'Not specified'
const MAX_TITLE_LENGTH = 120

export interface IntakeForm {
  profile: Partial<Record<ProfileField, string>>
  sections: Partial<Record<SectionKey, string>>
}

export function parseIntakeForm(text: string): IntakeForm {
  const profile: IntakeForm['profile'] = {}
  const sectionLines: Partial<Record<SectionKey, string[]>> = {}
  let currentField: ProfileField | null = null
  let currentSection: SectionKey | null = null

  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim()
    const heading = matchSectionHeading(line)
    if (heading) {
      currentSection = heading.key
      const lines = (sectionLines[heading.key] ??= [])
      if (heading.rest) lines.push(heading.rest)
      continue
    }
    if (currentSection) {
      sectionLines[currentSection]!.push(line)
      continue
    }
    const labelled = PROFILE_LINE.exec(line)
    if (labelled) {
      currentField = PROFILE_LABELS[labelled[1].toLowerCase() as keyof typeof PROFILE_LABELS]
      profile[currentField] = labelled[2].trim()
    } else if (currentField && line) {
      const value = line.replace(/^-\s*/, '')
      profile[currentField] = profile[currentField] ? `${profile[currentField]} ${value}` : value
    }
  }

  const sections: IntakeForm['sections'] = {}
  for (const [key, lines] of Object.entries(sectionLines) as [SectionKey, string[]][]) {
    const joined = lines.join('\n').trim()
    if (joined) sections[key] = joined
  }
  return { profile, sections }
}

/** Numbered headings ("4. Past History ...") count anywhere; unnumbered ones only as "Heading: text". */
function matchSectionHeading(line: string): { key: SectionKey; rest: string } | null {
  const numbered = /^\d+\.\s*(.*)$/.exec(line)
  const candidate = numbered ? numbered[1] : line
  for (const [key, pattern] of SECTION_PATTERNS) {
    const match = pattern.exec(candidate)
    if (!match) continue
    const after = candidate
      .slice(match[0].length)
      .replace(/^\s*\([^)]*\)/, '')
      .trim()
    if (!numbered && !after.startsWith(':')) return null
    return { key, rest: after.replace(/^:/, '').trim() }
  }
  return null
}

export function firstSentence(text: string): string {
  const firstLine = text.split('\n')[0].trim()
  const sentence = /^.*?[.!?](?=\s|$)/.exec(firstLine)?.[0] ?? firstLine
  if (sentence.length <= MAX_TITLE_LENGTH) return sentence
  const cut = sentence.slice(0, MAX_TITLE_LENGTH - 1)
  const lastSpace = cut.lastIndexOf(' ')
  return `${lastSpace > 40 ? cut.slice(0, lastSpace) : cut}…`
}

function complaintBody(sections: IntakeForm['sections']): string {
  const paragraphs = [sections.presenting, sections.reason]
  for (const [key, heading] of LATER_SECTIONS) {
    if (sections[key]) paragraphs.push(`${heading}:\n${sections[key]}`)
  }
  return paragraphs.filter(Boolean).join('\n\n')
}

/** A JSON array of CACTUS-style records. Rows are 1-based array positions. */
export function parseCactus(fileName: string, value: unknown): FormatResult {
  if (!Array.isArray(value)) {
    return {
      rows: 0,
      cards: [],
      errors: [
        {
          file: fileName,
          row: null,
          field: null,
          message: `expected a JSON array of CACTUS records, got ${describeValue(value)}`,
        },
      ],
    }
  }
  const result: FormatResult = { rows: value.length, cards: [], errors: [] }
  for (const [index, record] of value.entries()) {
    const row = index + 1
    const mapped = cactusRecordToInput(record, fileName, row)
    if (!mapped.ok) {
      result.errors.push(...mapped.errors)
      continue
    }
    // Errors name the record's own fields (a too-long seed line is AI_counselor.CBT.init_history_counselor).
    const validated = validateCard(mapped.input, fileName, row, (path) => mapped.fields[path] ?? path)
    if (validated.ok) result.cards.push({ row, card: validated.card })
    else result.errors.push(...validated.errors)
  }
  return result
}

function cactusRecordToInput(
  record: unknown,
  file: string,
  row: number,
): { ok: true; input: unknown; fields: Record<string, string> } | { ok: false; errors: RowError[] } {
  const errors: RowError[] = []
  const fail = (field: string | null, message: string) => ({
    ok: false as const,
    errors: [{ file, row, field, message }],
  })
  if (!isPlainObject(record)) return fail(null, `each record must be an object (got ${describeValue(record)})`)
  const client = record.AI_client
  if (!isPlainObject(client)) return fail('AI_client', `AI_client: must be an object (got ${describeValue(client)})`)
  const intake = client.intake_form
  if (typeof intake !== 'string' || intake.trim() === '') {
    return fail('AI_client.intake_form', `AI_client.intake_form: is missing or empty (got ${describeValue(intake)})`)
  }

  const { profile, sections } = parseIntakeForm(intake)
  let age: number | null = null
  if (profile.age !== undefined) {
    if (/^\d{1,3}$/.test(profile.age)) age = Number(profile.age)
    else
      errors.push({
        file,
        row,
        field: 'age',
        message: `age: the intake form's "Age:" is not a whole number (got ${describeValue(profile.age)})`,
      })
  }
  if (!sections.presenting) {
    errors.push({
      file,
      row,
      field: 'AI_client.intake_form',
      message: 'AI_client.intake_form: has no "Presenting Problem" section',
    })
  }

  const attitude = client.attitude
  let resistanceLevel: Level | null = null
  if (attitude !== undefined && attitude !== null) {
    resistanceLevel =
      typeof attitude === 'string' && Object.hasOwn(RESISTANCE_BY_ATTITUDE, attitude)
        ? RESISTANCE_BY_ATTITUDE[attitude]
        : null
    if (!resistanceLevel) {
      errors.push({
        file,
        row,
        field: 'AI_client.attitude',
        message: `AI_client.attitude: must be positive, neutral or negative (got ${describeValue(attitude)})`,
      })
    }
  }
  const instruction = client.attitude_instruction
  if (instruction !== undefined && instruction !== null && typeof instruction !== 'string') {
    errors.push({
      file,
      row,
      field: 'AI_client.attitude_instruction',
      message: `AI_client.attitude_instruction: must be text (got ${describeValue(instruction)})`,
    })
  }
  const seed = readSeed(record.AI_counselor, client, file, row, errors)

  const techniques = record.ground_truth_CBT
  if (
    techniques !== undefined &&
    techniques !== null &&
    !(Array.isArray(techniques) && techniques.every((t) => typeof t === 'string'))
  ) {
    errors.push({
      file,
      row,
      field: 'ground_truth_CBT',
      message: `ground_truth_CBT: must be a list of technique names (got ${describeValue(techniques)})`,
    })
  }
  if (errors.length) return { ok: false, errors }

  const notes: string[] = []
  if (Array.isArray(techniques) && techniques.length)
    notes.push(`Ground-truth CBT techniques: ${techniques.join('; ')}`)
  const chineseOpening = chineseInitHistory(record.AI_counselor)
  if (chineseOpening)
    notes.push(`Chinese opening dialogue (AI_counselor.CBT.dialogue_history_init):\n${chineseOpening}`)

  const idx = record.idx
  const provenance = `${file} #${row}` + (typeof idx === 'number' || typeof idx === 'string' ? ` (idx ${idx})` : '')
  const instructionText = typeof instruction === 'string' ? instruction : ''
  return {
    ok: true,
    fields: seed.fields,
    input: {
      // The card's language is the language its sessions are held in. A seed-opened session starts with the seed's
      // two lines, so they decide when present: CACTUS's Chinese release keeps the intake form, client information
      // and reason in English but gives the opening lines in Chinese (detectLanguage of the form says 'en', of the
      // lines 'zh'), and a session from such a card runs in Chinese with the Chinese client and counselor prompts.
      language: detectLanguage(seed.value ? `${seed.value.counselorOpening}\n${seed.value.clientOpening}` : intake),
      name: profile.name ?? '',
      gender: profile.gender ?? '',
      age,
      occupation: profile.occupation || NOT_SPECIFIED,
      education: profile.education || NOT_SPECIFIED,
      maritalStatus: profile.maritalStatus || NOT_SPECIFIED,
      family: profile.family || NOT_SPECIFIED,
      resistance: {
        level: resistanceLevel,
        description: instructionText,
      },
      attitude:
        typeof attitude === 'string' && resistanceLevel ? { label: attitude, instruction: instructionText } : null,
      seed: seed.value,
      complaint: { title: firstSentence(sections.presenting!), body: complaintBody(sections) },
      tags: resistanceLevel ? [`attitude:${attitude}`] : [],
      source: 'cactus',
      provenance,
      notes: notes.join('\n\n'),
    },
  }
}

type Seed = { clientInformation: string; reasonForCounseling: string; counselorOpening: string; clientOpening: string }

const SEED_FIELDS = {
  clientInformation: 'client_information',
  reasonForCounseling: 'reason_counseling',
  counselorOpening: 'init_history_counselor',
  clientOpening: 'init_history_client',
} as const satisfies Record<keyof Seed, string>

/** "Counselor: ..." / "咨询师：..." lines of a dialogue_history_init (ASCII or full-width colon). */
const COUNSELOR_LINE = /^\s*(?:counselor|咨询师)\s*[:：]\s*(.*)$/i
const CLIENT_LINE = /^\s*(?:client|来访者)\s*[:：]\s*(.*)$/i

/**
 * The seed fields from AI_counselor.CBT: client information, reason for counseling and the two opening lines. When
 * init_history_counselor / init_history_client are absent, the lines come from CBT.dialogue_history_init (the
 * Chinese release's "咨询师: …\n来访者: …"), then from AI_client.dialogue_history_init. null when the record gives none
 * of them. Non-text values are row errors.
 */
function readSeed(
  counselor: unknown,
  client: Record<string, unknown>,
  file: string,
  row: number,
  errors: RowError[],
): { value: Seed | null; fields: Record<string, string> } {
  const fields: Record<string, string> = {
    'attitude.instruction': 'AI_client.attitude_instruction',
    'resistance.description': 'AI_client.attitude_instruction',
  }
  if (counselor === undefined || counselor === null) return { value: null, fields }
  if (!isPlainObject(counselor)) {
    const message = `AI_counselor: must be an object (got ${describeValue(counselor)})`
    errors.push({ file, row, field: 'AI_counselor', message })
    return { value: null, fields }
  }
  const cbt = counselor.CBT
  if (cbt === undefined || cbt === null) return { value: null, fields }
  if (!isPlainObject(cbt)) {
    errors.push({
      file,
      row,
      field: 'AI_counselor.CBT',
      message: `AI_counselor.CBT: must be an object (got ${describeValue(cbt)})`,
    })
    return { value: null, fields }
  }
  const text = (owner: Record<string, unknown>, name: string, field: string): string => {
    const value = owner[name]
    if (value === undefined || value === null) return ''
    if (typeof value === 'string') return value.trim()
    errors.push({ file, row, field, message: `${field}: must be text (got ${describeValue(value)})` })
    return ''
  }
  const seed = {} as Seed
  for (const [key, name] of Object.entries(SEED_FIELDS) as [keyof Seed, string][]) {
    fields[`seed.${key}`] = `AI_counselor.CBT.${name}`
    seed[key] = text(cbt, name, `AI_counselor.CBT.${name}`)
  }
  for (const [owner, field] of [
    [cbt, 'AI_counselor.CBT.dialogue_history_init'],
    [client, 'AI_client.dialogue_history_init'],
  ] as const) {
    if (seed.counselorOpening && seed.clientOpening) break
    const lines = text(owner, 'dialogue_history_init', field).split(/\r?\n/)
    const counselorLine = lines.map((l) => COUNSELOR_LINE.exec(l)?.[1]).find((l) => l)
    const clientLine = lines.map((l) => CLIENT_LINE.exec(l)?.[1]).find((l) => l)
    if (!counselorLine || !clientLine) continue
    seed.counselorOpening ||= counselorLine.trim()
    seed.clientOpening ||= clientLine.trim()
    fields['seed.counselorOpening'] = fields['seed.clientOpening'] = field
  }
  return { value: Object.values(seed).some(Boolean) ? seed : null, fields }
}

function chineseInitHistory(counselor: unknown): string | null {
  if (!isPlainObject(counselor) || !isPlainObject(counselor.CBT)) return null
  const history = counselor.CBT.dialogue_history_init
  return typeof history === 'string' && containsHan(history) ? history.trim() : null
}
