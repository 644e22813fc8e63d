import { useTranslation } from 'react-i18next'
import type { EndpointView } from '@shared/endpoint'
import type { SshProfileView } from '@shared/training'
import { CheckField } from '../../components/CheckField'
import { Field } from '../../components/Field'
import { FormSection } from '../../components/FormSection'
import { useNavigate } from '../../components/Navigation'

/** Where a new run or analysis runs: here (null), or on an SSH profile's server with the URLs the server uses. */
export interface RunPlace {
  profileId: string | null
  serverURLs: Record<string, string>
  autoPull: boolean
}

export const HERE: RunPlace = { profileId: null, serverURLs: {}, autoPull: true }

/** The place as launchRemoteRun takes it: only the URLs given. */
export const placeInput = (place: RunPlace) => ({
  profileId: place.profileId!,
  autoPull: place.autoPull,
  serverURLs: Object.fromEntries(Object.entries(place.serverURLs).filter(([, url]) => url.trim() !== '')),
})

/** "Where it runs": this computer or a GPU server; for a server, how it reaches each endpoint the run calls. */
export function RunPlaceSection({
  place,
  onChange,
  profiles,
  endpoints,
  testIdPrefix,
  errors = {},
}: {
  place: RunPlace
  onChange: (place: RunPlace) => void
  profiles: SshProfileView[] | null
  /** The endpoints the run or analysis calls. */
  endpoints: EndpointView[]
  testIdPrefix: string
  /** Messages by endpoint id (a URL the server refused). */
  errors?: Record<string, string>
}) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const usable = (profiles ?? []).filter((p) => p.hostKey !== null)
  return (
    <FormSection title={t('remote.place.title')} help={t('remote.place.help')} testId={`${testIdPrefix}-place`}>
      <div className="form-grid">
        <Field label={t('remote.place.label')} className="field-wide">
          {(control) => (
            <select
              {...control}
              className="place-select"
              value={place.profileId ?? ''}
              onChange={(event) => onChange({ ...place, profileId: event.target.value || null })}
              data-testid={`${testIdPrefix}-place-select`}
            >
              <option value="">{t('remote.place.here')}</option>
              {usable.map((p) => (
                <option key={p.id} value={p.id}>
                  {t('remote.place.serverOption', { name: p.name, target: `${p.username}@${p.host}:${p.port}` })}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {profiles !== null && usable.length === 0 && (
        <p className="muted small" data-testid={`${testIdPrefix}-place-none`}>
          {t('remote.place.noServers')}{' '}
          <button type="button" className="link-button" onClick={() => navigate('training')}>
            {t('remote.place.openServers')}
          </button>
        </p>
      )}
      {place.profileId && (
        <>
          {endpoints.length > 0 && (
            <>
              <p className="small place-urls-title">
                <strong>{t('remote.place.urlsTitle')}</strong>
                <br />
                <span className="muted">{t('remote.place.urlHint')}</span>
              </p>
              <div className="form-grid">
                {endpoints.map((e) => (
                  <Field key={e.id} label={e.name} error={errors[e.id]}>
                    {(control) => (
                      <input
                        {...control}
                        type="url"
                        spellCheck={false}
                        placeholder={e.baseURL}
                        value={place.serverURLs[e.id] ?? ''}
                        onChange={(event) =>
                          onChange({ ...place, serverURLs: { ...place.serverURLs, [e.id]: event.target.value } })
                        }
                        data-testid={`${testIdPrefix}-server-url`}
                        data-endpoint-id={e.id}
                      />
                    )}
                  </Field>
                ))}
              </div>
            </>
          )}
          <CheckField
            label={t('remote.place.autoPull')}
            checked={place.autoPull}
            onChange={(autoPull) => onChange({ ...place, autoPull })}
            testId={`${testIdPrefix}-auto-pull`}
          />
          <p className="muted small">{t('remote.place.keysNote')}</p>
        </>
      )}
    </FormSection>
  )
}
