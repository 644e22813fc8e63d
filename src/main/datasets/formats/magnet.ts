import type { DialogueDetail } from '@shared/dialogue'
import type { RoleCardData } from '@shared/roleCard'
import { parseCactus, SEED_ATTITUDES } from '../../roleCards/formats/cactus'
import { describeValue, isPlainObject } from '../../roleCards/validation'
import { attitudeForResistance, renderIntakeForm } from './intakeForm'
import { RowProblems, conversationResult, otherKeys, readMessages, type MessageShape } from './messages'
import type { RecordResult, SourceRecord } from './types'

/**
 * MAGneT generated sessions: `{ AI_client: { intake_form, attitude, attitude_instruction, ... }, AI_counselor,
 * cbt_technique, cbt_plan, dialogue: [{ role: counselor|client, message }] }`, one JSON file per session.
 */
const SHAPE: MessageShape = {
  list: 'dialogue',
  role: 'role',
  content: 'message',
  roles: { client: 'client', counselor: 'counselor' },
}

/** AI_counselor repeats the intake form and the first exchange; the rest of the record is kept in meta. */
const NOT_KEPT = ['AI_client', 'AI_counselor', 'dialogue']

export function readMagnetRecord(file: string, record: SourceRecord): RecordResult {
  const problems = new RowProblems(file, record.row)
  const value = record.value
  if (!isPlainObject(value)) {
    problems.add(null, `each session must be an object with "AI_client" and "dialogue" (got ${describeValue(value)})`)
    return { ok: false, errors: problems.errors }
  }
  const { messages } = readMessages(value, SHAPE, problems)
  const roleCard = readRoleCard(file, record, problems)
  const meta: Record<string, unknown> = otherKeys(value, NOT_KEPT)
  const client = value.AI_client
  if (isPlainObject(client) && typeof client.attitude === 'string') meta.attitude = client.attitude
  // The releases open with the seed's counselor line; the workbench's runs say so the same way (config.opening).
  if (messages[0]?.speaker === 'counselor') meta.opening = 'seed'
  if (record.entry) meta.file = record.entry
  const baseName = record.entry
    ?.split('/')
    .pop()
    ?.replace(/\.json$/i, '')
  return conversationResult(record, problems, SHAPE.list, messages, {
    externalId: baseName || null,
    systemPrompt: null,
    roleCard,
    meta,
  })
}

/**
 * The intake form becomes a role card through the role-card importer's CACTUS mapping, so both importers build the
 * same card; only source and provenance say where this one came from. A session without an intake form has no card.
 */
function readRoleCard(file: string, record: SourceRecord, problems: RowProblems): RoleCardData | null {
  const client = (record.value as Record<string, unknown>).AI_client
  if (client === undefined || client === null) return null
  if (!isPlainObject(client)) {
    problems.add('AI_client', `must be an object (got ${describeValue(client)})`)
    return null
  }
  if (client.intake_form === undefined || client.intake_form === null) return null
  const parsed = parseCactus(file, [record.value])
  for (const error of parsed.errors) problems.errors.push({ ...error, file, row: record.row })
  const card = parsed.cards[0]?.card
  if (!card) return null
  const provenance = record.entry ? `${file}: ${record.entry}` : `${file} #${record.row}`
  return { ...card, source: 'magnet', provenance }
}

/**
 * A session in the release's layout. The card's attitude (label and instruction) goes to AI_client, its seed to
 * AI_counselor.CBT (client_information, reason_counseling, init_history_counselor, init_history_client); a card from
 * before those fields (or with a label the release does not know) gives the attitude its resistance level stands for.
 */
export function writeMagnetSession(dialogue: DialogueDetail) {
  const card = dialogue.roleCard
  const metaAttitude = typeof dialogue.meta.attitude === 'string' ? dialogue.meta.attitude : null
  // The release knows three attitudes (and its importer reads only those); another label gives way to the resistance.
  const label = card?.attitude && SEED_ATTITUDES.includes(card.attitude.label) ? card.attitude.label : null
  const attitude = card ? (label ?? attitudeForResistance(card.resistance.level)) : metaAttitude
  const instruction = card?.attitude?.instruction || card?.resistance.description
  const client: Record<string, unknown> = {}
  if (card) client.intake_form = renderIntakeForm(card)
  if (attitude) client.attitude = attitude
  if (instruction) client.attitude_instruction = instruction

  const session: Record<string, unknown> = { AI_client: client }
  if (card?.seed) {
    const { clientInformation, reasonForCounseling, counselorOpening, clientOpening } = card.seed
    session.AI_counselor = {
      CBT: {
        client_information: clientInformation,
        reason_counseling: reasonForCounseling,
        init_history_counselor: counselorOpening,
        init_history_client: clientOpening,
      },
    }
  }
  for (const key of ['cbt_technique', 'cbt_plan']) {
    if (dialogue.meta[key] !== undefined) session[key] = dialogue.meta[key]
  }
  session.dialogue = dialogue.messages.map((m) => ({ role: m.speaker, message: m.content }))
  return session
}
