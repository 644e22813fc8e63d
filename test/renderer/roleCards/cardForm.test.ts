import { beforeAll, describe, expect, it } from 'vitest'
import { RoleCardInputSchema, RoleCardSchema } from '@shared/roleCard'
import { emptyForm, formFromCard, formToInput } from '../../../src/renderer/src/pages/roleCards/cardForm'
import { CARD_FIELD_PATHS, cardFieldLabel } from '../../../src/renderer/src/pages/roleCards/cardFieldPaths'
import i18next from 'i18next'
import { useUiStrings } from '../i18n'

beforeAll(() => useUiStrings('en'))

const seeded = RoleCardSchema.parse({
  id: 'c1',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  language: 'en',
  complaint: { body: 'I freeze before every presentation.' },
  attitude: { label: 'negative', instruction: 'Doubt that talking helps.' },
  seed: {
    clientInformation: 'Name: Sam. Age: 29.',
    reasonForCounseling: 'Fear of presentations.',
    counselorOpening: 'Hi Sam, what brings you here?',
    clientOpening: 'My boss made me come.',
  },
})

describe('the card editor’s attitude and seed record', () => {
  it('keeps a seeded card’s attitude and seed when it is edited and saved', () => {
    const form = { ...formFromCard(seeded), name: 'Sam' }
    const input = formToInput(form)
    expect(input.attitude).toEqual(seeded.attitude)
    expect(input.seed).toEqual(seeded.seed)
  })

  it('sends none when the fields are blank', () => {
    const input = formToInput({ ...emptyForm('en'), complaintBody: 'x' })
    expect(input.attitude).toBeNull()
    expect(input.seed).toBeNull()
  })

  it('an instruction without a label is reported at the label field, with its label', () => {
    const form = { ...emptyForm('en'), complaintBody: 'x', attitude: { label: '', instruction: 'Be wary.' } }
    const parsed = RoleCardInputSchema.safeParse(formToInput(form))
    expect(parsed.success).toBe(false)
    const path = parsed.error!.issues[0].path.join('.')
    expect(path).toBe('attitude.label')
    expect(CARD_FIELD_PATHS).toContain(path)
    expect(cardFieldLabel(path, i18next.t)).toBe('Attitude label')
    expect(cardFieldLabel('seed.clientOpening', i18next.t)).toBe('Seed record · Client opening line')
  })
})
