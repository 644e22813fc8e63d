import { BIG_FIVE, type RoleCard, type RoleCardExportFormat } from '@shared/roleCard'
import Papa from 'papaparse'
import { CSV_COLUMNS, CSV_FORMULA_START, cardToCsvRecord } from './formats/csv'
import { NATIVE_FORMAT_NAME, NATIVE_FORMAT_VERSION } from './formats/native'

export interface SerializedRoleCards {
  content: string
  mimeType: string
  /** Without the dot: 'json', 'jsonl' or 'csv'. */
  extension: string
}

/** Writes cards so that parseRoleCardFile reads back exactly the same cards (ids and timestamps included). */
export function serializeRoleCards(cards: RoleCard[], format: RoleCardExportFormat): SerializedRoleCards {
  switch (format) {
    case 'json': {
      const document = { format: NATIVE_FORMAT_NAME, version: NATIVE_FORMAT_VERSION, roleCards: cards.map(orderedCard) }
      return { content: `${JSON.stringify(document, null, 2)}\n`, mimeType: 'application/json', extension: 'json' }
    }
    case 'jsonl': {
      const content = cards.map((card) => `${JSON.stringify(orderedCard(card))}\n`).join('')
      return { content, mimeType: 'application/x-ndjson', extension: 'jsonl' }
    }
    case 'csv': {
      const csv = Papa.unparse(
        { fields: [...CSV_COLUMNS], data: cards.map(cardToCsvRecord) },
        { newline: '\r\n', quotes: false, escapeFormulae: CSV_FORMULA_START },
      )
      // The BOM makes Excel read the file as UTF-8 (otherwise Chinese text shows as mojibake).
      return { content: `\uFEFF${csv}\r\n`, mimeType: 'text/csv', extension: 'csv' }
    }
  }
}

/** A fixed key order, so exports are stable and diff well whatever order the database returned the fields in. */
function orderedCard(card: RoleCard) {
  return {
    id: card.id,
    language: card.language,
    name: card.name,
    gender: card.gender,
    age: card.age,
    education: card.education,
    occupation: card.occupation,
    maritalStatus: card.maritalStatus,
    family: card.family,
    bigFive: Object.fromEntries(
      BIG_FIVE.map((trait) => [
        trait,
        { level: card.bigFive[trait].level, description: card.bigFive[trait].description },
      ]),
    ),
    resistance: { level: card.resistance.level, description: card.resistance.description },
    complaint: { title: card.complaint.title, body: card.complaint.body },
    attitude: card.attitude && { label: card.attitude.label, instruction: card.attitude.instruction },
    seed: card.seed && {
      clientInformation: card.seed.clientInformation,
      reasonForCounseling: card.seed.reasonForCounseling,
      counselorOpening: card.seed.counselorOpening,
      clientOpening: card.seed.clientOpening,
    },
    withheld: card.withheld.map((f) => ({ text: f.text, threshold: f.threshold })),
    resistanceBehaviours: card.resistanceBehaviours.map((b) => ({ behaviour: b.behaviour, frequency: b.frequency })),
    tags: card.tags,
    pool: card.pool,
    source: card.source,
    provenance: card.provenance,
    notes: card.notes,
    example: card.example,
    createdAt: card.createdAt,
    updatedAt: card.updatedAt,
  }
}
