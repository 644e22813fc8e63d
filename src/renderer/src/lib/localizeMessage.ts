import i18next from 'i18next'

/**
 * The server's validation messages are English sentences from the shared schemas.
 * The common ones are translated here so a Chinese UI does not mix languages;
 * anything unknown is shown as the server wrote it.
 */
const PATTERNS: [RegExp, string, (match: RegExpMatchArray) => Record<string, string>][] = [
  [/^must not be empty$/, 'validation.notEmpty', () => ({})],
  [/^is required$/, 'validation.required', () => ({})],
  [/^must be at most (\d+) characters$/, 'validation.maxChars', (m) => ({ max: m[1] })],
  [/^must be a whole number of years$/, 'validation.wholeYears', () => ({})],
  [/^must be between (\d+) and (\d+)$/, 'validation.between', (m) => ({ min: m[1], max: m[2] })],
  [/^must be "zh" or "en"$/, 'validation.cardLanguage', () => ({})],
  [/^must be one of (.+?)( \(or empty\))?$/, 'validation.oneOf', (m) => ({ values: m[1] })],
  [/^may only contain letters, digits and \. _ : -$/, 'validation.idChars', () => ({})],
  [/^tags must not be empty$/, 'validation.tagEmpty', () => ({})],
  [/^at most (\d+) tags$/, 'validation.maxTags', (m) => ({ max: m[1] })],
  [/^must be a URL such as (\S+)$/, 'validation.url', (m) => ({ example: m[1] })],
  [/^must start with http:\/\/ or https:\/\/$/, 'validation.httpScheme', () => ({})],
  [/^Too big: expected number to be <=?\s*(\S+)$/, 'validation.numberMax', (m) => ({ max: m[1] })],
  [/^Too small: expected number to be >=?\s*(\S+)$/, 'validation.numberMin', (m) => ({ min: m[1] })],
  [/^must be a number$/, 'validation.number', () => ({})],
  // Serve mode: a file on the server named from the browser (src/main/pathPolicy.ts).
  [
    /^(.+) is outside the folders files may be read from in serve mode \((.+)\)\. Copy the file into one of them, or start serve with --allow-path <folder>\.$/s,
    'validation.pathNotAllowed',
    (m) => ({ path: m[1], roots: m[2] }),
  ],
  [
    /^must be a model hub id such as BAAI\/bge-m3 or the absolute path of a model folder$/,
    'validation.modelId',
    () => ({}),
  ],
]

function localizeCore(text: string): string {
  for (const [pattern, key, values] of PATTERNS) {
    const match = text.match(pattern)
    if (match) return i18next.t(key, values(match))
  }
  return text
}

/** Also keeps a "field: " prefix and a trailing "(got …)" as they are, translating only the sentence between. */
export function localizeMessage(message: string): string {
  const match = message.match(/^([\w.\-[\]]+: )?(.*?)( \(got .*\))?$/s)
  if (!match) return message
  const [, prefix = '', core, got = ''] = match
  const localized = localizeCore(core)
  if (localized === core) return message
  const gotText = got ? i18next.t('validation.got', { value: got.slice(6, -1) }) : ''
  return `${prefix}${localized}${gotText}`
}
