import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../../api/client'
import { Field } from '../../../components/Field'
import { errorMessage } from '../../../lib/errors'
import { useAppInfo } from '../../../lib/useAppInfo'
import { useCopyStatus } from '../../../lib/useCopyStatus'

/** An access link for one annotator (browser mode): it opens only this arena's annotation page. */
export function AccessLinkForm({ arenaId }: { arenaId: string }) {
  const { t } = useTranslation()
  const { info } = useAppInfo()
  const [name, setName] = useState('')
  const [link, setLink] = useState<{ name: string; url: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const copied = useCopyStatus()
  const serve = info?.mode === 'serve'
  const trimmed = name.trim()
  const reason = !serve
    ? t('arena.people.linkServeOnly')
    : !trimmed
      ? t('arena.people.linkNameFirst')
      : busy
        ? t('common.working')
        : t('arena.people.createLinkHint')

  const create = async () => {
    setBusy(true)
    setError(null)
    copied.clear()
    try {
      const created = await api.createAnnotatorLink({ arenaId, annotator: trimmed })
      setLink({ name: trimmed, url: `${window.location.origin}${created.path}` })
    } catch (failure) {
      setError(t('arena.people.linkFailed', { message: errorMessage(failure) }))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="arena-link-form" data-testid="arena-access-link">
      <h4>{t('arena.people.linkTitle')}</h4>
      <p className="muted small">{serve ? t('arena.people.linkHelp') : t('arena.people.linkServeOnly')}</p>
      <form
        className="input-with-button arena-link-row"
        onSubmit={(event) => {
          event.preventDefault()
          if (serve && trimmed && !busy) void create()
        }}
      >
        <Field label={t('arena.people.linkName')} error={error ?? undefined}>
          {(control) => (
            <input
              {...control}
              type="text"
              value={name}
              maxLength={80}
              onChange={(event) => setName(event.target.value)}
              disabled={!serve}
              data-testid="arena-link-name"
            />
          )}
        </Field>
        <button
          type="submit"
          className="button"
          disabled={!serve || !trimmed || busy}
          title={reason}
          data-testid="arena-link-create"
        >
          {busy ? t('common.working') : t('arena.people.createLink')}
        </button>
      </form>
      {link && (
        <div className="arena-link-result" data-testid="arena-link-result">
          <label className="small" htmlFor="arena-link-url">
            {t('arena.people.linkFor', { name: link.name })}
          </label>
          <div className="input-with-button">
            <input
              id="arena-link-url"
              type="text"
              readOnly
              value={link.url}
              onFocus={(event) => event.target.select()}
              className="mono"
              data-testid="arena-link-url"
            />
            <button
              type="button"
              className="button"
              onClick={() => void copied.copy(link.url)}
              data-testid="arena-link-copy"
            >
              {t('common.copy')}
            </button>
          </div>
          <p className="muted small" role="status">
            {copied.status ?? t('arena.people.linkNote')}
          </p>
        </div>
      )}
    </div>
  )
}
