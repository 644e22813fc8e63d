import { useTranslation } from 'react-i18next'
import type { AgentOverride, Sampling } from '@shared/agentSettings'
import { COUNSELOR_KINDS, type CounselorKind, type MethodSettings } from '@shared/counselors'
import type { EndpointView } from '@shared/endpoint'
import { EndpointOptions } from '../../../components/EndpointSelect'
import { Field } from '../../../components/Field'
import { NumberInput } from '../../../components/NumberInput'
import type { PathBinding } from '../../../components/pathFields'
import { formatNumber } from '../../../lib/format'
import { getPath } from '../../../lib/dottedPath'
import { CheckField, TextField } from './fields'
import {
  effectiveAgent,
  hasReleaseSettings,
  overridableAgents,
  withAgentField,
  withReleaseSettings,
  type CallEstimate,
  type SamplingKey,
} from './methodForm'
import { testIdFor } from './runFormState'

/** The counselor method as a select, with the chosen method's one-line description under it. */
export function MethodPicker({
  value,
  onChange,
  error,
  testId,
}: {
  value: CounselorKind
  onChange: (kind: CounselorKind) => void
  error?: string
  testId: string
}) {
  const { t } = useTranslation()
  return (
    <Field label={t('methods.method')} hint={t(`methods.descriptions.${value}`)} error={error}>
      {(control) => (
        <select
          {...control}
          value={value}
          onChange={(event) => onChange(event.target.value as CounselorKind)}
          data-testid={testId}
        >
          {COUNSELOR_KINDS.map((kind) => (
            <option key={kind} value={kind} title={t(`methods.descriptions.${kind}`)}>
              {t(`methods.kinds.${kind}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}

interface MethodSettingsFieldsProps {
  bind: PathBinding
  /** Where the method's settings are in the form state: "config.counselor", "config.contestants.0.method". */
  path: string
  settings: MethodSettings
  /** The counselor's (or contestant's) endpoint and sampling, which an agent without its own takes. */
  inherited: Sampling
  endpoints: EndpointView[]
}

/**
 * A method's own settings (the run form's counselor and an arena contestant share it): MAGneT's ablation switches and
 * per-agent settings, CACTUS's plan agent. Three-stage's template is chosen beside the endpoint.
 */
export function MethodSettingsFields({ bind, path, settings, inherited, endpoints }: MethodSettingsFieldsProps) {
  const { t } = useTranslation()
  if (settings.kind === 'three-stage') return null
  if (settings.kind === 'psych8k') return <p className="muted small">{t('methods.noSettings')}</p>
  if (settings.kind === 'transcript' || settings.kind === 'completions')
    return <AdapterFields bind={bind} path={path} kind={settings.kind} />
  const agents = settings.agents as Partial<Record<string, AgentOverride>>
  return (
    <div className="method-settings" data-testid="method-settings" data-kind={settings.kind}>
      <h4>{t('methods.settingsTitle', { method: t(`methods.kinds.${settings.kind}`) })}</h4>
      {settings.kind === 'magnet' && (
        <div className="method-switches">
          <CheckField
            bind={bind}
            path={`${path}.techniqueAgent`}
            label={t('methods.techniqueAgent')}
            hint={t('methods.techniqueAgentHint')}
          />
          <CheckField
            bind={bind}
            path={`${path}.cbtPlan`}
            label={t('methods.cbtPlan')}
            hint={t('methods.cbtPlanHint')}
          />
          <CheckField
            bind={bind}
            path={`${path}.cleanDrafts`}
            label={t('methods.cleanDrafts')}
            hint={t('methods.cleanDraftsHint')}
          />
        </div>
      )}
      <AgentOverridesTable
        bind={bind}
        path={`${path}.agents`}
        agents={agents}
        names={overridableAgents(settings.kind)}
        inherited={inherited}
        endpoints={endpoints}
      />
      {settings.kind === 'magnet' && (
        <div className="button-row">
          <button
            type="button"
            className="button button-small"
            onClick={() => bind.set(`${path}.agents`, withReleaseSettings(agents))}
            disabled={hasReleaseSettings(agents)}
            title={hasReleaseSettings(agents) ? t('methods.releaseAlready') : t('methods.releaseHint')}
            data-testid={`${testIdFor(path)}-release`}
          >
            {t('methods.release')}
          </button>
          <span className="muted small">{t('methods.releaseHint')}</span>
        </div>
      )}
    </div>
  )
}

/** A multi-line text bound to a path (a wrapper instruction, a prompt template). */
function TextAreaField({ bind, path, label, hint }: { bind: PathBinding; path: string; label: string; hint: string }) {
  return (
    <Field label={label} hint={hint} error={bind.errors[path]}>
      {(control) => (
        <textarea
          {...control}
          rows={4}
          spellCheck={false}
          value={(getPath(bind.state, path) as string | undefined) ?? ''}
          onChange={(event) => bind.set(path, event.target.value)}
          data-testid={testIdFor(path)}
        />
      )}
    </Field>
  )
}

/**
 * How a model that is not a chat model is called: the speaker labels of the flattened transcript, and a wrapper and
 * cue (one user message) or a raw prompt template (a completions endpoint).
 */
function AdapterFields({ bind, path, kind }: { bind: PathBinding; path: string; kind: 'transcript' | 'completions' }) {
  const { t } = useTranslation()
  return (
    <div className="method-settings" data-testid="method-settings" data-kind={kind}>
      <h4>{t('methods.settingsTitle', { method: t(`methods.kinds.${kind}`) })}</h4>
      <div className="form-grid">
        <TextField
          bind={bind}
          path={`${path}.clientLabel`}
          label={t('methods.clientLabel')}
          hint={t('methods.labelHint')}
          placeholder={t('methods.clientLabelPlaceholder')}
        />
        <TextField
          bind={bind}
          path={`${path}.counselorLabel`}
          label={t('methods.counselorLabel')}
          hint={t('methods.labelHint')}
          placeholder={t('methods.counselorLabelPlaceholder')}
        />
        {kind === 'transcript' && (
          <TextField bind={bind} path={`${path}.cue`} label={t('methods.cue')} hint={t('methods.cueHint')} />
        )}
      </div>
      {kind === 'transcript' ? (
        <TextAreaField
          bind={bind}
          path={`${path}.wrapper`}
          label={t('methods.wrapper')}
          hint={t('methods.wrapperHint')}
        />
      ) : (
        <>
          <TextAreaField
            bind={bind}
            path={`${path}.template`}
            label={t('methods.completionTemplate')}
            hint={t('methods.completionTemplateHint')}
          />
          <CheckField
            bind={bind}
            path={`${path}.stopAtClientLabel`}
            label={t('methods.stopAtClientLabel')}
            hint={t('methods.stopAtClientLabelHint')}
          />
        </>
      )}
    </div>
  )
}

interface AgentOverridesTableProps {
  bind: PathBinding
  path: string
  agents: Partial<Record<string, AgentOverride>>
  names: readonly string[]
  inherited: Sampling
  endpoints: EndpointView[]
}

const NUMBER_KEYS = ['temperature', 'topP', 'maxTokens'] as const

/** One row per agent: its own endpoint and sampling, or (blank) the counselor's, shown greyed. */
function AgentOverridesTable({ bind, path, agents, names, inherited, endpoints }: AgentOverridesTableProps) {
  const { t } = useTranslation()
  const endpointName = (id: string) => endpoints.find((e) => e.id === id)?.name ?? id
  const shown = (value: number | null) => (value === null ? t('methods.endpointDefault') : formatNumber(value))
  const set = (agent: string, key: SamplingKey, value: string | number | null | undefined) =>
    bind.set(path, withAgentField(agents, agent, key, value))
  const fieldLabel: Record<SamplingKey, string> = {
    endpointId: t('runForm.endpoint'),
    temperature: t('runForm.temperature'),
    topP: t('runForm.topP'),
    maxTokens: t('runForm.maxTokens'),
  }

  return (
    <div className="agent-overrides">
      <h5>{t('methods.agentsTitle')}</h5>
      <p className="muted small">{t('methods.agentsHelp')}</p>
      <div className="table-scroll">
        <table className="data-table agent-table" data-testid={`${testIdFor(path)}-table`}>
          <thead>
            <tr>
              <th scope="col">{t('methods.agent')}</th>
              {(['endpointId', ...NUMBER_KEYS] as const).map((key) => (
                <th key={key} scope="col">
                  {fieldLabel[key]}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">{t('methods.clearAgent')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {names.map((agent) => {
              const override = agents[agent]
              const effective = effectiveAgent(inherited, override)
              const agentName = t(`methods.agents.${agent}`, { defaultValue: agent })
              const cellPath = (key: SamplingKey) => `${path}.${agent}.${key}`
              return (
                <tr key={agent} data-agent={agent}>
                  <th scope="row">
                    {agentName}
                    {agent === 'technique' && (
                      <p className="muted small agent-note" data-testid="technique-release-note">
                        {t('methods.releaseNoteTechnique')}
                      </p>
                    )}
                  </th>
                  <td>
                    <Field
                      label={`${agentName} · ${fieldLabel.endpointId}`}
                      hideLabel
                      error={bind.errors[cellPath('endpointId')]}
                    >
                      {(control) => (
                        <select
                          {...control}
                          className={effective.endpointId.inherited ? 'inherited' : undefined}
                          value={override?.endpointId ?? ''}
                          onChange={(event) => set(agent, 'endpointId', event.target.value || undefined)}
                          data-testid={testIdFor(cellPath('endpointId'))}
                        >
                          <option value="">{t('methods.inherit', { name: endpointName(inherited.endpointId) })}</option>
                          <EndpointOptions endpoints={endpoints} />
                        </select>
                      )}
                    </Field>
                  </td>
                  {NUMBER_KEYS.map((key) => (
                    <td key={key}>
                      <Field label={`${agentName} · ${fieldLabel[key]}`} hideLabel error={bind.errors[cellPath(key)]}>
                        {(control) => (
                          <NumberInput
                            {...control}
                            nullable
                            value={effective[key].inherited ? null : (effective[key].value as number | null)}
                            placeholder={t('methods.inherited', { value: shown(inherited[key]) })}
                            onChange={(value) => set(agent, key, value === null ? undefined : value)}
                            data-testid={testIdFor(cellPath(key))}
                          />
                        )}
                      </Field>
                    </td>
                  ))}
                  <td>
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => {
                        const rest = { ...agents }
                        delete rest[agent]
                        bind.set(path, rest)
                      }}
                      disabled={!override}
                      title={override ? t('methods.clearAgentHint') : t('methods.nothingToClear')}
                      aria-label={t('methods.clearAgentLabel', { agent: agentName })}
                      data-testid={`${testIdFor(cellPath('endpointId')).replace(/-endpointId$/, '')}-clear`}
                    >
                      {t('methods.clearAgent')}
                    </button>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </div>
  )
}

/** "≈ N LLM calls per dialogue (M counselor calls per turn)", with how it is counted. */
export function CallEstimateLine({ estimate }: { estimate: CallEstimate }) {
  const { t } = useTranslation()
  return (
    <div
      className="call-estimate"
      data-testid="run-call-estimate"
      data-total={estimate.total}
      data-per-turn={estimate.perTurn}
    >
      <strong>{t('methods.estimate', { total: formatNumber(estimate.total), perTurn: estimate.perTurn })}</strong>
      <p className="field-hint">{t('methods.estimateHint', { ...estimate })}</p>
    </div>
  )
}
