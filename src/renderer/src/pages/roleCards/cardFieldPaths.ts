import type { TFunction } from 'i18next'
import { BIG_FIVE } from '@shared/roleCard'

/** Dotted paths of the RoleCardInput fields; server errors are placed next to these. */
export const CARD_FIELD_PATHS: string[] = [
  'id',
  'language',
  'name',
  'gender',
  'age',
  'education',
  'occupation',
  'maritalStatus',
  'family',
  ...BIG_FIVE.flatMap((trait) => [`bigFive.${trait}.level`, `bigFive.${trait}.description`]),
  'resistance.level',
  'resistance.description',
  'complaint.title',
  'complaint.body',
  'attitude',
  'attitude.label',
  'attitude.instruction',
  'seed.clientInformation',
  'seed.reasonForCounseling',
  'seed.counselorOpening',
  'seed.clientOpening',
  'withheld',
  'withheld.text',
  'withheld.threshold',
  'resistanceBehaviours',
  'resistanceBehaviours.behaviour',
  'resistanceBehaviours.frequency',
  'tags',
  'pool',
  'source',
  'provenance',
  'notes',
]

/** The label the editor shows for a field path, e.g. "bigFive.openness.level" → "Openness · Level". */
export function cardFieldLabel(path: string, t: TFunction): string {
  const [head, middle, tail] = path.split('.')
  if (head === 'bigFive' && middle && tail) return `${t(`editor.traits.${middle}`)} · ${t(`editor.fields.${tail}`)}`
  if (head === 'resistance' && middle) return `${t('editor.sections.resistance')} · ${t(`editor.fields.${middle}`)}`
  if (head === 'complaint' && middle)
    return t(middle === 'title' ? 'editor.fields.complaintTitle' : 'editor.fields.complaintBody')
  if (head === 'attitude')
    return middle === 'instruction' ? t('methods.card.attitudeInstruction') : t('methods.card.attitudeLabel')
  if (head === 'seed' && middle) return `${t('methods.card.seed')} · ${t(`methods.card.${middle}`)}`
  if (head === 'withheld')
    return middle
      ? `${t('clients.card.withheld')} · ${t(`clients.card.${middle === 'text' ? 'factText' : 'threshold'}`)}`
      : t('clients.card.withheld')
  if (head === 'resistanceBehaviours')
    return middle ? `${t('clients.card.behaviours')} · ${t(`clients.card.${middle}`)}` : t('clients.card.behaviours')
  if (head === 'id') return t('editor.idLabel')
  return t(`editor.fields.${head}`, { defaultValue: path })
}
