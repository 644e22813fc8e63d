import i18next from 'i18next'

/** The study schema's own messages (src/shared/study.ts) in the interface language; others stay as they are. */
const PATTERNS: [RegExp, string, (match: RegExpMatchArray) => Record<string, string>][] = [
  [/^write it in English or Chinese \(or both\)$/, 'bilingual', () => ({})],
  [/^use letters, digits, .+ \(it names the column in exports\)$/, 'keyChars', () => ({})],
  [/^the scale needs 2 to 11 points \(max above min\)$/, 'scalePoints', () => ({})],
  [/^must lie within the scale (-?\d+)–(-?\d+) \(from ≤ to\)$/, 'anchorRange', (m) => ({ min: m[1], max: m[2] })],
  [/^choose a dataset$/, 'chooseDataset', () => ({})],
  [/^enter a name$/, 'enterName', () => ({})],
  [/^name the study$/, 'nameStudy', () => ({})],
  [/^“(.+)” is listed twice$/, 'listedTwice', (m) => ({ name: m[1] })],
  [/^is more than the (\d+) raters listed$/, 'moreThanRaters', (m) => ({ count: m[1] })],
  [/^a rubric study needs at least one item$/, 'needItem', () => ({})],
  [/^a pairwise study needs at least one aspect$/, 'needAspect', () => ({})],
  [/^a pairwise study compares exactly two datasets$/, 'twoDatasets', () => ({})],
  [/^“(.+)” is used twice$/, 'usedTwice', (m) => ({ key: m[1] })],
]

export function localizeStudyMessage(text: string): string {
  for (const [pattern, key, values] of PATTERNS) {
    const match = text.match(pattern)
    if (match) return i18next.t(`studies.validation.${key}`, values(match))
  }
  return text
}
