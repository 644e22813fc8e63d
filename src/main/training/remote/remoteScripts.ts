import { quote, quotePath, remoteJoin } from './shellQuote'

/**
 * The bash the workbench runs on the training server. Every path and value is quoted
 * (shellQuote); the profile's setup command is the user's own shell text and runs as is.
 */

/** Files in a job's folder on the server. */
export const JOB_FILES = {
  data: 'data',
  yaml: 'train.yaml',
  run: 'run.sh',
  log: 'train.log',
  exitCode: 'exit_code',
  pid: 'pid',
  serve: 'serve.sh',
  serveLog: 'serve.log',
  servePid: 'serve.pid',
} as const
export const TRAINER_LOG = 'trainer_log.jsonl'

/** Exit codes of the preflight script, for its error messages (noCli: the tool the job needs is not there). */
export const PREFLIGHT_EXIT = { noSetsid: 3, remoteDir: 4, noCli: 127 } as const

/** The tool a training job needs: llamafactory-cli on the PATH (its path is the preflight's third line). */
export const LLAMAFACTORY_CHECK = 'tool=$(command -v llamafactory-cli)'

/** The setup command in the current shell (so `export`, `source …/activate` carry on); `:` keeps an empty one valid. */
export const setupBlock = (setup: string) => `{ :\n${setup}\n}`

/**
 * Runs the setup command (its output to stderr), checks for setsid and the job's tool (`toolCheck`: bash that sets
 * $tool, or fails when the tool is not there), creates the base folder and prints three lines: $HOME, the absolute
 * base folder, $tool.
 */
export function preflightScript(setup: string, remoteDir: string, toolCheck: string): string {
  return [
    `${setupBlock(setup)} 1>&2`,
    `command -v setsid >/dev/null || exit ${PREFLIGHT_EXIT.noSetsid}`,
    `${toolCheck} || exit ${PREFLIGHT_EXIT.noCli}`,
    `mkdir -p -- ${quotePath(remoteDir)} && cd -- ${quotePath(remoteDir)} || exit ${PREFLIGHT_EXIT.remoteDir}`,
    `printf '%s\\n' "$HOME" "$PWD" "$tool"`,
  ].join('\n')
}

/** The GPU environment: all `gpus` devices, and torchrun across them when there is more than one. */
export function gpuEnvironment(gpus: number): string {
  const devices = Array.from({ length: gpus }, (_, i) => i).join(',')
  return `export CUDA_VISIBLE_DEVICES=${devices}` + (gpus > 1 ? `\nexport FORCE_TORCHRUN=1 NPROC_PER_NODE=${gpus}` : '')
}

/**
 * run.sh, started detached: it records its pid (= process group, it is the session leader),
 * trains with output to train.log, and writes the exit code last (atomically, via rename).
 */
export function runScript(p: { jobId: string; jobDir: string; setup: string; gpus: number }): string {
  return [
    '#!/usr/bin/env bash',
    `# SimPsy Workbench training job ${p.jobId}, started detached by the workbench (setsid nohup bash ${JOB_FILES.run}).`,
    `cd -- ${quote(p.jobDir)} || exit 1`,
    `echo $$ > ${JOB_FILES.pid}`,
    `${setupBlock(p.setup)} > ${JOB_FILES.log} 2>&1`,
    gpuEnvironment(p.gpus),
    `llamafactory-cli train ${JOB_FILES.yaml} >> ${JOB_FILES.log} 2>&1`,
    `echo $? > ${JOB_FILES.exitCode}.tmp && mv -f ${JOB_FILES.exitCode}.tmp ${JOB_FILES.exitCode}`,
    '',
  ].join('\n')
}

/** serve.sh: the serving command (with {model} and {port} already substituted) in the job folder. */
export function serveScript(p: { jobDir: string; setup: string; gpus: number; command: string }): string {
  return [
    '#!/usr/bin/env bash',
    `cd -- ${quote(p.jobDir)} || exit 1`,
    `echo $$ > ${JOB_FILES.servePid}`,
    `${setupBlock(p.setup)} > ${JOB_FILES.serveLog} 2>&1`,
    gpuEnvironment(p.gpus),
    // In a group, so the command's own redirections still apply.
    `{ ${p.command}\n} >> ${JOB_FILES.serveLog} 2>&1`,
    '',
  ].join('\n')
}

