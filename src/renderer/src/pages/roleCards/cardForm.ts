import {
  BIG_FIVE,
  type BigFiveTrait,
  type Language,
  type Level,
  type ResistanceBehaviour,
  type RoleCard,
  type RoleCardInput,
} from '@shared/roleCard'

export interface TraitForm {
  level: Level | null
  description: string
}

/** What the editor holds: like RoleCardInput, but with age as typed text. */
export interface CardForm {
  language: Language
  name: string
  gender: string
  age: string
  education: string
  occupation: string
  maritalStatus: string
  family: string
  bigFive: Record<BigFiveTrait, TraitForm>
  resistance: TraitForm
  complaintTitle: string
  complaintBody: string
  tags: string[]
  pool: string
  source: string
  provenance: string
  notes: string
  example: boolean
  /** The attitude toward counseling; both blank = none. */
  attitude: { label: string; instruction: string }
  /** The seed record's fields; all blank = not from a seed. */
  seed: SeedForm
  /** Withheld facts and resistance behaviours (the dynamic client's), numbers as typed text. */
  withheld: { text: string; threshold: string }[]
  resistanceBehaviours: { behaviour: ResistanceBehaviour; frequency: string }[]
}

export interface SeedForm {
  clientInformation: string
  reasonForCounseling: string
  counselorOpening: string
  clientOpening: string
}

export const SEED_FIELDS = ['clientInformation', 'reasonForCounseling', 'counselorOpening', 'clientOpening'] as const
const emptySeed = (): SeedForm => ({
  clientInformation: '',
  reasonForCounseling: '',
  counselorOpening: '',
  clientOpening: '',
})

const emptyTrait = (): TraitForm => ({ level: null, description: '' })

export function emptyForm(language: Language): CardForm {
  return {
    language,
    name: '',
    gender: '',
    age: '',
    education: '',
    occupation: '',
    maritalStatus: '',
    family: '',
    bigFive: Object.fromEntries(BIG_FIVE.map((trait) => [trait, emptyTrait()])) as Record<BigFiveTrait, TraitForm>,
    resistance: emptyTrait(),
    complaintTitle: '',
    complaintBody: '',
    tags: [],
    pool: '',
    source: '',
    provenance: '',
    notes: '',
    example: false,
    attitude: { label: '', instruction: '' },
    seed: emptySeed(),
    withheld: [],
    resistanceBehaviours: [],
  }
}

export function formFromCard(card: RoleCard): CardForm {
  return {
    language: card.language,
    name: card.name,
    gender: card.gender,
    age: card.age === null ? '' : String(card.age),
    education: card.education,
    occupation: card.occupation,
    maritalStatus: card.maritalStatus,
    family: card.family,
    bigFive: Object.fromEntries(BIG_FIVE.map((trait) => [trait, { ...card.bigFive[trait] }])) as Record<
      BigFiveTrait,
      TraitForm
    >,
    resistance: { ...card.resistance },
    complaintTitle: card.complaint.title,
    complaintBody: card.complaint.body,
    tags: [...card.tags],
    pool: card.pool,
    source: card.source,
    provenance: card.provenance,
    notes: card.notes,
    example: card.example,
    attitude: card.attitude ? { ...card.attitude } : { label: '', instruction: '' },
    seed: card.seed ? { ...card.seed } : emptySeed(),
    withheld: card.withheld.map((f) => ({ text: f.text, threshold: String(f.threshold) })),
    resistanceBehaviours: card.resistanceBehaviours.map((b) => ({
      behaviour: b.behaviour,
      frequency: String(b.frequency),
    })),
  }
}

/** A number as typed, or the text itself when it is not one (the server then says what is wrong, and where). */
const typedNumber = (text: string): number => {
  const n = Number(text)
  return text.trim() !== '' && Number.isFinite(n) ? n : (text as unknown as number)
}

export const hasAttitude = (form: CardForm) =>
  form.attitude.label.trim() !== '' || form.attitude.instruction.trim() !== ''
export const hasSeed = (form: CardForm) => SEED_FIELDS.some((key) => form.seed[key].trim() !== '')

/** Age is the one field the browser cannot hand over as-is; everything else is checked by the server. */
export function ageIsValid(age: string): boolean {
  return age.trim() === '' || /^\d+$/.test(age.trim())
}

export function formToInput(form: CardForm): RoleCardInput {
  const age = form.age.trim()
  return {
    language: form.language,
    name: form.name,
    gender: form.gender,
    age: age === '' ? null : Number(age),
    education: form.education,
    occupation: form.occupation,
    maritalStatus: form.maritalStatus,
    family: form.family,
    bigFive: form.bigFive,
    resistance: form.resistance,
    complaint: { title: form.complaintTitle, body: form.complaintBody },
    tags: form.tags,
    pool: form.pool,
    source: form.source,
    provenance: form.provenance,
    notes: form.notes,
    example: form.example,
    attitude: hasAttitude(form) ? { ...form.attitude } : null,
    seed: hasSeed(form) ? { ...form.seed } : null,
    withheld: form.withheld.map((f) => ({ text: f.text, threshold: typedNumber(f.threshold) })),
    resistanceBehaviours: form.resistanceBehaviours.map((b) => ({
      behaviour: b.behaviour,
      frequency: typedNumber(b.frequency),
    })),
  }
}

export function formsEqual(a: CardForm, b: CardForm): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}
