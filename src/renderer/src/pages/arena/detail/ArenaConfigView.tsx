import { useTranslation } from 'react-i18next'
import type { ArenaSummary, Contestant } from '@shared/arena'
import type { EndpointView } from '@shared/endpoint'
import { DataTable } from '../../../components/DataTable'
import { ConfigGroups, type ConfigGroup } from '../../../components/SummaryList'
import { useTemplateNames } from './useTemplateNames'
import { methodRows } from '../../simulations/methodRows'
import { SummaryList } from '../../../components/SummaryList'

/** What the arena was started with, read-only: contestants, referee, client agent and dialogue rules. */
export function ArenaConfigView({ arena, endpoints }: { arena: ArenaSummary; endpoints: EndpointView[] }) {
  const { t } = useTranslation()
  const { config } = arena
  const templateName = useTemplateNames()
  const endpointName = (id: string) => {
    const endpoint = endpoints.find((e) => e.id === id)
    return endpoint ? `${endpoint.name} (${endpoint.model})` : t('runConfig.missingEndpoint', { id })
  }
  // A setting left to the endpoint shows the value the arena actually used (recorded at its start, when it was).
  const orDefault = (value: number | null, used?: number) =>
    value !== null
      ? String(value)
      : used === undefined
        ? t('runConfig.endpointDefault')
        : t('runConfig.endpointDefaultUsed', { value: used })
  const usedBy = (name: string) => arena.effective?.contestants.find((c) => c.name === name)?.agent
  const yesNo = (value: boolean) => (value ? t('runConfig.yes') : t('runConfig.no'))
  const promptText = (c: Contestant) =>
    c.prompt.kind === 'template'
      ? templateName(c.prompt.templateId)
      : t('arena.config.customPrompt', { count: c.prompt.text.length })
  const { referee } = config

  const groups: ConfigGroup[] = [
    [
      t('arena.config.plan'),
      [
        [t('arena.form.k'), String(config.k)],
        [
          t('arena.form.focal'),
          config.focal ? t('arena.form.focalOption', { name: config.focal }) : t('arena.form.focalNone'),
        ],
        [t('arena.form.perCombination'), String(config.dialoguesPerCombination)],
        [t('runForm.seed'), String(config.seed)],
        [t('runForm.concurrency'), String(config.concurrency)],
      ],
    ],
    [
      t('arena.form.refereeSection'),
      referee.kind === 'llm'
        ? [
            [t('arena.form.refereeKind'), t('arena.refereeKinds.llm')],
            [t('arena.form.refereeEndpoint'), endpointName(referee.endpointId)],
            [t('arena.form.variant'), t(`arena.variants.${referee.variant}`)],
            [t('arena.form.answerMode'), t(`arena.form.answerModes.${referee.answerMode ?? 'reasoned'}`)],
            [t('runForm.temperature'), String(referee.temperature)],
            [t('runForm.maxTokens'), orDefault(referee.maxTokens ?? null, arena.effective?.referee?.maxTokens)],
            [t('arena.form.parseRetries'), String(referee.parseRetries)],
            [t('arena.form.positionSwap'), yesNo(referee.positionSwap)],
          ]
        : [
            [t('arena.form.refereeKind'), t('arena.refereeKinds.human')],
            [t('arena.form.allowTie'), yesNo(referee.allowTie)],
            [t('arena.form.allowBothBad'), yesNo(referee.allowBothBad)],
            [t('arena.form.prefetch'), yesNo(referee.prefetch ?? false)],
            [t('arena.config.claimTimeout'), t('arena.config.minutes', { count: config.claimTimeoutMinutes })],
          ],
    ],
    [
      t('runForm.clientSection'),
      [
        [t('runForm.endpoint'), endpointName(config.client.endpointId)],
        [t('runForm.template'), templateName(config.client.templateId)],
        [t('runForm.temperature'), orDefault(config.client.temperature, arena.effective?.client.temperature)],
        [t('runForm.maxTokens'), orDefault(config.client.maxTokens, arena.effective?.client.maxTokens)],
      ],
    ],
    [
      t('runForm.dialogueSection'),
      [
        [t('runForm.maxTurns'), String(config.maxTurns)],
        [t('runForm.greetingZh'), config.greeting.zh],
        [t('runForm.greetingEn'), config.greeting.en],
        [t('runForm.refineCounselor'), yesNo(config.refinement.counselor.enabled)],
      ],
    ],
  ]

  return (
    <details className="run-config" data-testid="arena-config">
      <summary>
        <h3>{t('arena.config.title')}</h3>
      </summary>
      <div className="run-config-body">
        <DataTable
          columns={[
            'arena.ratings.contestant',
            'runForm.endpoint',
            'methods.config.method',
            'arena.form.prompt',
            'runForm.temperature',
            'runForm.topP',
            'runForm.maxTokens',
          ].map((key) => ({ label: t(key) }))}
          testId="arena-config-contestants"
        >
          {config.contestants.map((c) => (
            <tr key={c.name}>
              <th scope="row">{c.name}</th>
              <td>{endpointName(c.endpointId)}</td>
              <td data-testid="arena-config-method" data-kind={c.method?.kind ?? 'three-stage'}>
                {c.method && c.method.kind !== 'three-stage' ? (
                  <details className="plain-details">
                    <summary>{t(`methods.kinds.${c.method.kind}`)}</summary>
                    <SummaryList rows={methodRows(c.method, endpointName, t).slice(1)} />
                  </details>
                ) : (
                  t('methods.kinds.three-stage')
                )}
              </td>
              <td>
                {c.method && c.method.kind !== 'three-stage' ? (
                  '—'
                ) : c.prompt.kind === 'custom' ? (
                  <details className="plain-details">
                    <summary>{promptText(c)}</summary>
                    <pre className="preview-text">{c.prompt.text || t('arena.config.emptyPrompt')}</pre>
                  </details>
                ) : (
                  promptText(c)
                )}
              </td>
              <td>{orDefault(c.temperature, usedBy(c.name)?.temperature)}</td>
              <td>{orDefault(c.topP, usedBy(c.name)?.topP)}</td>
              <td>{orDefault(c.maxTokens, usedBy(c.name)?.maxTokens)}</td>
            </tr>
          ))}
        </DataTable>
        <ConfigGroups groups={groups} />
      </div>
    </details>
  )
}
