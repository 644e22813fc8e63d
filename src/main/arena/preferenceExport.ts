import type { ExportedFile } from '@shared/api'
import type { ArenaPreferenceExportInput, ArenaPreferenceSummary } from '@shared/arena'
import { WorkbenchError } from '@shared/errors'
import { DPO_HYPERPARAMETERS, MODEL_PRESETS, DEFAULT_RUN_SETTINGS, TrainConfigSchema } from '@shared/trainConfig'
import type { ArenaRepo } from '../db/arenaRepo'
import { renderTrainYaml } from '../training/trainConfig'

const FILE = 'preferences.json'

interface ChatTurn {
  role: 'user' | 'assistant' | 'system'
  content: string
}

/**
 * Arena verdicts as LLaMA-Factory preference data: every decided turn gives the history up to the client's line, the
 * chosen reply and each rejected one, one pair per rejected candidate (a k-way choice beats each other candidate,
 * as the ratings count it). Ties, "both bad" and failed referee answers give no pair. The client is `user`, the
 * counselor `assistant`; the optional system prompt is the counselor prompt the trained model will be given.
 */
export function buildPreferenceExport(
  repo: ArenaRepo,
  input: ArenaPreferenceExportInput,
): { files: ExportedFile[]; summary: ArenaPreferenceSummary } {
  for (const id of input.arenaIds)
    if (!repo.get(id)) throw new WorkbenchError('not_found', { key: 'arena.notFound', params: { id } })
  const turns = repo.preferenceTurns(input.arenaIds, input.referee, input.annotator)
  const summary: ArenaPreferenceSummary = { pairs: 0, turns: 0, dialogues: 0, skipped: { tie: 0, both_bad: 0 } }
  const samples: object[] = []
  const histories = new Map<string, ReturnType<ArenaRepo['messages']>>()
  const dialogues = new Set<string>()
  for (const t of turns) {
    if (t.choice === 'tie' || t.choice === 'both_bad') {
      summary.skipped[t.choice]++
      continue
    }
    const chosen = t.candidates.find((c) => c.contestant === t.choice)
    if (!chosen) continue
    let messages = histories.get(t.dialogueId)
    if (!messages) histories.set(t.dialogueId, (messages = repo.messages(t.dialogueId)))
    // The history the candidates answered: everything before the turn's counselor line.
    const history: ChatTurn[] = []
    let counselorTurns = 0
    for (const m of messages) {
      if (m.speaker === 'counselor' && ++counselorTurns >= t.turn) break
      history.push({ role: m.speaker === 'client' ? 'user' : 'assistant', content: m.content })
    }
    const head = input.systemPrompt ? { system: input.systemPrompt } : {}
    for (const rejected of t.candidates) {
      if (rejected.contestant === chosen.contestant) continue
      samples.push({
        ...head,
        messages: history,
        chosen: { role: 'assistant', content: chosen.content },
        rejected: { role: 'assistant', content: rejected.content },
      })
      summary.pairs++
    }
    summary.turns++
    dialogues.add(t.dialogueId)
  }
  summary.dialogues = dialogues.size
  if (summary.pairs === 0)
    throw new WorkbenchError('invalid_input', {
      key:
        input.referee === 'llm'
          ? 'arena.noPairsLlm'
          : input.annotator
            ? 'arena.noPairsAnnotator'
            : 'arena.noPairsHuman',
      params: { annotator: input.annotator ?? '', ties: summary.skipped.tie, bothBad: summary.skipped.both_bad },
    })

  const datasetInfo = {
    [input.datasetName]: {
      file_name: FILE,
      formatting: 'sharegpt',
      ranking: true,
      columns: {
        messages: 'messages',
        chosen: 'chosen',
        rejected: 'rejected',
        ...(input.systemPrompt && { system: 'system' }),
      },
      tags: { role_tag: 'role', content_tag: 'content', user_tag: 'user', assistant_tag: 'assistant' },
    },
  }
  const config = TrainConfigSchema.parse({
    ...MODEL_PRESETS[input.model],
    ...DPO_HYPERPARAMETERS,
    ...DEFAULT_RUN_SETTINGS,
    dataset: input.datasetName,
    dataset_dir: 'data',
    output_dir: input.outputDir,
  })
  const json = (fileName: string, value: unknown): ExportedFile => ({
    fileName,
    mimeType: 'application/json',
    content: `${JSON.stringify(value, null, 2)}\n`,
  })
  return {
    files: [
      json(FILE, samples),
      json('dataset_info.json', datasetInfo),
      { fileName: 'train.yaml', mimeType: 'application/yaml', content: renderTrainYaml(config) },
    ],
    summary,
  }
}
