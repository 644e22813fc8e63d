import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ExportedFile } from '@shared/api'
import { WorkbenchError } from '@shared/errors'
import type { TrainingSummary } from '@shared/training'
import { api } from '../../../api/client'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { StatGrid, type Stat } from '../../../components/StatGrid'
import { FormSection } from '../../../components/FormSection'
import { downloadFile } from '../../../lib/download'
import { errorMessage } from '../../../lib/errors'
import { formatBytes, formatNumber } from '../../../lib/format'
import { filterReasonLabel } from '../trainingMessages'
import { toExportInput, type TrainingFormState } from './trainingFormState'

export interface ExportPreviewState {
  files: ExportedFile[] | null
  summary: TrainingSummary | null
  /** The server's words when nothing could be exported (then `summary` says what was filtered). */
  error: string | null
  busy: boolean
  /** The form changed since the preview was made. */
  stale: boolean
  /** True when a preview for the current form exists and has samples. */
  ready: boolean
  run: () => Promise<void>
}

/**
 * What the data files depend on: the model and output folder only change the server's own train.yaml, which the form
 * replaces.
 */
const dataKey = (state: TrainingFormState) => {
  const { model: _model, outputDir: _outputDir, ...data } = toExportInput(state)
  return JSON.stringify(data)
}

const isSummary = (value: unknown): value is TrainingSummary =>
  typeof value === 'object' && value !== null && 'filtered' in value && 'samples' in value

/**
 * Calls exportTrainingData for the form's data step once `check` (the local validation) passes;
 * field problems the server finds go to `onInvalid`, to be shown next to their fields.
 */
export function useExportPreview(
  state: TrainingFormState | null,
  check: () => boolean,
  onInvalid: (error: WorkbenchError) => void,
): ExportPreviewState {
  const { t } = useTranslation()
  const [made, setMade] = useState<{
    key: string
    files: ExportedFile[] | null
    summary: TrainingSummary | null
    error: string | null
  } | null>(null)
  const [busy, setBusy] = useState(false)
  const key = state ? dataKey(state) : ''

  const run = async () => {
    if (!state || !check()) return
    const input = toExportInput(state)
    const madeFor = dataKey(state)
    setBusy(true)
    try {
      const result = await api.exportTrainingData(input)
      setMade({ key: madeFor, files: result.files, summary: result.summary, error: null })
    } catch (error) {
      if (error instanceof WorkbenchError && error.code === 'invalid_input' && isSummary(error.details)) {
        setMade({ key: madeFor, files: null, summary: error.details, error: t('training.preview.nothingLeft') })
      } else if (error instanceof WorkbenchError && error.code === 'invalid_input') {
        setMade(null)
        onInvalid(error)
      } else
        setMade({
          key: madeFor,
          files: null,
          summary: null,
          error: t('training.preview.failed', { message: errorMessage(error) }),
        })
    } finally {
      setBusy(false)
    }
  }

  const stale = made !== null && made.key !== key
  return {
    files: made?.files ?? null,
    summary: made?.summary ?? null,
    error: made?.error ?? null,
    busy,
    stale,
    ready: made !== null && !stale && made.files !== null,
    run,
  }
}

function SummaryStats({ summary }: { summary: TrainingSummary }) {
  const { t } = useTranslation()
  const counts: [string, number][] = [
    ['samples', summary.samples],
    ['train', summary.trainSamples],
    ['validation', summary.validationSamples],
    ['dialogues', summary.dialogues],
    ['counselorTurns', summary.counselorTurns],
  ]
  const stats: Stat[] = [
    ...counts.map(([id, value]): Stat => [id, t(`training.preview.stats.${id}`), formatNumber(value)]),
    ['tokens', t('training.preview.stats.tokens'), `≈ ${formatNumber(summary.estimatedTokens)}`],
  ]
  return <StatGrid stats={stats} testId="training-preview-stats" testIdPrefix="training-preview" />
}

/** Which sample style the export used, and for seed-context samples where their client context came from. */
function SampleStyleUsed({ summary }: { summary: TrainingSummary }) {
  const { t } = useTranslation()
  const style = summary.sampleStyle ?? 'system-prompt'
  const context = summary.seedContext
  return (
    <p className="muted small" data-testid="training-preview-style" data-style={style}>
      {t(`training.preview.style.${style}`, {
        samples: formatNumber(summary.samples),
        dialogues: formatNumber(summary.dialogues),
      })}
      {context &&
        ` ${t('training.preview.seedContext', {
          seed: formatNumber(context.seed),
          derived: formatNumber(context.derived),
          none: formatNumber(context.none),
        })}`}
    </p>
  )
}

