import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import {
  CLIENT_KINDS,
  clientCallsPerTurn,
  clientConfigFor,
  clientMethodSettings,
  type ClientKind,
  type ClientMethodSettings,
} from '@shared/clients'
import { CLIENT_STAGES } from '@shared/clients/dynamic'
import type { EndpointView } from '@shared/endpoint'
import type { PromptTemplateView } from '@shared/promptApi'
import { EndpointOptions } from '../../../components/EndpointSelect'
import { Field } from '../../../components/Field'
import { AgentSection } from './AgentSection'
import { NumberField } from './fields'
import { testIdFor, type FormBinding } from './runFormState'

interface ClientSectionProps {
  bind: FormBinding
  endpoints: EndpointView[]
  templates: PromptTemplateView[]
}

/** The client: its method (static, the paper's, by default), endpoint, sampling and template, the method's settings. */
export function ClientSection({ bind, endpoints, templates }: ClientSectionProps) {
  const { t } = useTranslation()
  const { client } = bind.state.config
  // Switching back to a method brings back the settings it had in this form.
  const memory = useRef<Partial<Record<ClientKind, ClientMethodSettings>>>({})
  const choose = (kind: ClientKind) => {
    if (kind === client.kind) return
    memory.current[client.kind] = clientMethodSettings(client)
    bind.set('config.client', { ...clientConfigFor(kind, client), ...memory.current[kind] })
  }
  const kindPath = 'config.client.kind'
  return (
    <AgentSection
      bind={bind}
      role="client"
      endpoints={endpoints}
      templates={templates}
      lead={
        <div className="method-picker">
          <Field
            label={t('clients.methodLabel')}
            hint={t(`clients.methodHint.${client.kind}`)}
            error={bind.errors[kindPath]}
          >
            {(control) => (
              <select
                {...control}
                value={client.kind}
                onChange={(event) => choose(event.target.value as ClientKind)}
                data-testid={testIdFor(kindPath)}
              >
                {CLIENT_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`clients.methods.${kind}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      }
    >
      {client.kind === 'dynamic' && <DynamicClientFields bind={bind} endpoints={endpoints} />}
    </AgentSection>
  )
}

function DynamicClientFields({ bind, endpoints }: { bind: FormBinding; endpoints: EndpointView[] }) {
  const { t } = useTranslation()
  const client = bind.state.config.client
  if (client.kind !== 'dynamic') return null
  const path = 'config.client'
  const endpointName = endpoints.find((e) => e.id === client.endpointId)?.name ?? client.endpointId
  return (
    <div className="method-settings" data-testid="client-method-settings" data-kind="dynamic">
      <h4>{t('methods.settingsTitle', { method: t('clients.methods.dynamic') })}</h4>
      <div className="form-grid">
        <Field
          label={t('clients.update')}
          hint={t('clients.updateHint')}
          error={bind.errors[`${path}.update`]}
          className="field-wide"
        >
          {(control) => (
            <select
              {...control}
              value={client.update}
              onChange={(event) => bind.set(`${path}.update`, event.target.value)}
              data-testid={testIdFor(`${path}.update`)}
            >
              {(['judge', 'rule'] as const).map((u) => (
                <option key={u} value={u}>
                  {t(`clients.updates.${u}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <NumberField bind={bind} path={`${path}.initial.trust`} label={t('clients.initialTrust')} />
        <NumberField bind={bind} path={`${path}.initial.emotion`} label={t('clients.initialEmotion')} />
        <Field label={t('clients.initialStage')} error={bind.errors[`${path}.initial.stage`]}>
          {(control) => (
            <select
              {...control}
              value={client.initial.stage}
              onChange={(event) => bind.set(`${path}.initial.stage`, event.target.value)}
              data-testid={testIdFor(`${path}.initial.stage`)}
            >
              {CLIENT_STAGES.map((s) => (
                <option key={s} value={s}>
                  {t(`clients.stages.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {client.update === 'judge' && (
          <>
            <Field label={t('clients.judgeEndpoint')} error={bind.errors[`${path}.judge.endpointId`]}>
              {(control) => (
                <select
                  {...control}
                  value={client.judge.endpointId ?? ''}
                  onChange={(event) =>
                    bind.set(`${path}.judge`, { ...client.judge, endpointId: event.target.value || undefined })
                  }
                  data-testid={testIdFor(`${path}.judge.endpointId`)}
                >
                  <option value="">{`${t('clients.judgeSameAsClient')} (${endpointName || '—'})`}</option>
                  <EndpointOptions endpoints={endpoints} />
                </select>
              )}
            </Field>
            <NumberField
              bind={bind}
              path={`${path}.judge.temperature`}
              label={t('clients.judgeTemperature')}
              hint={t('clients.judgeTemperatureHint')}
              nullable
            />
          </>
        )}
      </div>
      <p className="field-hint client-calls" data-testid="client-calls-per-turn">
        {t('clients.callsPerTurn', { count: clientCallsPerTurn(client) })}
      </p>
    </div>
  )
}