/**
 * Starts a script of the job folder in its own session, detached from the SSH connection
 * (setsid: no terminal, nohup: no SIGHUP, all streams away from the channel), waits for its
 * pid file and prints the pid.
 */
export function startDetachedScript(jobDir: string, script: string, pidFile: string): string {
  return [
    `cd -- ${quote(jobDir)} || exit 1`,
    `rm -f -- ${quote(pidFile)}`,
    `setsid nohup bash ${quote(script)} > /dev/null 2>&1 < /dev/null &`,
    `for i in $(seq 1 100); do [ -s ${quote(pidFile)} ] && break; sleep 0.05; done`,
    `cat -- ${quote(pidFile)}`,
  ].join('\n')
}

/**
 * `alive <pgid>`: the process group has a process that is not a zombie. kill -0 alone
 * counts zombies, which linger where nothing reaps orphans (some containers' init).
 */
export const ALIVE_FUNCTION = [
  'alive() {',
  '  kill -0 -- -"$1" 2>/dev/null || return 1',
  '  command -v ps > /dev/null 2>&1 || return 0',
  `  ps -eo pgid=,stat= | awk -v g="$1" '$1 == g && $2 !~ /^Z/ { found = 1 } END { exit !found }'`,
  '}',
].join('\n')

/** How much of train.log the follower reads each time. */
export const LOG_TAIL_BYTES = 16384

/**
 * One read of a job's state, as sections after `<marker>:<name> <values>` lines (the marker
 * is random per read, so no log line can pose as one): whether the process group is alive,
 * the exit code file, trainer_log.jsonl from `offset` (from 0 if the file got shorter), the tail of train.log.
 */
export function probeScript(p: {
  jobDir: string
  pgid: number | null
  outputDir: string
  offset: number
  marker: string
}): string {
  const m = p.marker
  const trainerLog = quote(remoteJoin(p.outputDir, TRAINER_LOG))
  return [
    ALIVE_FUNCTION,
    `cd -- ${quote(p.jobDir)} 2>/dev/null || { printf '\\n${m}:nofolder\\n'; exit 0; }`,
    p.pgid ? `if alive ${p.pgid}; then a=1; else a=0; fi` : 'a=0',
    `printf '\\n${m}:alive %s\\n' "$a"`,
    `printf '\\n${m}:exit %s\\n' "$(cat ${JOB_FILES.exitCode} 2>/dev/null)"`,
    `s=$( { wc -c < ${trainerLog}; } 2>/dev/null ); s=\${s//[!0-9]/}; s=\${s:-0}`,
    `if [ "$s" -ge ${p.offset} ]; then from=${p.offset}; else from=0; fi`,
    `printf '\\n${m}:trainer %s %s\\n' "$s" "$from"`,
    `[ "$s" -gt 0 ] && tail -c +$((from + 1)) ${trainerLog} 2>/dev/null`,
    `l=$( { wc -c < ${JOB_FILES.log}; } 2>/dev/null ); l=\${l//[!0-9]/}`,
    `printf '\\n${m}:log %s\\n' "\${l:-0}"`,
    `tail -c ${LOG_TAIL_BYTES} ${JOB_FILES.log} 2>/dev/null`,
    `printf '\\n${m}:end\\n'`,
  ].join('\n')
}

/** TERM to the whole process group, then KILL after the grace period; fails if anything survives. */
export function cancelScript(pgid: number, graceMs: number): string {
  const rounds = Math.max(1, Math.ceil(graceMs / 200))
  return [
    ALIVE_FUNCTION,
    `alive ${pgid} || exit 0`,
    `kill -TERM -- -${pgid} 2>/dev/null`,
    `for i in $(seq 1 ${rounds}); do alive ${pgid} || exit 0; sleep 0.2; done`,
    `kill -KILL -- -${pgid} 2>/dev/null`,
    `for i in $(seq 1 10); do alive ${pgid} || exit 0; sleep 0.2; done`,
    `echo "process group ${pgid} is still alive after SIGKILL" >&2`,
    'exit 1',
  ].join('\n')
}
