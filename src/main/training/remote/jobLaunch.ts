import type { ExportedFile } from '@shared/api'
import type { SshProfileView } from '@shared/training'
import type { TrainingFiles } from '../exportFiles'
import { TrainConfigSchema, type TrainConfig } from '@shared/trainConfig'
import { renderTrainYaml } from '../trainConfig'
import {
  JOB_FILES,
  LLAMAFACTORY_CHECK,
  PREFLIGHT_EXIT,
  preflightScript,
  runScript,
  startDetachedScript,
} from './remoteScripts'
import { isAbsoluteRemote, quote, remoteJoin } from './shellQuote'
import { sshError } from './sshErrors'
import { describeTarget, type SshSession } from './sshSession'

export interface RemotePlaces {
  home: string
  /** The profile's remote folder, absolute. */
  baseDir: string
}

/**
 * Runs the profile's setup command and checks that the server can take a job: setsid, the job's tool (`toolCheck`, see
 * preflightScript; `noTool` words the error when it is missing, given what the setup printed), a writable remote
 * folder. Nothing else is created. Returns the places and the tool's line (its path, its version).
 */
export async function serverPreflight(
  session: SshSession,
  profile: SshProfileView,
  tool: { check: string; missing: (said: string) => Error },
): Promise<RemotePlaces & { tool: string }> {
  const where = describeTarget(profile)
  const result = await session.exec(preflightScript(profile.setupCommand, profile.remoteDir, tool.check))
  const said = result.stderr.trim().split('\n').slice(-3).join(' / ')
  const profileId = profile.id
  if (result.code === PREFLIGHT_EXIT.noCli) throw tool.missing(said)
  if (result.code === PREFLIGHT_EXIT.noSetsid) {
    throw sshError(
      'remote_command',
      `setsid (util-linux) is missing on ${where}: the workbench needs it to start jobs that outlive the connection.`,
      { profileId },
    )
  }
  if (result.code === PREFLIGHT_EXIT.remoteDir) {
    throw sshError(
      'remote_command',
      `Cannot create or enter the remote folder ${profile.remoteDir} on ${where}${said ? `: ${said}` : ''}.`,
      { profileId },
    )
  }
  const [home, baseDir, line] = result.stdout.trim().split('\n')
  if (result.code !== 0 || !home || !baseDir) {
    throw sshError(
      'remote_command',
      `Checking ${where} before the launch failed (exit code ${result.code ?? 'none'})${said ? `: ${said}` : ''}.`,
      { profileId },
    )
  }
  return { home, baseDir, tool: line ?? '' }
}

/** A training job's check: llamafactory-cli on the PATH after the setup command. */
export async function preflight(session: SshSession, profile: SshProfileView): Promise<RemotePlaces> {
  const { home, baseDir } = await serverPreflight(session, profile, {
    check: LLAMAFACTORY_CHECK,
    missing: (said) => {
      const setup = profile.setupCommand.trim()
        ? `the setup command (${profile.setupCommand.trim()})`
        : 'login (the profile has no setup command)'
      return sshError(
        'no_llamafactory',
        `llamafactory-cli was not found on ${describeTarget(profile)} after ${setup}. Install LLaMA-Factory there, or set the setup command to activate its environment (e.g. source ~/miniconda3/bin/activate llamafactory).${said ? ` The setup printed: ${said}` : ''}`,
        { profileId: profile.id },
      )
    },
  })
  return { home, baseDir }
}

export interface JobPlan {
  jobDir: string
  outputDir: string
  /** The configuration as written to train.yaml, with the server's absolute paths. */
  config: TrainConfig
  files: { path: string; content: string; mode?: number }[]
}

/** `~/x` on the server → `<home>/x`; relative → inside the job folder. */
function remotePath(path: string, jobDir: string, home: string): string {
  if (path === '~' || path.startsWith('~/')) return remoteJoin(home, path.slice(2))
  return isAbsoluteRemote(path) ? path : remoteJoin(jobDir, path)
}

/**
 * The job folder's contents. The data files are the export's; the YAML is the form's
 * configuration, except what the export decides: the stage (dpo for arena preference pairs,
 * sft for dialogues), the dataset names and dataset_dir (the uploaded data folder), and
 * eval_dataset/val_size when the export held dialogues out.
 */
export function planJob(p: {
  jobId: string
  places: RemotePlaces
  form: TrainConfig
  exported: TrainingFiles
  profile: SshProfileView
}): JobPlan {
  const jobDir = remoteJoin(p.places.baseDir, p.jobId)
  const dataDir = remoteJoin(jobDir, JOB_FILES.data)
  const held = p.exported.config.eval_dataset
  const stage = p.exported.config.stage
  const { pref_beta, pref_loss, ...form } = p.form
  const config = TrainConfigSchema.parse({
    ...form,
    // Preference pairs train with DPO, dialogues with SFT: LLaMA-Factory refuses a ranking dataset in another stage.
    stage,
    ...(stage === 'dpo'
      ? { pref_beta: pref_beta ?? p.exported.config.pref_beta, pref_loss: pref_loss ?? p.exported.config.pref_loss }
      : {}),
    dataset: p.exported.config.dataset,
    dataset_dir: dataDir,
    eval_dataset: held,
    val_size: held ? 0 : p.form.val_size,
    output_dir: remotePath(p.form.output_dir, jobDir, p.places.home),
    ...(p.form.deepspeed ? { deepspeed: remotePath(p.form.deepspeed, jobDir, p.places.home) } : {}),
  })
  const data = (f: ExportedFile) => ({ path: remoteJoin(dataDir, f.fileName), content: f.content })
  return {
    jobDir,
    outputDir: config.output_dir,
    config,
    files: [
      ...p.exported.dataFiles.map(data),
      { path: remoteJoin(jobDir, JOB_FILES.yaml), content: renderTrainYaml(config) },
      {
        path: remoteJoin(jobDir, JOB_FILES.run),
        content: runScript({ jobId: p.jobId, jobDir, setup: p.profile.setupCommand, gpus: p.profile.gpus }),
        mode: 0o755,
      },
    ],
  }
}

export async function uploadJob(session: SshSession, plan: JobPlan): Promise<void> {
  await session.run(
    `Creating the job folder ${plan.jobDir}`,
    `mkdir -p -- ${quote(remoteJoin(plan.jobDir, JOB_FILES.data))}`,
  )
  await session.writeFiles(plan.files)
}

/** Starts a script of the job folder detached; returns its pid, which is also its process group. */
export async function startDetached(
  session: SshSession,
  jobDir: string,
  script: string,
  pidFile: string,
  logFile: string = JOB_FILES.log,
): Promise<number> {
  const out = await session.run(`Starting ${script} in ${jobDir}`, startDetachedScript(jobDir, script, pidFile))
  const pid = Number(out.trim())
  if (!Number.isInteger(pid) || pid <= 1) {
    throw new Error(
      `${script} in ${jobDir} did not report its process id (got "${out.trim().slice(0, 80)}"); see ${remoteJoin(jobDir, logFile)}.`,
    )
  }
  return pid
}
