import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { PromptTemplateView } from '@shared/promptApi'
import type { CounselorKind } from '@shared/counselors'
import type { EndpointView } from '@shared/endpoint'
import { EndpointSelect } from '../../../components/EndpointSelect'
import { Field } from '../../../components/Field'
import { templateNameIn } from '../../prompts/templateGroups'
import { SamplingFields } from '../../simulations/newRun/AgentSection'
import { TextField } from '../../simulations/newRun/fields'
import { MethodPicker, MethodSettingsFields } from '../../simulations/newRun/MethodFields'
import { contestantMethod, type MethodMemory } from '../../simulations/newRun/methodForm'
import type { ArenaBinding, ContestantDraft } from './arenaFormState'
import {
  adapterOf,
  RELEASED_ADAPTER_IDS,
  RELEASED_ADAPTERS,
  withAdapter,
  type ReleasedAdapterId,
} from '@shared/arenaPresets'

const CUSTOM = '__custom__'

interface ContestantRowProps {
  bind: ArenaBinding
  index: number
  contestant: ContestantDraft
  endpoints: EndpointView[]
  counselorTemplates: PromptTemplateView[]
  onRemove: (() => void) | null
}

/**
 * One counselor in the arena: its name in reports, its model, its method (three-stage: its system prompt, a counselor
 * template or custom text; another method: that method's settings) and sampling.
 */
export function ContestantRow({
  bind,
  index,
  contestant,
  endpoints,
  counselorTemplates,
  onRemove,
}: ContestantRowProps) {
  const { t } = useTranslation()
  const base = `config.contestants.${index}`
  const { prompt } = contestant
  // Switching to a template and back keeps the custom text typed so far.
  const lastCustomText = useRef(prompt.kind === 'custom' ? prompt.text : '')
  const templateIds = [...new Set(counselorTemplates.map((template) => template.id))]
  if (prompt.kind === 'template' && !templateIds.includes(prompt.templateId)) templateIds.unshift(prompt.templateId)
  const choosePrompt = (value: string) =>
    bind.set(
      `${base}.prompt`,
      value === CUSTOM ? { kind: 'custom', text: lastCustomText.current } : { kind: 'template', templateId: value },
    )
  const label = t('arena.form.contestantN', { n: index + 1 })
  const kind: CounselorKind = contestant.method?.kind ?? 'three-stage'
  const adapter = adapterOf(contestant)
  // Switching back to a method brings back the settings it had in this row.
  const methods = useRef<MethodMemory>({})
  const chooseMethod = (next: CounselorKind) => {
    if (next === kind) return
    if (contestant.method) methods.current[contestant.method.kind] = contestant.method
    bind.set(`${base}.method`, contestantMethod(next, methods.current))
  }

  return (
    <fieldset className="rule-box contestant-box" data-testid="arena-contestant" data-index={index}>
      <legend>{label}</legend>
      <div className="contestant-remove">
        <button
          type="button"
          className="button button-small"
          onClick={onRemove ?? undefined}
          disabled={!onRemove}
          title={onRemove ? t('arena.form.removeContestantHint') : t('arena.form.keepTwoReason')}
          aria-label={t('arena.form.removeContestant', { name: contestant.name || label })}
          data-testid="arena-contestant-remove"
        >
          {t('common.remove')}
        </button>
      </div>
      <div className="form-grid contestant-grid">
        <TextField
          bind={bind}
          path={`${base}.name`}
          label={t('arena.form.contestantName')}
          hint={t('arena.form.contestantNameHint')}
        />
        <EndpointSelect
          label={t('runForm.endpoint')}
          hint={t('runForm.endpointHint')}
          error={bind.errors[`${base}.endpointId`]}
          value={contestant.endpointId}
          endpoints={endpoints}
          onChange={(id) => bind.set(`${base}.endpointId`, id)}
          testId={`arena-contestant-${index}-endpoint`}
        />
        <Field
          label={t('arena.form.adapter')}
          hint={adapter ? t(`arena.form.adapterNotes.${adapter}`) : t('arena.form.adapterHint')}
        >
          {(control) => (
            <select
              {...control}
              value={adapter ?? ''}
              onChange={(event) => {
                const id = event.target.value as ReleasedAdapterId | ''
                if (id) bind.set(base, withAdapter(contestant, id))
              }}
              data-testid={`arena-contestant-${index}-adapter`}
            >
              <option value="">{t('arena.form.adapterNone')}</option>
              {RELEASED_ADAPTER_IDS.map((id) => (
                <option key={id} value={id}>
                  {RELEASED_ADAPTERS[id].name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <MethodPicker
          value={kind}
          onChange={chooseMethod}
          error={bind.errors[`${base}.method.kind`]}
          testId={`arena-contestant-${index}-method`}
        />
        {kind === 'three-stage' && (
          <Field
            label={t('arena.form.prompt')}
            hint={t(prompt.kind === 'custom' ? 'arena.form.promptCustomHint' : 'arena.form.promptTemplateHint')}
            error={bind.errors[`${base}.prompt.templateId`] ?? bind.errors[`${base}.prompt`]}
          >
            {(control) => (
              <select
                {...control}
                value={prompt.kind === 'custom' ? CUSTOM : prompt.templateId}
                onChange={(event) => choosePrompt(event.target.value)}
                data-testid={`arena-contestant-${index}-prompt`}
              >
                {templateIds.map((id) => (
                  <option key={id} value={id}>
                    {templateNameIn(counselorTemplates, id)}
                  </option>
                ))}
                <option value={CUSTOM}>{t('arena.form.promptCustom')}</option>
              </select>
            )}
          </Field>
        )}
      </div>
      {kind === 'three-stage' && prompt.kind === 'custom' && (
        <Field
          label={t('arena.form.systemPrompt')}
          hint={t('arena.form.systemPromptHint')}
          error={bind.errors[`${base}.prompt.text`]}
          className="field-wide"
        >
          {(control) => (
            <textarea
              {...control}
              rows={5}
              value={prompt.text}
              placeholder={t('arena.form.systemPromptPlaceholder')}
              onChange={(event) => {
                lastCustomText.current = event.target.value
                bind.set(`${base}.prompt`, { kind: 'custom', text: event.target.value })
              }}
              data-testid={`arena-contestant-${index}-system-prompt`}
            />
          )}
        </Field>
      )}
      <SamplingFields bind={bind} base={base} endpoint={endpoints.find((e) => e.id === contestant.endpointId)} />
      {contestant.method && (
        <MethodSettingsFields
          bind={bind}
          path={`${base}.method`}
          settings={contestant.method}
          inherited={contestant}
          endpoints={endpoints}
        />
      )}
    </fieldset>
  )
}
