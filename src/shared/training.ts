import { z } from 'zod'
import { exactlyOne } from './exactlyOne'
import { ArenaPreferenceExportSchema } from './arena'
import { TrainConfigSchema, type TrainConfig } from './trainConfig'

/** Training: LLaMA-Factory export and remote fine-tuning jobs (see trainingApi.ts for the methods). */

export interface TrainingSummary {
  /** Dialogues that contributed at least one sample. */
  dialogues: number
  samples: number
  trainSamples: number
  validationSamples: number
  /** Counselor messages in the contributing dialogues (after trailing client messages are dropped). */
  counselorTurns: number
  /** Characters of all sample contents (system included) / 2 for zh, / 4 for en: a rough guide, not a tokenizer. */
  estimatedTokens: number
  /** Dialogues (or samples) left out, by reason. */
  filtered: Record<string, number>
  systemPrompt: string | null
  /** How the samples were made (absent in summaries from before the choice existed: system-prompt). */
  sampleStyle?: TrainingSampleStyle
  /**
   * Seed-context samples: contributing dialogues whose client information and reason came from the card's seed, were
   * derived from the card (no seed, or a seed without them), or were missing (no card).
   */
  seedContext?: { seed: number; derived: number; none: number }
  /**
   * Preference data from arena verdicts (DPO): whose decisions, and the decided turns they came from. Then samples are
   * chosen/rejected pairs, counselorTurns the decided turns, and filtered the decisions that gave no pair (tie,
   * both_bad).
   */
  preferences?: { arenaIds: string[]; referee: 'llm' | 'human'; annotator: string | null }
}

/**
 * How dialogues become samples: the counselor system prompt and the history as messages (system-prompt, the
 * Interactive Agents release), or one sample per counselor turn from client information, reason for counseling and the
 * history (seed-context, MAGneT's fine-tuning data). 'auto': what the dataset's run's counselor method says
 * (COUNSELOR_METHODS[kind].training); system-prompt for datasets without a run (imports).
 */
export const TRAINING_SAMPLE_STYLES = ['system-prompt', 'seed-context'] as const
export type TrainingSampleStyle = (typeof TRAINING_SAMPLE_STYLES)[number]

export const TRAINING_EXPORT_LAYOUTS = ['messages', 'sharegpt'] as const

/** Which dialogues become samples, and how (the export form). */
export const TrainingExportSchema = z.object({
  datasetId: z.string().min(1, 'choose a dataset'),
  layout: z.enum(TRAINING_EXPORT_LAYOUTS).default('messages'),
  sampleStyle: z.enum(['auto', ...TRAINING_SAMPLE_STYLES]).default('auto'),
  /** undefined = the counselor prompt the dialogues were simulated with; null = no system prompt. */
  systemPrompt: z.string().nullable().optional(),
  perTurnSplit: z.boolean().default(false),
  onlyComplete: z.boolean().default(true),
  minTurns: z.number().int().min(0).optional(),
  excludeFlagged: z.boolean().default(true),
  language: z.enum(['zh', 'en']).optional(),
  pools: z.array(z.string()).optional(),
  dedupe: z.boolean().default(true),
  validationShare: z.number().min(0).max(0.5).default(0),
  seed: z.number().int().default(42),
  datasetName: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only')
    .default('simpsy'),
  model: z.enum(['qwen2-7b-instruct', 'deepseek-llm-7b-chat']).default('qwen2-7b-instruct'),
  outputDir: z.string().min(1).default('saves/simpsy-counselor'),
})
export type TrainingExportInput = z.input<typeof TrainingExportSchema>

