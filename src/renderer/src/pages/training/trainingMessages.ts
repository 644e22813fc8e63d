import i18next from 'i18next'
import { WorkbenchError } from '@shared/errors'
import { SSH_FAILURES, type SshErrorDetails } from '@shared/training'
import { errorMessage } from '../../lib/errors'
import { parseFieldErrors, type FieldErrors } from '../../lib/fieldErrors'
import { localizeMessage } from '../../lib/localizeMessage'

/**
 * The training schemas' own sentences (shared/trainConfig.ts, shared/training.ts), so a
 * Chinese UI does not show them in English. Anything else goes to the app-wide localizer.
 */
const MESSAGES: [RegExp, string][] = [
  [/^must be greater than 0$/, 'greaterThanZero'],
  [/^must be at least 1$/, 'atLeastOne'],
  [/^must be at most 1$/, 'atMostOne'],
  [/^must be a whole number$/, 'wholeNumber'],
  [/^must be between 0 and 1 \(exclusive\)$/, 'betweenZeroAndOne'],
  [/^must not be empty \(.*\)$/, 'notEmpty'],
  [/^must be a Hugging Face hub id or a local model directory$/, 'modelPath'],
  [/^must be a directory$/, 'directory'],
  [/^must be a DeepSpeed JSON config path$/, 'deepspeedPath'],
  [/^is required when finetuning_type is lora$/, 'loraRequired'],
  [/^only applies when finetuning_type is lora$/, 'loraOnly'],
  [/^must be 0 when eval_dataset is given/, 'valSizeWithEval'],
  [/^letters, digits, _ \. - only$/, 'datasetNameChars'],
  [/^choose a dataset$/, 'chooseDataset'],
  [/^choose an SSH server$/, 'chooseServer'],
  [/^give the server a name$/, 'profileName'],
  [/^enter a host name or address$/, 'profileHost'],
  [/^enter the user name$/, 'profileUser'],
  [/^choose a private key file \(or use the SSH agent\)$/, 'profileKey'],
  [/^Too small: expected string to have >=?1 characters?$/, 'notEmptyShort'],
  [/^Too big: expected number to be <=?\s*0\.5$/, 'atMostHalf'],
]

export function localizeTrainingMessage(message: string): string {
  for (const [pattern, key] of MESSAGES)
    if (pattern.test(message.trim())) return i18next.t(`training.validation.${key}`)
  return localizeMessage(message)
}

interface Issue {
  path: string[]
  message: string
}

function issuesOf(details: unknown): Issue[] | null {
  const list = Array.isArray(details) ? details : (details as { issues?: unknown } | null)?.issues
  if (!Array.isArray(list)) return null
  return list
    .filter(
      (item): item is { path: unknown; message: unknown } =>
        typeof item === 'object' && item !== null && 'path' in item && 'message' in item,
    )
    .map((item) => ({
      path: Array.isArray(item.path) ? item.path.map(String) : [String(item.path)],
      message: String(item.message),
    }))
}

/**
 * An 'invalid_input' error as messages next to the form's fields. `placeField` turns the
 * server's path (["config","learning_rate"]) into the form's ("config.learning_rate").
 */
export function trainingFieldErrors(
  error: unknown,
  fields: string[],
  placeField: (path: string[]) => string,
): FieldErrors {
  if (!(error instanceof WorkbenchError) || error.code !== 'invalid_input')
    return { byField: {}, general: [errorMessage(error)] }
  const issues = issuesOf(error.details)
  if (!issues) return parseFieldErrors(localizeTrainingMessage(error.message), null, fields)
  const placed = issues.map((issue) => ({
    path: placeField(issue.path).split('.'),
    message: localizeTrainingMessage(issue.message),
  }))
  return parseFieldErrors(error.message, { issues: placed }, fields)
}

/** The kind of SSH failure an error carries (details.ssh), so the page can offer the next step. */
export function sshFailureOf(error: unknown): SshErrorDetails | null {
  if (!(error instanceof WorkbenchError) || typeof error.details !== 'object' || error.details === null) return null
  const details = error.details as Partial<SshErrorDetails>
  return details.ssh && (SSH_FAILURES as readonly string[]).includes(details.ssh) ? (details as SshErrorDetails) : null
}

const FILTER_REASONS = [
  'incomplete',
  'flagged',
  'language',
  'pool',
  'min_turns',
  'not_alternating',
  'no_counselor_turn',
  'duplicate',
  // Arena preference data: decisions that give no pair.
  'tie',
  'both_bad',
] as const

/** Why dialogues (or, for duplicates, samples) were left out, in the UI language. */
export function filterReasonLabel(reason: string): string {
  return (FILTER_REASONS as readonly string[]).includes(reason) ? i18next.t(`training.filtered.${reason}`) : reason
}
