import { useTranslation } from 'react-i18next'
import type { Dataset } from '@shared/dialogue'
import { Field } from '../../../components/Field'
import { FormSection } from '../../../components/FormSection'
import { NumberInput } from '../../../components/NumberInput'
import { formatNumber } from '../../../lib/format'
import type { StudyFormBinding } from './formBinding'
import { sampleFor, type SourceRow } from './studyFormState'

const MAX_SOURCES = 8

/**
 * Where the dialogues come from. Rubric: one or more datasets, each its own seeded sample; pairwise: two datasets and
 * the number of pairs, matched by role card or source record.
 */
export function SourcesSection({ bind, datasets }: { bind: StudyFormBinding; datasets: Dataset[] }) {
  const { t } = useTranslation()
  const { state, errors, update } = bind
  const pairwise = state.design === 'pairwise'
  const rows = pairwise ? state.sources.slice(0, 2) : state.sources
  const setRow = (index: number, change: Partial<SourceRow>) =>
    update((current) => ({
      ...current,
      sources: current.sources.map((row, i) => (i === index ? { ...row, ...change } : row)),
    }))
  const unused = () => datasets.find((d) => !state.sources.some((s) => s.datasetId === d.id)) ?? datasets[0]
  const add = () =>
    update((current) => {
      const dataset = unused()
      return {
        ...current,
        sources: [...current.sources, { datasetId: dataset?.id ?? '', label: '', sampleSize: sampleFor(dataset) }],
      }
    })
  const remove = (index: number) =>
    update((current) => ({ ...current, sources: current.sources.filter((_, i) => i !== index) }))

  return (
    <FormSection
      title={t('studies.form.sourcesSection')}
      help={pairwise ? t('studies.form.sourcesHelpPairwise') : t('studies.form.sourcesHelpRubric')}
      testId="study-section-sources"
    >
      {errors.sources && (
        <p className="field-error" role="alert" data-testid="study-sources-error">
          {errors.sources}
        </p>
      )}
      {rows.map((row, index) => {
        const dataset = datasets.find((d) => d.id === row.datasetId)
        return (
          <div key={index} className="study-source-row" data-testid={`study-source-${index}`}>
            <Field
              label={
                pairwise ? t('studies.form.pairSide', { side: index === 0 ? 'A' : 'B' }) : t('studies.form.dataset')
              }
              error={errors[`sources.${index}.datasetId`]}
              hint={
                dataset
                  ? t('studies.form.datasetCount', {
                      count: dataset.dialogueCount,
                      formatted: formatNumber(dataset.dialogueCount),
                      cards: formatNumber(dataset.withRoleCards),
                    })
                  : undefined
              }
            >
              {(control) => (
                <select
                  {...control}
                  value={row.datasetId}
                  onChange={(event) => {
                    const next = datasets.find((d) => d.id === event.target.value)
                    setRow(index, {
                      datasetId: event.target.value,
                      sampleSize: Math.min(row.sampleSize, next?.dialogueCount ?? row.sampleSize) || 1,
                    })
                  }}
                  data-testid={`study-source-dataset-${index}`}
                >
                  {!dataset && <option value="">{t('studies.form.chooseDataset')}</option>}
                  {datasets.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {pairwise && index > 0 && <div aria-hidden />}
            {(!pairwise || index === 0) && (
              <Field
                label={pairwise ? t('studies.form.pairs') : t('studies.form.sampleSize')}
                error={errors[`sources.${index}.sampleSize`]}
                hint={pairwise ? t('studies.form.pairsHint') : t('studies.form.sampleSizeHint')}
              >
                {(control) => (
                  <NumberInput
                    {...control}
                    value={row.sampleSize}
                    onChange={(value) => setRow(index, { sampleSize: value ?? Number.NaN })}
                    data-testid={`study-source-sample-${index}`}
                  />
                )}
              </Field>
            )}
            <Field
              label={t('studies.form.label')}
              error={errors[`sources.${index}.label`]}
              hint={t('studies.form.labelHint')}
            >
              {(control) => (
                <input
                  {...control}
                  type="text"
                  value={row.label}
                  placeholder={dataset?.name ?? ''}
                  maxLength={80}
                  onChange={(event) => setRow(index, { label: event.target.value })}
                  data-testid={`study-source-label-${index}`}
                />
              )}
            </Field>
            {!pairwise && (
              <button
                type="button"
                className="button button-small study-row-remove"
                onClick={() => remove(index)}
                disabled={rows.length <= 1}
                title={rows.length <= 1 ? t('studies.form.oneSourceNeeded') : t('studies.form.removeSource')}
                aria-label={t('studies.form.removeSourceNamed', { name: dataset?.name ?? index + 1 })}
                data-testid={`study-source-remove-${index}`}
              >
                {t('studies.form.remove')}
              </button>
            )}
          </div>
        )
      })}
      {!pairwise && (
        <div className="button-row">
          <button
            type="button"
            className="button"
            onClick={add}
            disabled={rows.length >= MAX_SOURCES}
            title={rows.length >= MAX_SOURCES ? t('studies.form.maxSources', { max: MAX_SOURCES }) : undefined}
            data-testid="study-source-add"
          >
            {t('studies.form.addSource')}
          </button>
        </div>
      )}
      {pairwise && (
        <Field label={t('studies.form.pairBy')} hint={t(`studies.form.pairByHints.${state.pairBy}`)}>
          {(control) => (
            <select
              {...control}
              value={state.pairBy}
              onChange={(event) =>
                update((current) => ({ ...current, pairBy: event.target.value as 'card' | 'source' }))
              }
              data-testid="study-pair-by"
            >
              <option value="card">{t('studies.form.pairByOptions.card')}</option>
              <option value="source">{t('studies.form.pairByOptions.source')}</option>
            </select>
          )}
        </Field>
      )}
    </FormSection>
  )
}
