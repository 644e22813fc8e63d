import type { Command } from 'commander'
import { readFileSync, writeFileSync } from 'node:fs'
import type { CreateStudyInput } from '@shared/study'
import { WorkbenchError } from '@shared/errors'
import { plural } from '@shared/plural'
import { endpointId, followWithBar, print, type OpenWorkspace } from './context'

const fixed = (x: number | null | undefined, digits = 3) => (x === null || x === undefined ? '—' : x.toFixed(digits))

/** CLI commands for expert rating studies. */
export function registerStudyCommands(program: Command, open: OpenWorkspace) {
  const study = program
    .command('study')
    .description(
      'expert rating studies: people (and an LLM judge) rate blinded dialogues; means, preferences, agreement',
    )

  study
    .command('defaults')
    .description('print the built-in rubrics (WAI-O-S, CTRS), default aspects and guidelines as JSON')
    .action(async () => print(await open().api.studyDefaults()))

  study
    .command('create <file>')
    .description(
      'make a study from a JSON file (the createStudy input; with "rubric": "wai-o-s" or "ctrs" and no items, the built-in items; without aspects or guidelines, the defaults)',
    )
    .action(async (file: string) => {
      const { api } = open()
      let input: CreateStudyInput
      try {
        input = JSON.parse(readFileSync(file, 'utf8')) as CreateStudyInput
      } catch (error) {
        throw new WorkbenchError(
          'invalid_input',
          `${file} is not a JSON study description: ${(error as Error).message}`,
        )
      }
      const defaults = await api.studyDefaults()
      const builtin = defaults.rubrics.find((r) => r.id === input.rubric)
      const filled: CreateStudyInput = {
        ...input,
        items: input.items?.length ? input.items : (builtin?.items ?? []),
        aspects: input.aspects?.length ? input.aspects : input.design === 'pairwise' ? defaults.aspects : [],
        guidelines: input.guidelines ?? defaults.guidelines[input.design === 'pairwise' ? 'pairwise' : 'rubric'],
      }
      const made = await api.createStudy(filled)
      console.log(
        `Study ${made.id} "${made.name}": ${plural(made.units, made.design === 'rubric' ? 'dialogue' : 'pair', made.design === 'rubric' ? 'dialogues' : 'pairs')}, ${plural(made.raters, 'rater', 'raters')} (${made.config.ratersPerDialogue} per unit).`,
      )
      for (const s of made.sources) console.log(`  ${s.label}: ${s.drawn} drawn from "${s.datasetName}"`)
    })

  study
    .command('list')
    .description('list studies with their progress')
    .action(async () => {
      for (const s of await open().api.listStudies())
        console.log(`${s.id}  ${s.design.padEnd(8)}  ${s.answered}/${s.due} answers  ${s.name}`)
    })

  study
    .command('show <id>')
    .description('a study’s sources, raters and their progress')
    .action(async (id: string) => {
      const s = await open().api.getStudy({ id })
      console.log(`${s.name} (${s.design}), seed ${s.config.seed}, ${s.answered}/${s.due} answers`)
      for (const src of s.sources) console.log(`  source ${src.label}: ${src.drawn} from "${src.datasetName}"`)
      for (const p of s.progress) console.log(`  rater ${p.rater}: ${p.done}/${p.assigned} done`)
      for (const j of s.judges) console.log(`  LLM judge ${j.endpoint}: ${j.status}, ${j.done}/${j.total}`)
    })

  study
    .command('results <id>')
    .description('means (rubric) or preferences (pairwise), and agreement')
    .action(async (id: string) => {
      const r = await open().api.studyResults({ id })
      for (const m of r.means)
        console.log(
          `${m.key.padEnd(16)} ${r.sources[m.sourceIndex].label.padEnd(16)} n=${m.stat.n} mean ${fixed(m.stat.mean)} [${fixed(m.stat.low)}, ${fixed(m.stat.high)}]`,
        )
      for (const p of r.preferences)
        console.log(
          `${p.key.padEnd(16)} ${r.sources[0].label} ${p.stat.first} · ${r.sources[1].label} ${p.stat.second} · ties ${p.stat.ties}: rate ${fixed(p.stat.rate)} [${fixed(p.stat.low)}, ${fixed(p.stat.high)}], p ${fixed(p.stat.p)}`,
        )
      for (const a of r.agreement)
        console.log(
          `${a.key.padEnd(16)} alpha interval ${fixed(a.humans.alphaInterval)} ordinal ${fixed(a.humans.alphaOrdinal)} ICC(2,1) ${fixed(a.humans.icc21)} ICC(2,k) ${fixed(a.humans.icc2k)}${a.withJudge ? ` | with the judge: alpha ${fixed(a.withJudge.alphaInterval)}` : ''}`,
        )
    })

  study
    .command('export <id>')
    .description('every rating as CSV, or the means / agreement table')
    .option('--what <ratings|means|agreement>', 'what to export', 'ratings')
    .option('--format <csv|markdown|latex>', 'table format (ratings are always CSV)', 'csv')
    .option('--out <file>', 'write to this file (default: print)')
    .action(async (id: string, o) => {
      const file = await open().api.exportStudy({ id, what: o.what, format: o.format })
      if (o.out) {
        writeFileSync(o.out, file.content)
        console.log(`Wrote ${o.out}`)
      } else console.log(file.content)
    })

  study
    .command('judge <id>')
    .description('the study’s rubric (or aspects) by an LLM judge on every unit, as one more rater (Ctrl+C stops)')
    .requiredOption('--endpoint <name>', 'the judge’s endpoint')
    .option('--temperature <t>', 'sampling temperature', Number, 0)
    .action(async (id: string, o) => {
      const { api, app } = open()
      const judge = await api.startStudyJudge({
        studyId: id,
        endpointId: await endpointId(api, o.endpoint),
        temperature: o.temperature,
      })
      await followWithBar(
        app,
        'study.judge',
        judge,
        {
          format: ' {bar} {value}/{total} units judged | {failed} unreadable',
          total: (j) => j.total,
          value: (j) => j.done,
          fields: (j) => ({ failed: j.failed }),
        },
        app.studyJudges.waitFor(judge.id),
      )
      const final = (await api.getStudy({ id })).judges.find((j) => j.id === judge.id)!
      console.log(
        `LLM judge ${final.status}: ${final.done}/${final.total} units${final.error ? `: ${final.error}` : ''}`,
      )
      if (final.status === 'failed') process.exitCode = 1
    })
}
