import type { Command } from 'commander'
import { WorkbenchError } from '@shared/errors'
import type { RemoteRunView } from '@shared/remoteRun'
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
