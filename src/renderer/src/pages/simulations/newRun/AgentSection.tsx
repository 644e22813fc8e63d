import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { PromptTemplateView } from '@shared/promptApi'
import type { EndpointView } from '@shared/endpoint'
import type { AgentSettings, SimulationConfig } from '@shared/simulation'
import { EndpointSelect } from '../../../components/EndpointSelect'
import { Field } from '../../../components/Field'
import type { PathBinding } from '../../../components/pathFields'
import { FormSection } from '../../../components/FormSection'
import { useNavigate } from '../../../components/Navigation'
import { templateNameIn } from '../../prompts/templateGroups'
import { NumberField } from './fields'
import { testIdFor, type FormBinding } from './runFormState'

/** The agents a form configures: a run has both, an arena only the client (its counselors are contestants). */
type AgentConfigs = { client: AgentSettings } & Partial<Pick<SimulationConfig, 'counselor'>>

interface AgentSectionProps {
  bind: FormBinding<{ config: AgentConfigs }>
  role: 'client' | 'counselor'
  endpoints: EndpointView[]
  templates: PromptTemplateView[]
  /** Shown first (the counselor's method). */
  lead?: ReactNode
  /** Shown after the sampling fields (the method's own settings). */
  children?: ReactNode
}

/** Which model plays this role, how it samples (blank = the endpoint's own setting), and its prompt template. */
export function AgentSection({ bind, role, endpoints, templates, lead, children }: AgentSectionProps) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const config = bind.state.config[role]
  if (!config) return null
  // A method other than three-stage has its templates by role (Prompts page), not one to choose.
  const hasTemplate = 'templateId' in config
  const settings = { ...config, templateId: hasTemplate ? config.templateId : '' }
  const base = `config.${role}`
  const ofKind = templates.filter((template) => template.kind === role)
  const ids = [...new Set(ofKind.map((template) => template.id))]
  if (settings.templateId && !ids.includes(settings.templateId)) ids.unshift(settings.templateId)
  const versions = (id: string) =>
    ofKind
      .filter((template) => template.id === id)
      .map((template) => t('runForm.templateVersion', { language: template.language, version: template.version }))
      .join(' · ')

  return (
    <FormSection title={t(`runForm.${role}Section`)} help={t(`runForm.${role}Help`)} testId={`run-section-${role}`}>
      {lead}
      <div className="form-grid agent-grid">
        <EndpointSelect
          label={t('runForm.endpoint')}
          hint={t('runForm.endpointHint')}
          error={bind.errors[`${base}.endpointId`]}
          value={settings.endpointId}
          endpoints={endpoints}
          onChange={(id) => bind.set(`${base}.endpointId`, id)}
          testId={testIdFor(`${base}.endpointId`)}
        />
        {hasTemplate && (
          <Field
            label={t('runForm.template')}
            hint={
              settings.templateId
                ? t('runForm.templateHint', { versions: versions(settings.templateId) || '—' })
                : undefined
            }
            error={bind.errors[`${base}.templateId`]}
          >
            {(control) => (
              <div className="input-with-button">
                <select
                  {...control}
                  value={settings.templateId}
                  onChange={(event) => bind.set(`${base}.templateId`, event.target.value)}
                  data-testid={testIdFor(`${base}.templateId`)}
                >
                  {ids.map((id) => (
                    <option key={id} value={id}>
                      {templateNameIn(ofKind, id)}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => navigate('prompts')}
                  title={t('runForm.editTemplatesHint')}
                >
                  {t('runForm.editTemplates')}
                </button>
              </div>
            )}
          </Field>
        )}
      </div>
      <SamplingFields bind={bind} base={base} endpoint={endpoints.find((e) => e.id === settings.endpointId)} />
      {children}
    </FormSection>
  )
}

/**
 * An agent's or contestant's temperature, top-p and max tokens at `base`; blank = the endpoint's own setting (shown as
 * the placeholder).
 */
export function SamplingFields({
  bind,
  base,
  endpoint,
}: {
  bind: PathBinding
  base: string
  endpoint: EndpointView | undefined
}) {
  const { t } = useTranslation()
  const defaultHint = (value: number | undefined) =>
    value === undefined ? t('runForm.endpointDefaultShort') : t('runForm.endpointDefault', { value })
  return (
    <div className="form-grid agent-numbers">
      <NumberField
        bind={bind}
        path={`${base}.temperature`}
        label={t('runForm.temperature')}
        hint={t('runForm.temperatureHint')}
        nullable
        placeholder={defaultHint(endpoint?.temperature)}
      />
      <NumberField
        bind={bind}
        path={`${base}.topP`}
        label={t('runForm.topP')}
        hint={t('runForm.topPHint')}
        nullable
        placeholder={defaultHint(endpoint?.topP)}
      />
      <NumberField
        bind={bind}
        path={`${base}.maxTokens`}
        label={t('runForm.maxTokens')}
        hint={t('runForm.maxTokensHint')}
        nullable
        placeholder={defaultHint(endpoint?.maxTokens)}
      />
    </div>
  )
}
