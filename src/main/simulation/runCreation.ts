import { randomUUID } from 'node:crypto'
import type { ParsedInput } from '@shared/api'
import type { Sampling } from '@shared/agentSettings'
import { clientTemplateIds } from '@shared/clients'
import { methodSettings } from '@shared/counselors'
import type { SimulationConfig } from '@shared/simulation'
import { effectiveAgent } from '../llm/effectiveAgent'
import { fillTemplate } from '../prompts/defaultTemplates'
import { selectRoleCards } from '../roleCards/selectRoleCards'
import { clientEndpointIds } from './clients'
import type { RunnerDeps } from './runner'
import { checkSeedOpening, counselorEndpointIds, counselorTemplateIds, pinnedText } from './sessionSetup'
import { cardDialogues, pinSessionTemplates } from './sessions/plan'

/** Every endpoint a run calls: the client's, the counselor's and its agents'. */
export const runEndpoints = (config: SimulationConfig) => [
  ...new Set([
    ...clientEndpointIds(config.client),
    ...counselorEndpointIds(config.counselor, methodSettings(config.counselor)),
  ]),
]

/**
 * A new run as stored before it is driven: its cards chosen, every endpoint it calls checked, the current version of
 * every template it uses pinned per language, what each agent will use (the endpoint's model and defaults), its
 * dataset, and one pending dialogue per card, sample and session. All or nothing; returns the run's id.
 */
export function createRun(
  deps: Pick<RunnerDeps, 'db' | 'runs' | 'dialogues' | 'cards' | 'templates' | 'endpoints'>,
  input: ParsedInput<'startRun'>,
): string {
  const config: SimulationConfig = input.config
  const { cards, record: cardSelection } = selectRoleCards(deps.cards, input.cards)
  if (config.opening === 'seed') checkSeedOpening(cards)
  for (const id of runEndpoints(config)) deps.endpoints.resolve(id)
  const languages = [...new Set(cards.map((c) => c.language))]
  const pin = (templateId: string) =>
    languages.map((language) => {
      const t = deps.templates.latest(templateId, language)
      return { id: t.id, version: t.version, language, text: t.text }
    })
  const templates = {
    client: clientTemplateIds(config.client).flatMap(pin),
    counselor: counselorTemplateIds(config.counselor).flatMap(pin),
    ...pinSessionTemplates(config, pin),
  }
  // What each agent will use: the endpoint's model and its defaults where the run leaves a setting to it.
  const used = (s: Sampling) => effectiveAgent(deps.endpoints.resolve(s.endpointId), s)
  const effective = { client: used(config.client), counselor: used(config.counselor) }
  const runId = randomUUID()
  const datasetId = randomUUID()
  deps.db
    .transaction(() => {
      deps.dialogues.createDataset({
        id: datasetId,
        name: input.name,
        kind: 'run',
        source: 'simulation',
        description: '',
      })
      deps.runs.insert({ id: runId, name: input.name, datasetId, config, templates, effective, cards: cardSelection })
      let position = 0
      for (const card of cards) {
        // A single-prompt counselor's system prompt is stored with each dialogue (the training export's system).
        const counselorPrompt =
          config.counselor.kind === 'three-stage'
            ? fillTemplate(pinnedText(templates.counselor, null, card.language, 'counselor'), {
                max_turns: config.maxTurns,
              })
            : null
        for (const { sample, ...session } of cardDialogues(config)) {
          deps.dialogues.insertDialogue({
            id: randomUUID(),
            datasetId,
            runId,
            position: position++,
            roleCard: card,
            sample,
            language: card.language,
            status: 'pending',
            endReason: null,
            systemPrompt: counselorPrompt,
            meta: {},
            ...session,
          })
        }
      }
    })
    .immediate()
  return runId
}
