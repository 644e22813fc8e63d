import i18next from 'i18next'
import type { EndReason } from '@shared/dialogue'

/** Why a dialogue stopped, in one line of the UI language. */
export function endReasonText(reason: EndReason | null): string {
  const t = i18next.t.bind(i18next)
  if (!reason) return t('endReason.none')
  switch (reason.kind) {
    case 'keyword':
      return t('endReason.keyword', { keyword: reason.keyword, turn: reason.turn })
    case 'max_turns':
      return t('endReason.maxTurns', { turn: reason.turn })
    case 'end_token':
      return t('endReason.endToken', { token: reason.token, turn: reason.turn })
    case 'error':
      return t('endReason.error', { message: reason.message })
    case 'cancelled':
      return t('endReason.cancelled')
    case 'imported':
      return t('endReason.imported')
    case 'test_drive':
      return t('endReason.testDrive')
  }
}

/** A short label for lists: "closing phrase · turn 12". */
export function endReasonShort(reason: EndReason | null): string {
  const t = i18next.t.bind(i18next)
  if (!reason) return ''
  switch (reason.kind) {
    case 'keyword':
      return t('endReason.shortKeyword', { turn: reason.turn })
    case 'max_turns':
      return t('endReason.shortMaxTurns', { turn: reason.turn })
    case 'end_token':
      return t('endReason.shortEndToken', { turn: reason.turn })
    default:
      return t(`endReasonKinds.${reason.kind}`)
  }
}

const REASONS: [RegExp, string, (m: RegExpMatchArray) => Record<string, string>][] = [
  [/^empty reply$/, 'rejection.empty', () => ({})],
  [/^too long \((\d+) > (\d+) characters\)$/, 'rejection.tooLong', (m) => ({ length: m[1], max: m[2] })],
  [/^too long \((\d+) > (\d+) words\)$/, 'rejection.tooLongWords', (m) => ({ length: m[1], max: m[2] })],
  [/^contains line breaks$/, 'rejection.lineBreaks', () => ({})],
  [/^contains enumerated items$/, 'rejection.enumeration', () => ({})],
]

/** The refinement check's reasons (English from the engine) in the UI language; unknown ones as written. */
export function rejectionReasonText(reason: string): string {
  for (const [pattern, key, values] of REASONS) {
    const match = reason.match(pattern)
    if (match) return i18next.t(key, values(match))
  }
  return reason
}
