import type { Command } from 'commander'
import { readFileSync, writeFileSync } from 'node:fs'
import { basename, extname } from 'node:path'
import { WorkbenchError } from '@shared/errors'
import { ROLE_CARD_EXPORT_FORMATS, ROLE_CARD_FORMATS, type RoleCardExportFormat } from '@shared/roleCard'
import { print, type OpenWorkspace } from './context'
import { plural } from '@shared/plural'
import { collect } from './simulateFlags'

/** CLI commands for role cards. */
export function registerRoleCardCommands(program: Command, open: OpenWorkspace) {
  const cards = program.command('cards').description('role cards')
  cards
    .command('import <file>')
    .description('import role cards (all rows or none)')
    .option('-f, --format <format>', `auto | ${ROLE_CARD_FORMATS.join(' | ')}`, 'auto')
    .option('--on-conflict <mode>', 'error | skip | replace, for ids already in the workspace', 'error')
    .option('--pool <pool>', 'pool for cards that have none (e.g. train, test)')
    .option('--tag <tag...>', 'tags for cards that have none')
    .option('--dry-run', 'check the file and report, write nothing')
    .action(async (file: string, o) => {
      const report = await open().api.importRoleCards({
        fileName: basename(file),
        contentBase64: readFileSync(file).toString('base64'),
        format: o.format,
        onConflict: o.onConflict,
        pool: o.pool,
        tags: o.tag,
        dryRun: Boolean(o.dryRun),
      })
      const verb = report.nothingWritten ? 'would import' : 'imported'
      console.log(
        `${report.file} (${report.format}): ${plural(report.rows, 'row', 'rows')}, ${verb} ${report.imported}, replaced ${report.replaced}, skipped ${report.skipped}`,
      )
    })
  cards
    .command('export <file>')
    .description('export role cards; the format follows the file extension unless --format is given')
    .option('-f, --format <format>', ROLE_CARD_EXPORT_FORMATS.join(' | '))
    .option('--language <zh|en>')
    .option('--pool <pool>')
    .option('--tag <tag>')
    .action(async (file: string, o) => {
      const format = (o.format ?? extname(file).slice(1).toLowerCase()) as RoleCardExportFormat
      if (!ROLE_CARD_EXPORT_FORMATS.includes(format))
        throw new WorkbenchError('invalid_input', `--format: use one of ${ROLE_CARD_EXPORT_FORMATS.join(', ')}`)
      const out = await open().api.exportRoleCards({
        format,
        query: { language: o.language, pool: o.pool, tag: o.tag },
      })
      writeFileSync(file, out.content)
      console.log(`Wrote ${out.count} role cards to ${file}`)
    })
  cards
    .command('edit')
    .description('add or remove tags and set the pool of many cards at once (all of them or none)')
    .option('--ids <ids>', 'the cards, by id (comma-separated)')
    .option('--match-text <words>', 'or every card matching these words')
    .option('--match-language <zh|en>', 'or every card in this language')
    .option('--match-pool <pool>', 'or every card in this pool')
    .option('--match-tag <tag>', 'or every card with this tag')
    .option('--match-source <source>', 'or every card from this source')
    .option('--add-tag <tag>', 'add this tag (repeatable)', collect)
    .option('--remove-tag <tag>', 'remove this tag (repeatable)', collect)
    .option('--pool <pool>', 'set the pool ("" clears it)')
    .action(async (o) => {
      const query = {
        text: o.matchText,
        language: o.matchLanguage,
        pool: o.matchPool,
        tag: o.matchTag,
        source: o.matchSource,
      }
      const byQuery = Object.values(query).some((v) => v !== undefined)
      if (o.ids !== undefined && byQuery)
        throw new WorkbenchError('invalid_input', '--ids: give the cards by id or by --match-* filters, not both.')
      if (o.ids === undefined && !byQuery)
        throw new WorkbenchError('invalid_input', '--ids: give the cards by id or by --match-* filters.')
      const ids =
        o.ids === undefined
          ? undefined
          : String(o.ids)
              .split(',')
              .map((id) => id.trim())
              .filter(Boolean)
      const result = await open().api.editRoleCards({
        ...(ids ? { ids } : { query: { ...query, text: query.text ?? '' } }),
        addTags: o.addTag ?? [],
        removeTags: o.removeTag ?? [],
        ...(o.pool !== undefined && { pool: o.pool }),
      })
      const same = result.matched - result.changed
      console.log(
        `Edited ${result.changed} of ${result.matched} cards${same ? ` (${same} already were so, unchanged)` : ''}.`,
      )
    })
  cards
    .command('list')
    .option('--text <words>', 'search text')
    .option('--language <zh|en>')
    .option('--pool <pool>')
    .option('--json', 'print JSON')
    .action(async (o) => {
      const page = await open().api.listRoleCards({ text: o.text ?? '', language: o.language, pool: o.pool })
      if (o.json) return print(page.items)
      for (const c of page.items) console.log(`${c.id}\t${c.language}\t${c.pool || '-'}\t${c.title.slice(0, 60)}`)
      console.log(plural(page.total, 'card', 'cards'))
    })
}
