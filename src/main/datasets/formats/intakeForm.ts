import type { Level, RoleCardData } from '@shared/roleCard'

/*
 * Writes a role card as a MAGneT/CACTUS intake form, in the layout of the source files, so that the role-card
 * importer's CACTUS mapping (parseIntakeForm + complaint body) reads the same fields back. The mapping puts the
 * Presenting Problem and Reason sections into the complaint body as two paragraphs, then the later sections under
 * "Past history:", "Functioning:" and "Social support:" headings; this undoes that.
 *
 * What the form cannot carry: the complaint title (re-read as the first sentence of the presenting problem), Big
 * Five, tags, pool, notes; line breaks inside profile values (they become spaces) and indentation of lines.
 */

const LATER_SECTIONS = [
  { label: 'Past history', heading: '4. Past History (including medical history)\n' },
  { label: 'Functioning', heading: '5. Academic/occupational functioning level: ' },
  { label: 'Social support', heading: '6. Social Support System\n' },
] as const

const ATTITUDE_BY_LEVEL: Record<Level, string> = {
  low: 'positive',
  somewhat_low: 'positive',
  medium: 'neutral',
  somewhat_high: 'negative',
  high: 'negative',
}

export function attitudeForResistance(level: Level | null): string | null {
  return level ? ATTITUDE_BY_LEVEL[level] : null
}

export function renderIntakeForm(card: RoleCardData): string {
  const oneLine = (value: string) =>
    value
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean)
      .join(' ')
  const profile: string[] = []
  if (card.name) profile.push(`Name:\n${oneLine(card.name)}`)
  if (card.age !== null) profile.push(`Age:\n${card.age}`)
  if (card.gender) profile.push(`Gender:\n${oneLine(card.gender)}`)
  if (card.occupation) profile.push(`Occupation: ${oneLine(card.occupation)}`)
  if (card.education) profile.push(`Education: ${oneLine(card.education)}`)
  if (card.maritalStatus) profile.push(`Marital Status: ${oneLine(card.maritalStatus)}`)
  if (card.family) profile.push(`Family Details: ${oneLine(card.family)}`)

  const { head, later } = splitComplaintBody(card.complaint.body)
  const breakAt = head.indexOf('\n\n')
  const presenting = breakAt < 0 ? head : head.slice(0, breakAt)
  const reason = breakAt < 0 ? '' : head.slice(breakAt + 2)

  const sections = [`2. Presenting Problem\n${presenting}`]
  if (reason.trim()) sections.push(`3. Reason for Seeking Counseling\n${reason}`)
  LATER_SECTIONS.forEach((section, index) => {
    if (later[index]) sections.push(`${section.heading}${later[index]}`)
  })
  return [profile.join('\n'), ...sections].join('\n\n')
}

/**
 * Splits "head\n\nPast history:\n...\n\nFunctioning:\n...\n\nSocial support:\n..." (each later part optional, in
 * this order). A label out of order stays part of the text before it.
 */
function splitComplaintBody(body: string): { head: string; later: (string | undefined)[] } {
  const parts = body.split(/\n\n(?=(?:Past history|Functioning|Social support):\n)/)
  const later: (string | undefined)[] = [undefined, undefined, undefined]
  let head = parts[0]
  let last = -1
  for (const part of parts.slice(1)) {
    const index = LATER_SECTIONS.findIndex((section) => part.startsWith(`${section.label}:\n`))
    if (index > last) {
      later[index] = part.slice(LATER_SECTIONS[index].label.length + 2)
      last = index
    } else if (last < 0) head += `\n\n${part}`
    else later[last] += `\n\n${part}`
  }
  return { head, later }
}
