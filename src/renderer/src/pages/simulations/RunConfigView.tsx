import { useTranslation } from 'react-i18next'
import type { EndpointView } from '@shared/endpoint'
import type { Sampling } from '@shared/agentSettings'
import type { EffectiveAgent, RefinementRule, RunSummary } from '@shared/simulation'
import { ConfigGroups, type ConfigGroup, type SummaryRow } from '../../components/SummaryList'
import { useCopyStatus } from '../../lib/useCopyStatus'
import { cardSelectionRows } from './cardSelectionRows'
import { methodRows } from './methodRows'
import { clientRows } from './clientRows'

/** Everything the run was started with, read-only, and the template versions it pinned. */
export function RunConfigView({ run, endpoints }: { run: RunSummary; endpoints: EndpointView[] }) {
  const { t } = useTranslation()
  const copied = useCopyStatus()
  const { config } = run
  const endpointName = (id: string) => {
    const endpoint = endpoints.find((e) => e.id === id)
    return endpoint ? `${endpoint.name} (${endpoint.model})` : t('runConfig.missingEndpoint', { id })
  }
  // A setting left to the endpoint shows the value the run actually used (recorded at its start), or, for runs from
  // before that record, just that it was the endpoint's.
  const orDefault = (value: number | null, used: number | undefined) =>
    value !== null
      ? String(value)
      : used === undefined
        ? t('runConfig.endpointDefault')
        : t('runConfig.endpointDefaultUsed', { value: used })
  const yesNo = (value: boolean) => (value ? t('runConfig.yes') : t('runConfig.no'))

  const agent = (settings: Sampling & { templateId?: string }, used?: EffectiveAgent): SummaryRow[] => [
    [
      t('runForm.endpoint'),
      used
        ? t('runConfig.usedEndpoint', { name: used.endpointName, model: used.model, url: used.baseURL })
        : endpointName(settings.endpointId),
    ],
    [t('runForm.temperature'), orDefault(settings.temperature, used?.temperature)],
    [t('runForm.topP'), orDefault(settings.topP, used?.topP)],
    [t('runForm.maxTokens'), orDefault(settings.maxTokens, used?.maxTokens)],
    ...(settings.templateId ? [[t('runForm.template'), settings.templateId] as SummaryRow] : []),
  ]
  const rule = (r: RefinementRule): SummaryRow[] => [
    [t('runForm.refineEnabled'), yesNo(r.enabled)],
    [t('runForm.maxCharsZh'), r.maxChars.zh === null ? t('runForm.noLimit') : String(r.maxChars.zh)],
    [t('runForm.maxWordsEn'), r.maxWords?.en == null ? t('runForm.noLimit') : String(r.maxWords.en)],
    [t('runForm.maxCharsEn'), r.maxChars.en === null ? t('runForm.noLimit') : String(r.maxChars.en)],
    [t('runForm.noLineBreaks'), yesNo(r.noLineBreaks)],
    [t('runForm.noEnumeration'), yesNo(r.noEnumeration)],
  ]
  const cards = cardSelectionRows(run.cards, t)
  const groups: ConfigGroup[] = [
    ...(cards.length ? [[t('runConfig.cardsSection'), cards] as ConfigGroup] : []),
    [
      t('runForm.clientSection'),
      [...agent(config.client, run.effective?.client), ...clientRows(config.client, endpointName, t)],
    ],
    [
      t('runForm.counselorSection'),
      [...agent(config.counselor, run.effective?.counselor), ...methodRows(config.counselor, endpointName, t)],
    ],
    [
      t('runForm.dialogueSection'),
      [
        [t('runForm.maxTurns'), String(config.maxTurns)],
        [t('runForm.greetingZh'), config.greeting.zh],
        [t('runForm.greetingEn'), config.greeting.en],
        [t('runForm.terminationZh'), config.termination.zh.join(' · ')],
        [t('runForm.terminationEn'), config.termination.en.join(' · ')],
      ],
    ],
    [
      t('methods.sessionSection'),
      [
        [t('methods.opening'), t(`methods.openings.${config.opening}`)],
        [t('methods.endToken'), config.endToken ?? t('methods.endTokenPlaceholder')],
        [t('methods.minTurns'), String(config.minTurns)],
      ],
    ],
    [t('runForm.refineCounselor'), rule(config.refinement.counselor)],
    [t('runForm.refineClient'), rule(config.refinement.client)],
    [
      t('runForm.resampling'),
      [
        [t('runForm.maxResamples'), String(config.refinement.maxResamples)],
        [t('runForm.onExhausted'), t(`runForm.exhausted.${config.refinement.onExhausted}`)],
      ],
    ],
    [
      t('runForm.executionSection'),
      [
        [t('runForm.seed'), String(config.seed)],
        [t('runForm.concurrency'), String(config.concurrency)],
        [t('runForm.samplesPerCard'), String(config.samplesPerCard)],
        [t('runForm.sessionsPerCard'), String(config.sessionsPerCard ?? 1)],
      ],
    ],
  ]

  return (
    <details className="run-config" data-testid="run-config">
      <summary>
        <h3>{t('runConfig.title')}</h3>
      </summary>
      <div className="run-config-body">
        <div className="button-row">
          <button
            type="button"
            className="button button-small"
            onClick={() =>
              void copied.copy(
                JSON.stringify({ name: run.name, config: run.config, templates: run.templates }, null, 2),
              )
            }
            data-testid="run-config-copy"
          >
            {t('runConfig.copyJson')}
          </button>
          <span className="muted small" role="status">
            {copied.status}
          </span>
        </div>
        <ConfigGroups groups={groups} />
        <h4>{t('runConfig.pinnedTemplates')}</h4>
        <ul className="pinned-list" data-testid="run-pinned-templates">
          {(['client', 'counselor'] as const).flatMap((role) =>
            run.templates[role].map((pinned) => (
              <li key={`${role}-${pinned.language}`}>
                <details>
                  <summary>
                    {t(`runForm.roles.${role}`)} · <span className="mono">{pinned.id}</span> ·{' '}
                    {t(`editor.cardLanguages.${pinned.language}`)} ·{' '}
                    <strong>{t('prompts.versionN', { version: pinned.version })}</strong>
                  </summary>
                  <pre className="preview-text">{pinned.text}</pre>
                </details>
              </li>
            )),
          )}
        </ul>
      </div>
    </details>
  )
}
