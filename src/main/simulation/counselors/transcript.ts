import type { Speaker } from '@shared/dialogue'
import type { Language } from '@shared/roleCard'

const LABELS: Record<Language, Record<Speaker, string>> = {
  zh: { counselor: '咨询师：', client: '来访者：' },
  en: { counselor: 'Counselor: ', client: 'Client: ' },
}

/** How the session's transcript labels a speaker (the prompts of the seed-record methods read it this way). */
export const speakerLabel = (speaker: Speaker, language: Language) => LABELS[language][speaker]

/** The dialogue so far as text, one line per message: "Counselor: …" / "Client: …" (咨询师：/来访者：). */
export function transcript(history: { speaker: Speaker; content: string }[], language: Language): string {
  return history.map((m) => `${LABELS[language][m.speaker]}${m.content.replace(/\s*\n\s*/g, ' ')}`).join('\n')
}
