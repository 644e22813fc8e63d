import cliProgress from 'cli-progress'
import type { Command } from 'commander'
import type { ApiClient } from '@shared/api'
import { WorkbenchError } from '@shared/errors'
import type { LaunchRemoteRunInput, RemoteRunView } from '@shared/remoteRun'
import { endpointId } from './context'
import { bundleRemoteResult, runRemoteJob } from '../remoteRuns/remoteJob'
import { REMOTE_JOB_EXIT } from '../remoteRuns/jobFiles'
import { print, type OpenWorkspace } from './context'

const line = (r: RemoteRunView) =>
  `${r.id}\t${r.kind}\t${r.status}\t${r.progress ? `${r.progress.done}/${r.progress.total}` : '-'}\t${r.target}\t${r.name}${r.pulled ? `\tpulled -> ${r.pulled.datasetId ?? r.pulled.id}` : ''}`

/**
 * Remote runs: `remote-job` is what the desktop starts on a GPU server (in a run's folder, detached); `remote …` lists,
 * follows, cancels and pulls them from this workspace.
 */
export function registerRemoteCommands(program: Command, open: OpenWorkspace) {
  program
    .command('remote-job <folder>')
    .description(
      '(started by the desktop on a server) run the job a desktop uploaded to <folder>, in the workspace given by --data-dir, reporting progress.json and leaving result.sqlite; started again, it resumes',
    )
    .option('--bundle-only', 'only write result.sqlite from the workspace (after a run that was killed)')
    .action(async (folder: string, o: { bundleOnly?: boolean }) => {
      if (o.bundleOnly) {
        const counts = bundleRemoteResult(folder)
        if (!counts) throw new WorkbenchError('not_found', `${folder}: no run or evaluation was started there yet.`)
        console.log(`Result written: ${JSON.stringify(counts)}`)
        return
      }
      const { api, app } = open()
      const status = await runRemoteJob(folder, app, api)
      await app.close()
      const counts = bundleRemoteResult(folder)
      console.log(`Result written: ${JSON.stringify(counts)}`)
      process.exitCode =
        status === 'completed' ? 0 : status === 'stopped' ? REMOTE_JOB_EXIT.stopped : REMOTE_JOB_EXIT.failed
    })

  const remote = program.command('remote').description('runs launched on SSH servers from this workspace')
  remote.command('list').action(async () => {
    for (const r of await open().api.listRemoteRuns()) console.log(line(r))
  })
  remote
    .command('status <id>')
    .description('read the run on its server now and show it')
    .action(async (id: string) => print(await open().api.refreshRemoteRun({ id })))
  remote
    .command('pull <id>')
    .description("bring an ended run's result into this workspace (again: replaces what came before)")
    .action(async (id: string) => console.log(line(await open().api.pullRemoteRun({ id }))))
  remote
    .command('cancel <id>')
    .action(async (id: string) => console.log(line(await open().api.cancelRemoteRun({ id }))))
  remote
    .command('resume <id>')
    .description('start the workbench there again: the run goes on where it stopped')
    .action(async (id: string) => console.log(line(await open().api.resumeRemoteRun({ id }))))
}

/** `--on <server>` and `--server-url <endpoint>=<url>` for simulate and evaluate. */
export function addRemoteOptions(command: Command): Command {
  return command
    .option('--on <server>', 'run it on this SSH server (profile name) with the workbench there, and pull it back')
    .option(
      '--server-url <endpoint=url>',
      'with --on: the URL the server reaches an endpoint at, e.g. vllm=http://localhost:8000/v1 (repeatable)',
      (value: string, all: string[] = []) => [...all, value],
    )
    .option('--detach', 'with --on: return once it runs there (follow it with: remote status <id>)')
}

/** Launches on the server named by --on, then (unless --detach) follows it to the end and pulls the result. */
export async function launchRemote(
  api: ApiClient,
  o: { on: string; serverUrl?: string[]; detach?: boolean },
  what: Pick<LaunchRemoteRunInput, 'name' | 'run' | 'evaluation'>,
): Promise<RemoteRunView> {
  const profile = (await api.listSshProfiles()).find((p) => p.name === o.on || p.id === o.on)
  if (!profile) throw new WorkbenchError('not_found', `--on: no SSH server called "${o.on}" (see: train profiles).`)
  const serverURLs: Record<string, string> = {}
  for (const pair of o.serverUrl ?? []) {
    const at = pair.indexOf('=')
    if (at < 1) throw new WorkbenchError('invalid_input', `--server-url: "${pair}" is not <endpoint>=<url>.`)
    serverURLs[await endpointId(api, pair.slice(0, at))] = pair.slice(at + 1)
  }
  let run = await api.launchRemoteRun({ ...what, profileId: profile.id, serverURLs, autoPull: false })
  console.log(`Remote run ${run.id} on ${run.target}, in ${run.remoteDir} (workbench ${run.remoteVersion}).`)
  if (o.detach) {
    console.log(`Follow it with: remote status ${run.id}; bring it back with: remote pull ${run.id}`)
    return run
  }
  const bar = new cliProgress.SingleBar(
    { format: ' {bar} {value}/{total} | {failed} failed | ETA {eta} | {phase}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  )
  bar.start(1, 0, { failed: 0, eta: '-', phase: 'starting' })
  const interrupt = () => {
    bar.stop()
    console.log(`\nIt goes on there. Follow it with: remote status ${run.id}`)
    process.exit(130)
  }
  process.once('SIGINT', interrupt)
  try {
    while (run.status === 'running' || run.status === 'uploading') {
      await new Promise((resolve) => setTimeout(resolve, 3000))
      run = await api.refreshRemoteRun({ id: run.id })
      const p = run.progress
      if (p) {
        bar.setTotal(Math.max(1, p.total))
        bar.update(p.done, {
          failed: p.failed,
          eta: p.etaSeconds != null ? `${Math.round(p.etaSeconds)}s` : '-',
          phase: p.lastError ?? p.phase,
        })
      }
    }
  } finally {
    bar.stop()
    process.off('SIGINT', interrupt)
  }
  console.log(`Ended there: ${run.status}${run.failureReason ? ` (${run.failureReason})` : ''}`)
  if (run.status !== 'lost' || run.progress?.jobId) run = await api.pullRemoteRun({ id: run.id })
  if (run.pulled)
    console.log(
      `Pulled: ${run.kind === 'simulation' ? `run ${run.pulled.id}, dataset ${run.pulled.datasetId}` : `evaluation ${run.pulled.id}`}`,
    )
  if (run.status !== 'completed') process.exitCode = 1
  return run
}
