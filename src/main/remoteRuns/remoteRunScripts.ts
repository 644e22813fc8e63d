import { ALIVE_FUNCTION, LOG_TAIL_BYTES, setupBlock } from '../training/remote/remoteScripts'
import { quote } from '../training/remote/shellQuote'
import { REMOTE_FILES } from './jobFiles'

/**
 * The bash the workbench runs on a remote run's server. Paths and values are quoted; the profile's setup command and
 * workbench command are the user's own shell text and run as they are.
 */

/**
 * The preflight's tool check for a remote run (see preflightScript): the workbench command's `--version` after the
 * setup command; its last line is the tool line, what it printed on failure goes to stderr.
 */
export const workbenchCheck = (workbench: string) =>
  `{ tool=$( ${workbench} --version 2>&1 ) || { printf '%s\\n' "$tool" | tail -n 3 >&2; false; }; } && ` +
  `tool=$(printf '%s' "$tool" | tail -n 1)`

/** The workbench's command line on the run's folder (its own workspace inside it). */
const workbenchOn = (workbench: string, jobDir: string, extra = '') =>
  `${workbench} --data-dir ${quote(`${jobDir}/${REMOTE_FILES.workspace}`)} remote-job ${quote(jobDir)}${extra}`

/**
 * run.sh, started detached (and again to resume): records its pid (= process group), runs the workbench's remote job
 * with its output appended to run.log, and writes the exit code last (atomically).
 */
export function remoteRunScript(p: { runId: string; jobDir: string; setup: string; workbench: string }): string {
  const f = REMOTE_FILES
  return [
    '#!/usr/bin/env bash',
    `# SimPsy Workbench remote run ${p.runId}, started detached by the workbench (setsid nohup bash ${f.run}).`,
    `cd -- ${quote(p.jobDir)} || exit 1`,
    `echo $$ > ${f.pid}`,
    `rm -f -- ${f.exitCode}`,
    `echo "--- started $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(hostname)" >> ${f.log}`,
    `${setupBlock(p.setup)} >> ${f.log} 2>&1`,
    `${workbenchOn(p.workbench, p.jobDir)} >> ${f.log} 2>&1`,
    `echo $? > ${f.exitCode}.tmp && mv -f ${f.exitCode}.tmp ${f.exitCode}`,
    '',
  ].join('\n')
}

/** Writes result.sqlite from the run's workspace now (a run that was killed before it could), quietly. */
export function bundleScript(p: { jobDir: string; setup: string; workbench: string }): string {
  return [
    `cd -- ${quote(p.jobDir)} || exit 1`,
    `${setupBlock(p.setup)} > /dev/null 2>&1`,
    `${workbenchOn(p.workbench, p.jobDir, ' --bundle-only')} >> ${REMOTE_FILES.log} 2>&1 || { tail -n 5 ${REMOTE_FILES.log} >&2; exit 1; }`,
    `wc -c < ${REMOTE_FILES.result}`,
  ].join('\n')
}

/**
 * One read of a run's folder, as sections (see probeSections): whether its process group is alive, the exit code,
 * progress.json, whether result.sqlite is there (its size), and the tail of run.log.
 */
export function remoteProbeScript(p: { jobDir: string; pgid: number | null; marker: string }): string {
  const m = p.marker
  const f = REMOTE_FILES
  return [
    ALIVE_FUNCTION,
    `cd -- ${quote(p.jobDir)} 2>/dev/null || { printf '\\n${m}:nofolder\\n'; exit 0; }`,
    p.pgid ? `if alive ${p.pgid}; then a=1; else a=0; fi` : 'a=0',
    `printf '\\n${m}:alive %s\\n' "$a"`,
    `printf '\\n${m}:exit %s\\n' "$(cat ${f.exitCode} 2>/dev/null)"`,
    `r=$( { wc -c < ${f.result}; } 2>/dev/null ); r=\${r//[!0-9]/}`,
    `printf '\\n${m}:result %s\\n' "\${r:-0}"`,
    `printf '\\n${m}:progress\\n'`,
    `cat ${f.progress} 2>/dev/null`,
    `l=$( { wc -c < ${f.log}; } 2>/dev/null ); l=\${l//[!0-9]/}`,
    `printf '\\n${m}:log %s\\n' "\${l:-0}"`,
    `tail -c ${LOG_TAIL_BYTES} ${f.log} 2>/dev/null`,
    `printf '\\n${m}:end\\n'`,
  ].join('\n')
}