/** An SSH connection profile. The passphrase is write-only: it is sealed like API keys and never sent back. */
export const SshProfileInputSchema = z
  .object({
    id: z.string().optional(),
    name: z.string().trim().min(1, 'give the server a name').max(100),
    host: z.string().trim().min(1, 'enter a host name or address').max(255),
    port: z.number().int().min(1).max(65535).default(22),
    username: z.string().trim().min(1, 'enter the user name').max(100),
    auth: z.enum(['key', 'agent']).default('key'),
    privateKeyPath: z.string().trim().max(1000).default(''),
    /** undefined = keep the stored one; '' = remove it. */
    passphrase: z.string().max(1000).optional(),
    /** Remote folder under which each job gets its own folder. */
    remoteDir: z.string().trim().min(1).max(1000).default('~/simpsy-training'),
    /** Run before the training command, e.g. `source ~/miniconda3/bin/activate llamafactory`. */
    setupCommand: z.string().max(2000).default(''),
    gpus: z.number().int().min(1).max(64).default(1),
    /**
     * How the workbench's own command line starts on the server, for runs launched there (after the setup command),
     * e.g. `simpsy` (npm link in a clone) or `npm --prefix ~/simpsy-workbench run cli --`.
     */
    workbenchCommand: z
      .string()
      .trim()
      .min(1, 'enter the command that starts the workbench there')
      .max(1000)
      .default('simpsy'),
  })
  .superRefine((p, ctx) => {
    if (p.auth === 'key' && !p.privateKeyPath)
      ctx.addIssue({
        code: 'custom',
        path: ['privateKeyPath'],
        message: 'choose a private key file (or use the SSH agent)',
      })
  })
export type SshProfileInput = z.input<typeof SshProfileInputSchema>

export interface SshProfileView {
  id: string
  name: string
  host: string
  port: number
  username: string
  auth: 'key' | 'agent'
  privateKeyPath: string
  hasPassphrase: boolean
  remoteDir: string
  setupCommand: string
  gpus: number
  /** How the workbench's command line starts on the server (remote runs). */
  workbenchCommand: string
  /** The host key accepted by the user (SHA256 fingerprint), or null before first contact. */
  hostKey: { type: string; fingerprint: string; acceptedAt: string } | null
  createdAt: string
  updatedAt: string
}

/** What the server presented, compared with what was accepted before. */
export interface HostKeyCheck {
  status: 'trusted' | 'unknown' | 'changed'
  type: string
  fingerprint: string
  /** The accepted fingerprint when the status is 'changed'. */
  expected: string | null
}

/**
 * Why an SSH step failed, in `WorkbenchError.details.ssh`, so a UI can offer the next step
 * (e.g. show the fingerprint and an accept button for host_key_unknown).
 */
export const SSH_FAILURES = [
  'host_key_unknown',
  'host_key_changed',
  'unreachable',
  'auth_failed',
  'key_file',
  'agent',
  'no_llamafactory',
  'remote_command',
] as const
export type SshFailure = (typeof SSH_FAILURES)[number]
export interface SshErrorDetails {
  ssh: SshFailure
  profileId: string
  /** What the server presented, for host_key_unknown and host_key_changed. */
  hostKey?: HostKeyCheck
}

/**
 * A remote job trains on a dataset's export (`export`, supervised fine-tuning) or on arena verdicts as preference pairs
 * (`preferences`, DPO): exactly one of them. The data decides the stage written to the YAML.
 */
export const LaunchTrainingSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    profileId: z.string().min(1, 'choose an SSH server'),
    export: TrainingExportSchema.optional(),
    preferences: ArenaPreferenceExportSchema.optional(),
    config: TrainConfigSchema,
  })
  .superRefine((input, ctx) => {
    exactlyOne(
      ctx,
      input.export,
      input.preferences,
      input.export ? 'preferences' : 'export',
      'give either a dataset export or arena preferences as the training data',
    )
  })
export type LaunchTrainingInput = z.input<typeof LaunchTrainingSchema>

export const TRAINING_JOB_STATUSES = ['uploading', 'running', 'completed', 'failed', 'cancelled', 'lost'] as const
export type TrainingJobStatus = (typeof TRAINING_JOB_STATUSES)[number]

/** One line of LLaMA-Factory's trainer_log.jsonl. */
export interface TrainerLogPoint {
  step: number
  totalSteps: number | null
  epoch: number | null
  loss: number | null
  evalLoss: number | null
  learningRate: number | null
  elapsedSeconds: number | null
  remainingSeconds: number | null
}

export interface TrainingJobView {
  id: string
  name: string
  profileId: string
  profileName: string
  status: TrainingJobStatus
  /** This job's folder on the server (data, dataset_info.json, train.yaml, train.log, exit code). */
  remoteDir: string
  outputDir: string
  pid: number | null
  exitCode: number | null
  /** Why the job failed, in the words of its log when it has them. */
  failureReason: string | null
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
  points: TrainerLogPoint[]
  logTail: string
  /** When the workbench last read the job's files on the server. */
  checkedAt: string | null
  config: TrainConfig
  exportSummary: TrainingSummary
  /** The endpoint added for the trained model, once served. */
  servedEndpointId: string | null
}
