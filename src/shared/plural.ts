const english = new Intl.PluralRules('en')

/**
 * "1 dialogue", "2 dialogues", "0 dialogues": the count and the English word in the form the count needs
 * (Intl.PluralRules, the rule i18next also follows for the UI's `_one` / `_other` keys).
 */
export function plural(count: number, one: string, other: string): string {
  return `${count} ${english.select(count) === 'one' ? one : other}`
}
