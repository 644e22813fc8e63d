import { ClientStateTraceSchema } from '@shared/clients/dynamic'
import { DialogueStatusSchema, SPEAKERS, type DialogueDetail } from '@shared/dialogue'
import { LANGUAGES, type RowError } from '@shared/roleCard'
import { z } from 'zod'
import { describeValue, isPlainObject, readTimestamp, validateCard } from '../../roleCards/validation'
import { RowProblems, checkSpeakers, dialogueLanguage } from './messages'
import type { ImportedMessage, ImportedRoleCard, RecordResult, SourceRecord } from './types'

/** The workbench's own JSONL: an optional header line, then one dialogue per line. */
export const NATIVE_DATASET_FORMAT = 'simpsy-dialogues'
export const NATIVE_DATASET_VERSION = 1

const count = z.number().int().min(0)

/**
 * How a reply was made (TurnTrace). The known fields are checked; others are kept as they are (loose objects), so a
 * trace written by a newer method survives an export and import unchanged.
 */
const TraceSchema = z.looseObject({
  method: z.string().optional(),
  steps: z
    .array(
      z.looseObject({
        agent: z.string(),
        content: z.string(),
        model: z.string().nullable(),
        latencyMs: count.nullable(),
        promptTokens: count.nullable(),
        completionTokens: count.nullable(),
        parsed: z.array(z.string()).optional(),
      }),
    )
    .optional(),
  endToken: z.looseObject({ token: z.string(), counted: z.boolean() }).optional(),
  clientState: ClientStateTraceSchema.optional(),
})

const MessageSchema = z
  .strictObject({
    speaker: z.enum(SPEAKERS),
    content: z.string(),
    model: z.string().nullable().optional(),
    latencyMs: count.nullable().optional(),
    promptTokens: count.nullable().optional(),
    completionTokens: count.nullable().optional(),
    flagged: z.boolean().optional(),
    rejected: z.array(z.strictObject({ content: z.string(), reasons: z.array(z.string()) })).optional(),
    trace: TraceSchema.nullable().optional(),
  })
  // A flagged message is one the workbench kept although it failed refinement, which includes being empty.
  .refine((m) => m.flagged || m.content.trim() !== '', { message: 'must not be empty', path: ['content'] })

const EndReasonSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('keyword'), keyword: z.string(), turn: count }),
  z.strictObject({ kind: z.literal('end_token'), token: z.string(), turn: count }),
  z.strictObject({ kind: z.literal('max_turns'), turn: count }),
  z.strictObject({ kind: z.literal('error'), message: z.string() }),
  z.strictObject({ kind: z.literal('cancelled') }),
  z.strictObject({ kind: z.literal('imported') }),
  z.strictObject({ kind: z.literal('test_drive') }),
])

const LineSchema = z.strictObject({
  id: z.string().min(1).nullable().optional(),
  language: z.enum(LANGUAGES).optional(),
  // Files written before the rename say "complete": read as "completed".
  status: DialogueStatusSchema.optional(),
  endReason: EndReasonSchema.nullable().optional(),
  systemPrompt: z.string().nullable().optional(),
  roleCard: z.unknown().optional(),
  messages: z.array(MessageSchema),
  meta: z.record(z.string(), z.unknown()).optional(),
})

export function isNativeHeader(value: unknown): boolean {
  return isPlainObject(value) && 'format' in value && !('messages' in value)
}

/** Checks a header record; returns the errors (none if it is a header this version reads). */
export function checkNativeHeader(file: string, record: SourceRecord, isFirst: boolean): RowError[] {
  const problems = new RowProblems(file, record.row)
  const header = record.value as Record<string, unknown>
  if (!isFirst) problems.add(null, 'a header line ({"format": ...}) may only be the first line')
  if (header.format !== NATIVE_DATASET_FORMAT)
    problems.add('format', `must be "${NATIVE_DATASET_FORMAT}" (got ${describeValue(header.format)})`)
  else if (header.version !== undefined && !(Number.isInteger(header.version) && (header.version as number) >= 1)) {
    problems.add(
      'version',
      `must be a whole number such as ${NATIVE_DATASET_VERSION} (got ${describeValue(header.version)})`,
    )
  } else if ((header.version as number) > NATIVE_DATASET_VERSION) {
    problems.add(
      'version',
      `this app reads version ${NATIVE_DATASET_VERSION} (got ${describeValue(header.version)}); a newer SimPsy Workbench wrote this file`,
    )
  }
  return problems.errors
}

