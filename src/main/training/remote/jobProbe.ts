import { randomBytes } from 'node:crypto'
import type { TrainerLogPoint } from '@shared/training'
import { LOG_TAIL_BYTES, probeScript } from './remoteScripts'
import type { SshSession } from './sshSession'
import { describeFailure, failureFromLog, logTail } from './trainLogText'
import { parseTrainerLog } from './trainerLog'

/** What one read of a job's folder on the server found. */
export interface JobObservation {
  folderExists: boolean
  /** The process group still has a process. */
  alive: boolean
  exitCode: number | null
  /** trainer_log.jsonl from byte `trainerFrom` on. */
  trainerText: string
  trainerFrom: number
  log: string
  logBytes: number
}

export interface ProbeTarget {
  jobDir: string
  outputDir: string
  pgid: number | null
  /** Bytes of trainer_log.jsonl already read. */
  offset: number
}

export async function observeJob(session: SshSession, job: ProbeTarget): Promise<JobObservation> {
  const marker = `@@simpsy-${randomBytes(6).toString('hex')}`
  const stdout = await session.run('Reading the job files', probeScript({ ...job, marker }))
  return parseProbe(stdout, marker)
}

/**
 * A probe's output as sections: each starts with a `<marker>:<name> <values…>` line (the marker is random per read, so
 * no log line can pose as one) and runs to the next.
 */
export function probeSections(stdout: string, marker: string): Map<string, { values: string[]; body: string }> {
  const sections = new Map<string, { values: string[]; body: string }>()
  const parts = stdout.split(new RegExp(`\\n${marker}:`))
  for (const part of parts.slice(1)) {
    const newline = part.indexOf('\n')
    const header = newline < 0 ? part : part.slice(0, newline)
    const [name, ...values] = header.split(' ')
    sections.set(name, { values, body: newline < 0 ? '' : part.slice(newline + 1) })
  }
  return sections
}

export function parseProbe(stdout: string, marker: string): JobObservation {
  const sections = probeSections(stdout, marker)
  if (sections.has('nofolder'))
    return { folderExists: false, alive: false, exitCode: null, trainerText: '', trainerFrom: 0, log: '', logBytes: 0 }
  if (!sections.has('end')) throw new Error('The job files were read only in part (the output ended early).')
  const exit = sections.get('exit')?.values[0]
  const trainer = sections.get('trainer')
  const log = sections.get('log')
  return {
    folderExists: true,
    alive: sections.get('alive')?.values[0] === '1',
    exitCode: exit && /^-?\d+$/.test(exit) ? Number(exit) : null,
    trainerText: trainer?.body ?? '',
    trainerFrom: Number(trainer?.values[1] ?? 0),
    log: log?.body ?? '',
    logBytes: Number(log?.values[0] ?? 0),
  }
}

/** What an observation means for a job that was running. */
export interface JobReading {
  points: TrainerLogPoint[]
  /** trainer_log.jsonl restarted (got shorter): the stored points are replaced. */
  resetPoints: boolean
  logOffset: number
  logTail: string
  outcome:
    | { status: 'running' }
    | { status: 'completed' | 'failed' | 'lost'; exitCode: number | null; failureReason: string | null }
}

export function readObservation(obs: JobObservation, job: ProbeTarget & { where: string }): JobReading {
  if (!obs.folderExists) {
    return {
      points: [],
      resetPoints: false,
      logOffset: job.offset,
      logTail: '',
      outcome: {
        status: 'lost',
        exitCode: null,
        failureReason: `The job folder ${job.jobDir} is gone from ${job.where}.`,
      },
    }
  }
  const ended = obs.exitCode !== null || !obs.alive
  const chunk = parseTrainerLog(obs.trainerText, { final: ended })
  const reading = {
    points: chunk.points,
    resetPoints: obs.trainerFrom < job.offset,
    logOffset: obs.trainerFrom + chunk.consumedBytes,
    logTail: logTail(obs.log, { cutStart: obs.logBytes > LOG_TAIL_BYTES }),
  }
  if (obs.exitCode === 0) return { ...reading, outcome: { status: 'completed', exitCode: 0, failureReason: null } }
  if (obs.exitCode !== null)
    return {
      ...reading,
      outcome: { status: 'failed', exitCode: obs.exitCode, failureReason: describeFailure(obs.exitCode, obs.log) },
    }
  if (obs.alive) return { ...reading, outcome: { status: 'running' } }
  const lastError = failureFromLog(obs.log)
  return {
    ...reading,
    outcome: {
      status: 'lost',
      exitCode: null,
      failureReason:
        `The training process (group ${job.pgid}) on ${job.where} ended without writing an exit code: it was killed (out of memory, a reboot) or stopped outside the workbench.` +
        (lastError ? ` The log's last error: ${lastError}` : ''),
    },
  }
}
