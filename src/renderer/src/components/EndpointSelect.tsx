import { useTranslation } from 'react-i18next'
import type { EndpointView } from '@shared/endpoint'
import { Field } from './Field'

interface EndpointSelectProps {
  label: string
  hint?: string
  error?: string
  value: string
  endpoints: EndpointView[]
  onChange: (endpointId: string) => void
  testId: string
}

/** A saved model endpoint; disabled (with the reason) while none is saved. */
export function EndpointSelect({ label, hint, error, value, endpoints, onChange, testId }: EndpointSelectProps) {
  const { t } = useTranslation()
  const none = endpoints.length === 0
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <select
          {...control}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          disabled={none}
          title={none ? t('runForm.noEndpointReason') : undefined}
          data-testid={testId}
        >
          {none && <option value="">{t('runForm.noEndpointOption')}</option>}
          <EndpointOptions endpoints={endpoints} />
        </select>
      )}
    </Field>
  )
}

/** The saved endpoints as options of a select: "name — model". */
export function EndpointOptions({ endpoints }: { endpoints: EndpointView[] }) {
  return endpoints.map((endpoint) => (
    <option key={endpoint.id} value={endpoint.id}>
      {endpoint.name} — {endpoint.model}
    </option>
  ))
}
