/** English UI strings: the new-arena form (set-up, contestants, referee, client). */
export const arenaForm = {
  title: 'New arena',
  intro:
    'Settings start at the paper’s values. Add the counselors to compare, choose the referee, and start; everything is stored with the arena.',
  loadFailed: 'Could not load the arena defaults: {{message}}',
  defaultName: 'Arena {{date}}',
  resetHint: 'Put every setting back to the paper’s value (name, contestants and endpoints stay)',
  start: 'Start arena',
  startHint: 'Create the dialogues and start (Ctrl+Enter)',
  startFailed: 'The arena could not be started: {{message}}',
  startedToast: 'Arena “{{name}}” started',
  noEndpoint:
    'No model endpoint yet. The contestants, the client and an LLM referee each need one (they may share it). Add one in Settings — this form is kept meanwhile.',
  setupSection: 'Arena and role cards',
  setupHelp: 'How many candidates answer each turn, and how many dialogues every group of contestants gets.',
  name: 'Arena name',
  nameHint: 'Shown in the list and in every export.',
  pool: 'Role-card pool',
  poolHint: 'The client plays cards from this pool (paper: the held-out “test” pool).',
  everyCard: 'Every card',
  cardsInPool_one: '{{formatted}} role card in this pool; each dialogue’s client plays one of them.',
  cardsInPool_other: '{{formatted}} role cards in this pool; each dialogue’s client plays one of them.',
  noCardsMatch: 'No role card is in this pool',
  k: 'Candidates per turn (k)',
  kHint: 'Contestants answering each turn side by side (2 by default; the released experiments used 3).',
  kNeeds: '{{k}} (needs {{k}} contestants)',
  perCombination: 'Dialogues per combination',
  cardSample: 'Random cards from the pool',
  cardSampleHint:
    'A seeded sample of this many of the pool’s cards (the released arena used 100 held-out cards); empty: every card.',
  sampleOfPool_one: '{{used}} of {{formatted}} card in the pool, chosen by the seed',
  sampleOfPool_other: '{{used}} of {{formatted}} cards in the pool, chosen by the seed',
  perCombinationHint: 'Dialogues for every group of k contestants.',
  planIncomplete: 'The plan appears when the contestants, k and the dialogues per combination are valid.',
  planTotal_one: '{{formatted}} dialogue',
  planTotal_other: '{{formatted}} dialogues',
  planFormula_one: 'C({{n}}, {{k}}) = {{combinations}} combination × {{per}} per combination',
  planFormula_other: 'C({{n}}, {{k}}) = {{combinations}} combinations × {{per}} per combination',
  planFormulaFocal_one:
    '{{focal}} + C({{n}}, {{k}}) = {{combinations}} combination of the others × {{per}} per combination',
  planFormulaFocal_other:
    '{{focal}} + C({{n}}, {{k}}) = {{combinations}} combinations of the others × {{per}} per combination',
  matrixCaptionFocal:
    'Dialogues in which each pair of contestants meets: the focal contestant meets every other one more often than the others meet each other.',
  presetInteractiveAgents: 'Preset: Interactive Agents (2024)',
  presetInteractiveAgentsHint:
    'The released arena: the model under test (first contestant) in every dialogue with 2 of the 4 released baselines (MeChat, PsyChat, SoulChat, CPsyCounX), k = 3, each called the way the release called it; an answer-only referee (temperature 1.0, 10 tokens); the client limited to 100 tokens; every combination plays the same cards (set dialogues per combination to the number of cards, 100 in the release). Then pick the endpoints.',
  presetDifferences:
    'Not matched: the candidate order is a seeded shuffle (the release’s was unseeded); an unreadable referee answer is asked for again and then recorded as a failed turn (the release dropped the dialogue); the wrapper instruction for MeChat and PsyChat is our own wording.',
  presetApplied: 'Interactive Agents (2024) settings applied: pick the endpoints.',
  adapter: 'Called as (released)',
  adapterHint: 'A quick choice: the method and sampling the release used for this model.',
  adapterNone: 'Your own settings',
  adapterNotes: {
    'simpsybot-d': 'Chat messages with the counselor system prompt, 100 new tokens (as released for simpsybot_D).',
    'simpsybot-q': 'Chat messages with the counselor system prompt, 512 new tokens (as released for simpsybot_Q).',
    mechat:
      'One flattened transcript (来访者：/咨询师：) in a wrapper instruction, temperature 0.8, top_p 0.8. Not matched: the wrapper is our own wording, not the release’s.',
    psychat:
      'One flattened transcript (来访者：/咨询师：) in a wrapper instruction, temperature 0.8, top_p 0.8. Not matched: the wrapper is our own wording, not the release’s.',
    soulchat:
      'Flattened transcript labelled 用户：/心理咨询师：, temperature 0.95, top_p 0.75. The trailing cue 心理咨询师： is our reading of the release.',
    cpsycounx:
      'Lines labelled 来访者：/心理咨询师：, with the trailing cue 咨询师： (as released). Sampling: the endpoint’s defaults.',
  },
  focal: 'Match-making',
  focalHint:
    'Every combination of k contestants, or one contestant (the model under test) in every dialogue with every k − 1 of the others (the released arena: 1 + 2 of 4 baselines = 6 combinations).',
  focalNone: 'Every combination of k contestants',
  focalOption: '{{name}} in every dialogue',
  planVotes: 'Up to {{formatted}} votes by your annotators (at most {{turns}} turns per dialogue).',
  planRefereeCalls: 'Up to {{formatted}} referee calls (at most {{turns}} turns per dialogue).',
  matrixLabel: 'Planned meetings between contestants',
  matrixCaption_one:
    'Every pair of contestants meets in {{formatted}} dialogue; each of its turns is one battle between them.',
  matrixCaption_other:
    'Every pair of contestants meets in {{formatted}} dialogues; each of their turns is one battle between them.',
  contestantsSection: 'Contestants',
  contestantsHelp:
    'The counselors compared: a model with its own system prompt — a counselor template, or the prompt a fine-tuned model was trained with.',
  contestantN: 'Contestant {{n}}',
  contestantDefaultName: 'Counselor {{n}}',
  contestantName: 'Name',
  contestantNameHint: 'Shown in reports, never to human referees.',
  prompt: 'System prompt',
  promptTemplateHint: 'A counselor template; its current version is pinned at start.',
  promptCustomHint: 'The text below is sent as the system prompt.',
  promptCustom: 'Custom system prompt…',
  systemPrompt: 'Custom system prompt',
  systemPromptHint: 'E.g. the prompt the model was fine-tuned with. Leave empty to send none.',
  systemPromptPlaceholder: 'You are a counselor…',
  addContestant: 'Add contestant',
  addContestantHint: 'Add another counselor to compare',
  maxContestantsReason: 'An arena has at most {{max}} contestants',
  removeContestant: 'Remove {{name}}',
  removeContestantHint: 'Remove this contestant',
  keepTwoReason: 'An arena needs at least two contestants',
  refereeSection: 'Referee',
  refereeHelp: 'Who picks the better reply at every turn.',
  refereeKind: 'Referee',
  refereeKindHint: {
    llm: 'A model compares the candidates and names the better one; its full answer is kept with the turn.',
    human: 'People vote in the annotation view; in browser mode each annotator can get their own link.',
  },
  refereeEndpoint: 'Referee model',
  refereeEndpointHint: 'Saved in Settings; best a different model from the contestants.',
  variant: 'Judging criteria',
  answerMode: 'Answer',
  answerModes: { reasoned: 'Reasoning, then “Choice: X”', letter: 'The letter alone' },
  answerModeHints: {
    reasoned:
      'The referee compares the replies briefly, then names its choice (transcript and candidates in a user message).',
    letter:
      'As in the released arena: instruction, transcript and lettered candidates in one system message; the answer is a bare letter. An unreadable answer is asked for again, then recorded as a failed turn (the release dropped the whole dialogue).',
  },
  refereeMaxTokensHint: 'Empty: the endpoint’s default (with the letter alone: 10, as released).',
  refereeTemperatureHint:
    '0–2. Default 0, a deterministic referee; the released arena ran deepseek-chat at 1.0 (the Interactive Agents (2024) preset sets that).',
  parseRetries: 'Retries when unreadable',
  parseRetriesHint: 'New samples asked for when the answer names no candidate (paper: 2).',
  positionSwap: 'Position-swap check',
  positionSwapHint:
    'Judge each turn again with the candidates in reverse order and count the disagreements (doubles the referee calls).',
  allowTie: 'Allow “tie”',
  allowTieHint: 'Annotators may say the replies are equally good (off in the paper).',
  allowBothBad: 'Allow “all bad”',
  allowBothBadHint: 'Annotators may reject every reply (off in the paper). Counted as a tie.',
  prefetch: 'Prepare the client’s next line while annotators read',
  prefetchHint_one:
    'The client’s line after each candidate is generated before the vote, so the next turn needs only the contestants (about half the wait). Costs {{count}} extra client call per turn, for the line not chosen.',
  prefetchHint_other:
    'The client’s line after each candidate is generated before the vote, so the next turn needs only the contestants (about half the wait). Costs {{count}} extra client calls per turn, for the lines not chosen.',
  seedHint: 'Shuffles the candidate order and the card assignment reproducibly.',
  messages: {
    contestantName: 'give the contestant a name',
    endpoint: 'choose a model endpoint',
    refereeEndpoint: 'choose a referee endpoint',
    twoContestants: 'an arena needs at least two contestants',
    kTooLarge: 'k = {{k}} needs at least {{k}} contestants (there are {{n}})',
    duplicateName: '“{{name}}” is used twice: contestant names must differ',
    reservedName: 'is reserved for votes (tie, both_bad): choose another name',
  },
}
