import type { ExportedFile } from '@shared/api'
import type { ArenaPreferenceExportInput, ArenaPreferenceSummary } from '@shared/arena'
import { WorkbenchError } from '@shared/errors'
import type { TrainConfig } from '@shared/trainConfig'
import type { ArenaRepo } from '../db/arenaRepo'
import type { TrainingFiles } from '../training/exportFiles'
import { dpoPreset, renderTrainYaml } from '../training/trainConfig'

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
  const { dataFiles, config, summary } = buildPreferenceData(repo, input)
  return {
    files: [...dataFiles, { fileName: 'train.yaml', mimeType: 'application/yaml', content: renderTrainYaml(config) }],
    summary,
  }
}

/**
 * The data folder of a preference export (preferences.json and its ranking entry in dataset_info.json) and the
 * `stage: dpo` preset that trains on it.
 */
export function buildPreferenceData(
  repo: ArenaRepo,
  input: ArenaPreferenceExportInput,
): { dataFiles: ExportedFile[]; config: TrainConfig; summary: ArenaPreferenceSummary; characters: number } {
  for (const id of input.arenaIds)
    if (!repo.get(id)) throw new WorkbenchError('not_found', { key: 'arena.notFound', params: { id } })
  const turns = repo.preferenceTurns(input.arenaIds, input.referee, input.annotator)
  const summary: ArenaPreferenceSummary = { pairs: 0, turns: 0, dialogues: 0, skipped: { tie: 0, both_bad: 0 } }
  const samples: object[] = []
  let characters = 0
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
      characters +=
        (input.systemPrompt?.length ?? 0) +
        history.reduce((n, m) => n + m.content.length, 0) +
        chosen.content.length +
        rejected.content.length
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
  const config = dpoPreset(input.model, {
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
    dataFiles: [json(FILE, samples), json('dataset_info.json', datasetInfo)],
    config,
    summary,
    characters,
  }
}

/** Arena preferences as the training data of a remote job (launchTraining with `preferences`). */
export function preferenceTrainingFiles(repo: ArenaRepo, input: ArenaPreferenceExportInput): TrainingFiles {
  const { dataFiles, config, summary, characters } = buildPreferenceData(repo, input)
  const languages = new Set(input.arenaIds.flatMap((id) => repo.dialogues(id).map((d) => d.language)))
  return {
    dataFiles,
    config,
    summary: {
      dialogues: summary.dialogues,
      samples: summary.pairs,
      trainSamples: summary.pairs,
      validationSamples: 0,
      counselorTurns: summary.turns,
      // As the dataset export guesses: characters / 2 for Chinese, / 4 for English.
      estimatedTokens: Math.round(characters / (languages.has('zh') ? 2 : 4)),
      filtered: Object.fromEntries(Object.entries(summary.skipped).filter(([, n]) => n > 0)),
      systemPrompt: input.systemPrompt,
      preferences: { arenaIds: input.arenaIds, referee: input.referee, annotator: input.annotator },
    },
  }
}
