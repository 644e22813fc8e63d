import type { Command } from 'commander'
import { readFileSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import { DATASET_FORMATS, type DatasetFormat } from '@shared/dialogue'
import { WorkbenchError } from '@shared/errors'
import type { OpenWorkspace } from './context'
import { plural } from '@shared/plural'

/** CLI commands for dialogue datasets (runs' outputs and imported corpora). */
export function registerDatasetCommands(program: Command, open: OpenWorkspace) {
  const datasets = program.command('datasets').description('dialogue datasets')
  datasets.command('list').action(async () => {
    for (const d of await open().api.listDatasets())
      console.log(
        `${d.id}\t${d.kind}\t${d.dialogueCount}\t${d.name}${d.ranOn ? `\tran on ${d.ranOn.target} (${d.ranOn.profileName})` : ''}`,
      )
  })
  datasets
    .command('import <file>')
    .option('-f, --format <format>', `auto | ${DATASET_FORMATS.join(' | ')}`, 'auto')
    .option('--name <name>')
    .option('--skip-invalid-rows', 'import the valid dialogues and report the broken rows')
    .option('--dry-run')
    .action(async (file: string, o) => {
      const report = await open().api.importDataset({
        fileName: basename(file),
        contentBase64: readFileSync(file).toString('base64'),
        format: o.format,
        name: o.name,
        skipInvalidRows: Boolean(o.skipInvalidRows),
        dryRun: Boolean(o.dryRun),
      })
      for (const e of report.errors)
        console.error(`  skipped ${e.file} row ${e.row}${e.field ? ` [${e.field}]` : ''}: ${e.message}`)
      console.log(
        `${report.file} (${report.format}): ${plural(report.imported, 'dialogue', 'dialogues')}, ${report.withRoleCards} with role cards, ${plural(report.skipped, 'row', 'rows')} skipped${report.datasetId ? ` -> dataset ${report.datasetId}` : ' (dry run)'}`,
      )
    })
  datasets
    .command('export <datasetId> <file>')
    .requiredOption('-f, --format <format>', DATASET_FORMATS.join(' | '))
    .option('--all', 'include dialogues that did not end by a rule')
    .action(async (id: string, file: string, o) => {
      if (!DATASET_FORMATS.includes(o.format as DatasetFormat))
        throw new WorkbenchError('invalid_input', `--format: use one of ${DATASET_FORMATS.join(', ')}`)
      const out = await open().api.exportDataset({ id, format: o.format, completeOnly: !o.all })
      writeFileSync(file, out.encoding === 'base64' ? Buffer.from(out.content, 'base64') : out.content)
      console.log(`Wrote ${plural(out.count, 'dialogue', 'dialogues')} to ${file}`)
    })
  const workspace = program.command('workspace').description('the workspace file')
  workspace
    .command('compact')
    .description(
      "give back the space deleted datasets left (VACUUM): needs free disk space of about the workspace file's size, " +
        'and no run, analysis or arena going',
    )
    .action(async () => {
      const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
      console.log('Compacting the workspace (the file is rewritten; this can take a few minutes for large ones)...')
      const r = await open().api.compactWorkspace({})
      console.log(`${mb(r.before)} -> ${mb(r.after)} in ${r.seconds.toFixed(1)} s`)
    })
}
