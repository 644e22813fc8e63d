import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { JobProgress } from '@shared/api'
import type { EndpointView } from '@shared/endpoint'
import type { StudyJudgeView, StudyResults, StudyView } from '@shared/study'
import { api } from '../../../api/client'
import { DataTable } from '../../../components/DataTable'
import { EndpointSelect } from '../../../components/EndpointSelect'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { Field } from '../../../components/Field'
import { NoEndpointBanner } from '../../../components/StartForm'
import { NumberInput } from '../../../components/NumberInput'
import { ProgressBar } from '../../../components/ProgressBar'
import { errorMessage } from '../../../lib/errors'
import { formatDateTime, formatNumber } from '../../../lib/format'

const barProgress = (judge: StudyJudgeView): JobProgress => ({
  jobId: judge.id,
  kind: 'study-judge',
  label: judge.endpoint,
  done: judge.done + judge.failed,
  total: judge.total,
  state: 'running',
})

const TONE: Record<StudyJudgeView['status'], string> = {
  running: 'badge-running',
  completed: 'badge-success',
  failed: 'badge-danger',
  cancelled: 'badge-neutral',
  interrupted: 'badge-warning',
}

interface JudgePanelProps {
  study: StudyView
  endpoints: EndpointView[]
  results: StudyResults | null
  onJudge: (judge: StudyJudgeView) => void
}

/**
 * An LLM judge answers the same rubric (or aspects) on every unit, as one more rater: its agreement with the people
 * stands beside theirs in the table above. Progress arrives as 'study.judge' events.
 */
export function JudgePanel({ study, endpoints, results, onJudge }: JudgePanelProps) {
  const { t } = useTranslation()
  const [endpointId, setEndpointId] = useState(endpoints[0]?.id ?? '')
  const [temperature, setTemperature] = useState<number>(0)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const chosen = endpoints.some((e) => e.id === endpointId) ? endpointId : (endpoints[0]?.id ?? '')
  const running = study.judges.find((j) => j.status === 'running') ?? null
  const badTemperature = !Number.isFinite(temperature) || temperature < 0 || temperature > 2
  const reason =
    endpoints.length === 0
      ? t('runForm.noEndpointReason')
      : running
        ? t('studies.judge.alreadyRunning')
        : badTemperature
          ? t('studies.judge.temperatureRange')
          : busy
            ? t('common.working')
            : t('studies.judge.startHint')

  const act = async (what: () => Promise<StudyJudgeView>) => {
    setBusy(true)
    setError(null)
    try {
      onJudge(await what())
    } catch (failure) {
      setError(failure)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="result-section study-judge" aria-labelledby="study-judge-title" data-testid="study-judge">
      <h3 id="study-judge-title">{t('studies.judge.title')}</h3>
      <p className="muted small">{t('studies.judge.help')}</p>
      {endpoints.length === 0 && (
        <NoEndpointBanner text={t('studies.judge.noEndpoint')} testId="study-judge-no-endpoint" />
      )}
      <form
        className="form-grid study-judge-grid"
        onSubmit={(event) => {
          event.preventDefault()
          if (endpoints.length > 0 && !running && !busy && !badTemperature)
            void act(() => api.startStudyJudge({ studyId: study.id, endpointId: chosen, temperature }))
        }}
      >
        <EndpointSelect
          label={t('studies.judge.endpoint')}
          value={chosen}
          endpoints={endpoints}
          onChange={setEndpointId}
          testId="study-judge-endpoint"
        />
        <Field
          label={t('runForm.temperature')}
          error={badTemperature ? t('studies.judge.temperatureRange') : undefined}
          hint={t('studies.judge.temperatureHint')}
        >
          {(control) => (
            <NumberInput
              {...control}
              value={temperature}
              onChange={(value) => setTemperature(value ?? Number.NaN)}
              data-testid="study-judge-temperature"
            />
          )}
        </Field>
        <div className="study-judge-run">
          <button
            type="submit"
            className="button button-primary"
            disabled={endpoints.length === 0 || !!running || busy || badTemperature}
            title={reason}
            data-testid="study-judge-start"
          >
            {running ? t('studies.judge.running') : t('studies.judge.start')}
          </button>
        </div>
      </form>
      {running && (
        <div className="study-judge-job" data-testid="study-judge-job" data-status={running.status}>
          <ProgressBar
            label={t('studies.judge.runningLabel', { endpoint: running.endpoint })}
            progress={barProgress(running)}
            detail={t('studies.judge.progress', {
              done: formatNumber(running.done),
              failed: formatNumber(running.failed),
              total: formatNumber(running.total),
            })}
          />
          <div className="button-row">
            <button
              type="button"
              className="button"
              onClick={() => void act(() => api.cancelStudyJudge({ id: running.id }))}
              disabled={busy}
              title={t('studies.judge.cancelHint')}
              data-testid="study-judge-cancel"
            >
              {t('studies.judge.cancel')}
            </button>
          </div>
        </div>
      )}
      {error != null && <ErrorBanner>{t('studies.judge.failed', { message: errorMessage(error) })}</ErrorBanner>}
      {study.judges.length > 0 && (
        <DataTable
          columns={[
            { label: t('studies.judge.endpoint') },
            { label: t('runForm.temperature'), numeric: true },
            { label: t('studies.judge.status') },
            { label: t('studies.judge.answered'), numeric: true },
            { label: t('studies.judge.started') },
          ]}
          testId="study-judge-runs"
        >
          {study.judges.map((judge) => (
            <tr key={judge.id} data-status={judge.status}>
              <th scope="row">
                {judge.endpoint}
                {results?.judge?.id === judge.id && (
                  <span className="badge badge-success study-judge-used" title={t('studies.judge.usedHint')}>
                    {t('studies.judge.used')}
                  </span>
                )}
              </th>
              <td className="numeric">{judge.temperature}</td>
              <td>
                <span className={`badge ${TONE[judge.status]}`} data-status={judge.status}>
                  {t(`studies.judge.statuses.${judge.status}`)}
                </span>
                {judge.error && <div className="muted small selectable">{judge.error}</div>}
              </td>
              <td className="numeric">
                {t('studies.judge.progress', {
                  done: formatNumber(judge.done),
                  failed: formatNumber(judge.failed),
                  total: formatNumber(judge.total),
                })}
              </td>
              <td className="muted small">{formatDateTime(judge.finishedAt ?? judge.createdAt)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  )
}