export function readNativeRecord(file: string, record: SourceRecord): RecordResult {
  const problems = new RowProblems(file, record.row)
  const parsed = LineSchema.safeParse(record.value, { reportInput: true })
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys')
        issue.keys.forEach((key) => problems.add(fieldPath([...issue.path, key]), 'unknown field'))
      else problems.add(fieldPath(issue.path), describeIssue(issue))
    }
    return { ok: false, errors: problems.errors }
  }
  const line = parsed.data
  const roleCard = line.roleCard === undefined || line.roleCard === null ? null : readRoleCard(line.roleCard, problems)
  const messages = line.messages.map(toImportedMessage)
  // Unfinished dialogues (failed, cancelled, ...) are kept as they were, even with one speaker or no messages.
  if ((line.status ?? 'completed') === 'completed') checkSpeakers(messages, 'messages', problems)
  if (problems.errors.length) return { ok: false, errors: problems.errors }
  return {
    ok: true,
    dialogue: {
      row: record.row,
      externalId: line.id ?? null,
      language: line.language ?? dialogueLanguage(messages),
      messages,
      systemPrompt: line.systemPrompt ?? null,
      roleCard,
      meta: line.meta ?? {},
      ...(line.status !== undefined && { status: line.status }),
      ...(line.endReason !== undefined && { endReason: line.endReason }),
    },
  }
}

function readRoleCard(raw: unknown, problems: RowProblems): ImportedRoleCard | null {
  if (!isPlainObject(raw)) {
    problems.add('roleCard', `must be an object or null (got ${describeValue(raw)})`)
    return null
  }
  const { createdAt, updatedAt, ...input } = raw
  const created = readTimestamp(createdAt, problems.file, problems.row, 'roleCard.createdAt')
  const updated = readTimestamp(updatedAt, problems.file, problems.row, 'roleCard.updatedAt')
  const card = validateCard(input, problems.file, problems.row, (path) => `roleCard.${path}`)
  for (const result of [created, updated]) if (!result.ok) problems.errors.push(result.error)
  if (!card.ok) problems.errors.push(...card.errors)
  if (!card.ok || !created.ok || !updated.ok) return null
  return {
    ...card.card,
    ...(created.value && { createdAt: created.value }),
    ...(updated.value && { updatedAt: updated.value }),
  }
}

function toImportedMessage(m: z.output<typeof MessageSchema>): ImportedMessage {
  const message: ImportedMessage = { speaker: m.speaker, content: m.content }
  for (const key of [
    'model',
    'latencyMs',
    'promptTokens',
    'completionTokens',
    'flagged',
    'rejected',
    'trace',
  ] as const) {
    if (m[key] !== undefined) Object.assign(message, { [key]: m[key] })
  }
  return message
}

/** Zod path ['messages', 3, 'speaker'] → 'messages[3].speaker'. */
function fieldPath(path: PropertyKey[]): string | null {
  if (path.length === 0) return null
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`))
    .join('')
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input
  switch (issue.code) {
    case 'invalid_type': {
      const expected =
        issue.expected === 'array'
          ? 'a list'
          : /^[aeiou]/.test(issue.expected)
            ? `an ${issue.expected}`
            : `a ${issue.expected}`
      return input === undefined ? 'is required' : `must be ${expected} (got ${describeValue(input)})`
    }
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')} (got ${describeValue(input)})`
    case 'invalid_union': {
      // A discriminated union reports the whole object as input; the user needs the discriminator's value.
      const { discriminator, options } = issue as { discriminator?: string; options?: unknown[] }
      if (discriminator && options && isPlainObject(input)) {
        return `must be one of ${options.map((o) => JSON.stringify(o)).join(', ')} (got ${describeValue(input[discriminator])})`
      }
      return `is not a valid value (got ${describeValue(input)})`
    }
    default:
      return issue.message
  }
}

/** One line of the workbench's JSONL. Optional message fields are written only when set, and read back the same. */
export function writeNativeLine(dialogue: DialogueDetail) {
  return {
    id: dialogue.id,
    language: dialogue.language,
    status: dialogue.status,
    endReason: dialogue.endReason,
    systemPrompt: dialogue.systemPrompt,
    roleCard: dialogue.roleCard,
    messages: dialogue.messages.map((m) => ({
      speaker: m.speaker,
      content: m.content,
      model: m.model ?? undefined,
      latencyMs: m.latencyMs ?? undefined,
      promptTokens: m.promptTokens ?? undefined,
      completionTokens: m.completionTokens ?? undefined,
      flagged: m.flagged || undefined,
      rejected: m.rejected.length ? m.rejected : undefined,
      trace: m.trace ?? undefined,
    })),
    meta: dialogue.meta,
  }
}