function FilteredList({ filtered }: { filtered: Record<string, number> }) {
  const { t } = useTranslation()
  const entries = Object.entries(filtered).filter(([, n]) => n > 0)
  if (entries.length === 0)
    return (
      <p className="muted small" data-testid="training-preview-nothing-filtered">
        {t('training.preview.nothingFiltered')}
      </p>
    )
  return (
    <div data-testid="training-preview-filtered">
      <h4 className="training-subheading">{t('training.preview.filteredTitle')}</h4>
      <ul className="error-kinds">
        {entries.map(([reason, n]) => (
          <li key={reason} data-testid="training-preview-filtered-reason" data-reason={reason}>
            <span>{filterReasonLabel(reason)}</span>
            <strong>{formatNumber(n)}</strong>
          </li>
        ))}
      </ul>
    </div>
  )
}

/**
 * The files of the export, each downloadable; train.yaml carries the configuration step's settings when they are valid.
 */
function FileList({ files, configYaml }: { files: ExportedFile[]; configYaml: string | null }) {
  const { t } = useTranslation()
  const shown = files.map((file) =>
    file.fileName === 'train.yaml' && configYaml !== null ? { ...file, content: configYaml } : file,
  )
  return (
    <div>
      <h4 className="training-subheading">{t('training.preview.filesTitle')}</h4>
      <ul className="training-file-list" data-testid="training-preview-files">
        {shown.map((file) => (
          <li key={file.fileName} data-testid="training-preview-file" data-file={file.fileName}>
            <span className="mono">{file.fileName}</span>
            <span className="muted small">{t(`training.preview.fileRoles.${fileRole(file.fileName)}`)}</span>
            <span className="muted small training-file-size">{formatBytes(new Blob([file.content]).size)}</span>
            <button
              type="button"
              className="button button-small"
              onClick={() => downloadFile(file)}
              aria-label={t('training.preview.downloadLabel', { file: file.fileName })}
              data-testid="training-preview-download"
            >
              {t('training.preview.download')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
}

function fileRole(fileName: string): 'train' | 'validation' | 'info' | 'yaml' | 'other' {
  if (fileName === 'data.json') return 'train'
  if (fileName === 'validation.json') return 'validation'
  if (fileName === 'dataset_info.json') return 'info'
  if (fileName === 'train.yaml') return 'yaml'
  return 'other'
}

function SystemPromptUsed({ prompt }: { prompt: string | null }) {
  const { t } = useTranslation()
  if (!prompt)
    return (
      <p className="muted small" data-testid="training-preview-system">
        {t('training.preview.noSystemPrompt')}
      </p>
    )
  return (
    <details className="plain-details" data-testid="training-preview-system">
      <summary>
        {t('training.preview.systemPrompt', { count: prompt.length, formatted: formatNumber(prompt.length) })}
      </summary>
      <pre className="preview-text training-prompt-text">{prompt}</pre>
    </details>
  )
}

/** "Preview": what the export makes of the dataset with these settings, before anything goes to a server. */
export function ExportPreview({
  preview,
  configYaml,
  validationShare,
}: {
  preview: ExportPreviewState
  configYaml: string | null
  validationShare: number
}) {
  const { t } = useTranslation()
  const { summary, files, error, busy, stale } = preview
  return (
    <FormSection title={t('training.preview.title')} help={t('training.preview.help')} testId="training-preview">
      <div className="button-row">
        <button
          type="button"
          className="button button-primary"
          onClick={() => void preview.run()}
          disabled={busy}
          title={busy ? t('common.working') : t('training.preview.runHint')}
          data-testid="training-preview-run"
        >
          {busy
            ? t('training.preview.running')
            : summary || error
              ? t('training.preview.again')
              : t('training.preview.run')}
        </button>
        {stale && (
          <span className="badge badge-warning" data-testid="training-preview-stale">
            {t('training.preview.stale')}
          </span>
        )}
      </div>
      {error && <ErrorBanner testId="training-preview-error">{error}</ErrorBanner>}
      {summary && (
        <div
          className={`training-preview-body${stale ? ' training-stale' : ''}`}
          data-testid="training-preview-summary"
          data-samples={summary.samples}
        >
          <SummaryStats summary={summary} />
          {validationShare > 0 && summary.samples > 0 && summary.validationSamples === 0 && (
            <div className="banner banner-warning banner-block" data-testid="training-preview-no-validation">
              {t('training.preview.noValidation')}
            </div>
          )}
          <SampleStyleUsed summary={summary} />
          <FilteredList filtered={summary.filtered} />
          <SystemPromptUsed prompt={summary.systemPrompt} />
          {files && <FileList files={files} configYaml={configYaml} />}
        </div>
      )}
      {!summary && !error && <p className="muted small">{t('training.preview.notYet')}</p>}
    </FormSection>
  )
}
