import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useToast } from '../../../components/Toasts'
import { copyText } from '../../../lib/clipboard'
import { downloadFile } from '../../../lib/download'
import { errorMessage } from '../../../lib/errors'
import type { LiveYaml } from './useLiveYaml'

/** The `llamafactory-cli train` YAML of the current settings, live, with copy and download. */
export function YamlPreview({ live }: { live: LiveYaml }) {
  const { t } = useTranslation()
  const toast = useToast()
  const [copied, setCopied] = useState(false)
  const problems = Object.keys(live.errors).length + live.general.length
  const text = live.yaml ?? live.last
  const invalid = live.yaml === null && !live.busy

  const copy = async () => {
    if (!live.yaml) return
    try {
      await copyText(live.yaml)
      setCopied(true)
      setTimeout(() => setCopied(false), 1500)
    } catch (error) {
      toast({ kind: 'error', message: t('training.config.copyFailed', { message: errorMessage(error) }) })
    }
  }
  const unavailable =
    live.yaml === null ? (live.busy ? t('common.working') : t('training.config.yamlInvalidShort')) : undefined

  return (
    <section className="training-yaml" aria-label={t('training.config.yamlTitle')} data-testid="training-yaml">
      <div className="training-yaml-head">
        <h3 className="mono">train.yaml</h3>
        <div className="button-row">
          <button
            type="button"
            className="button button-small"
            onClick={() => void copy()}
            disabled={live.yaml === null}
            title={unavailable}
            data-testid="training-yaml-copy"
          >
            {copied ? t('common.copied') : t('common.copy')}
          </button>
          <button
            type="button"
            className="button button-small"
            onClick={() =>
              live.yaml && downloadFile({ fileName: 'train.yaml', mimeType: 'application/yaml', content: live.yaml })
            }
            disabled={live.yaml === null}
            title={unavailable}
            data-testid="training-yaml-download"
          >
            {t('training.preview.download')}
          </button>
        </div>
      </div>
      {invalid && (
        <p className="field-error" role="status" data-testid="training-yaml-invalid">
          {live.general.length > 0 ? live.general.join(' ') : t('training.config.yamlInvalid', { count: problems })}
        </p>
      )}
      {text ? (
        <pre
          className={`preview-text training-yaml-text${live.yaml === null ? ' training-stale' : ''}`}
          aria-busy={live.busy}
          data-testid="training-yaml-text"
          data-valid={live.yaml !== null}
        >
          {text}
        </pre>
      ) : (
        <p className="muted small">{live.busy ? t('app.loading') : t('training.config.yamlNone')}</p>
      )}
      <p className="muted small">{t('training.config.yamlHelp')}</p>
    </section>
  )
}
