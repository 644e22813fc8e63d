import { useTranslation } from 'react-i18next'
import { Field } from '../../components/Field'
import type { EndpointDraft } from './endpointDraft'

interface LocalModelFieldsProps {
  draft: EndpointDraft
  errors: Record<string, string | undefined>
  onChange: (patch: Partial<EndpointDraft>) => void
}

type LocalKey = 'contextSize' | 'threads' | 'gpuLayers'

/** A local endpoint's model file and how it runs (in place of a base URL and key). */
export function LocalModelFields({ draft, errors, onChange }: LocalModelFieldsProps) {
  const { t } = useTranslation()
  const number = (key: LocalKey, hint: string) => (
    <Field label={t(`endpoints.local.${key}`)} error={errors[`local.${key}`]} hint={hint}>
      {(control) => (
        <input
          {...control}
          type="number"
          step="1"
          min="0"
          value={draft[key]}
          placeholder={key === 'threads' ? t('endpoints.local.threadsAuto') : undefined}
          onChange={(event) => onChange({ [key]: event.target.value })}
          data-testid={`endpoint-local-${key}`}
        />
      )}
    </Field>
  )
  return (
    <>
      <Field
        label={t('endpoints.local.modelPath')}
        error={errors['local.modelPath'] ?? errors.local}
        hint={t('endpoints.local.modelPathHint')}
        className="field-wide"
      >
        {(control) => (
          <input
            {...control}
            type="text"
            value={draft.modelPath}
            placeholder={t('endpoints.local.modelPathPlaceholder')}
            onChange={(event) => onChange({ modelPath: event.target.value })}
            spellCheck={false}
            data-testid="endpoint-local-modelPath"
          />
        )}
      </Field>
      {number('contextSize', t('endpoints.local.contextSizeHint'))}
      {number('threads', t('endpoints.local.threadsHint'))}
      {number('gpuLayers', t('endpoints.local.gpuLayersHint'))}
    </>
  )
}
