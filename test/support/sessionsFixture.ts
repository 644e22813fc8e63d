/**
 * A small dataset in the workbench's own JSONL: English sessions whose clients
 * talk about their own card's problem, so fidelity analyses have a signal.
 */
export const SESSION_PROBLEMS = [
  ['exam', 'I panic before every exam and cannot sleep'],
  ['work', 'My manager shouts at me and work never ends'],
  ['grief', 'My father died and the house feels empty'],
  ['money', 'Debt keeps growing and rent is late again'],
] as const

export function sessionsJsonl(): string {
  const lines = SESSION_PROBLEMS.map(([tag, body], i) => ({
    id: `d${i}`,
    language: 'en',
    status: 'completed',
    endReason: { kind: 'keyword', keyword: 'take care', turn: 2 },
    systemPrompt: null,
    roleCard: { id: `card-${tag}`, language: 'en', occupation: 'clerk', complaint: { title: tag, body }, tags: [tag] },
    messages: [
      { speaker: 'client', content: 'Hello' },
      { speaker: 'counselor', content: 'What brings you here?' },
      { speaker: 'client', content: body.toLowerCase() + '.' },
      { speaker: 'counselor', content: 'Take care.' },
    ],
    meta: {},
  }))
  return [JSON.stringify({ format: 'simpsy-dialogues', version: 1 }), ...lines.map((l) => JSON.stringify(l))].join('\n')
}
