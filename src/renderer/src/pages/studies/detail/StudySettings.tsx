import { useTranslation } from 'react-i18next'
import type { StudyView } from '@shared/study'
import { DataTable } from '../../../components/DataTable'
import { useNavigate } from '../../../components/Navigation'
import { ConfigGroups, type ConfigGroup } from '../../../components/SummaryList'
import { formatNumber } from '../../../lib/format'
import { pick } from '../bilingual'
import { RubricItemsTable } from '../form/RubricSection'
import type { UnitFilter } from './UnitsTab'

/** The owner's name of a source: its label, else the dataset's name. */
export const sourceName = (source: { label: string; datasetName?: string }, index: number) =>
  source.label || source.datasetName || `#${index + 1}`

/** What the study was created with: its sources (and what was drawn), the plan, the rubric or aspects, guidelines. */
export function StudySettings({ study, onShowUnits }: { study: StudyView; onShowUnits: (filter: UnitFilter) => void }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { config } = study
  const pairwise = study.design === 'pairwise'
  const yesNo = (value: boolean) => (value ? t('runConfig.yes') : t('runConfig.no'))
  const rubricName = config.rubric === 'custom' ? t('studies.form.customRubric') : t(`studies.rubrics.${config.rubric}`)

  const groups: ConfigGroup[] = [
    [
      t('studies.settings.plan'),
      [
        [t('studies.form.design'), t(`studies.designs.${study.design}`)],
        [pairwise ? t('studies.settings.pairs') : t('studies.settings.dialogues'), formatNumber(study.units)],
        [t('studies.form.ratersPerDialogue'), String(config.ratersPerDialogue)],
        [t('studies.settings.raters'), formatNumber(study.raters)],
        ...(pairwise ? [[t('studies.form.pairBy'), t(`studies.form.pairByOptions.${config.pairBy}`)] as const] : []),
        [t('runForm.seed'), String(config.seed)],
        [t('studies.form.comments'), yesNo(config.comments)],
      ],
    ],
    pairwise
      ? [t('studies.form.aspectsSection'), config.aspects.map((a) => [pick(a.name), pick(a.question)] as const)]
      : [
          t('studies.form.rubricSection'),
          [
            [t('studies.form.rubric'), rubricName],
            [t('studies.settings.items'), formatNumber(config.items.length)],
          ],
        ],
  ]

  return (
    <section
      className="result-section study-settings"
      aria-labelledby="study-settings-title"
      data-testid="study-settings"
    >
      <h3 id="study-settings-title">{t('studies.settings.title')}</h3>
      <DataTable
        columns={[
          { label: pairwise ? t('studies.settings.side') : '#' },
          { label: t('studies.settings.label') },
          { label: t('studies.form.dataset') },
          { label: pairwise ? t('studies.form.pairs') : t('studies.form.sampleSize'), numeric: true },
          { label: t('studies.settings.drawn'), numeric: true },
        ]}
        testId="study-sources"
      >
        {study.sources.map((source, index) => (
          <tr key={index} data-testid={`study-source-row-${index}`}>
            <td>{pairwise ? t('studies.settings.sideName', { n: index + 1 }) : index + 1}</td>
            <th scope="row">{sourceName(source, index)}</th>
            <td>
              <button
                type="button"
                className="link-button"
                onClick={() => navigate('datasets', { datasetId: source.datasetId })}
                title={t('studies.settings.openDataset')}
              >
                {source.datasetName}
              </button>
            </td>
            <td className="numeric">{formatNumber(source.sampleSize)}</td>
            <td className="numeric">
              <button
                type="button"
                className="link-button"
                onClick={() => onShowUnits({ sourceIndex: index })}
                title={t('studies.settings.drawnHint')}
                data-testid={`study-source-drawn-${index}`}
              >
                {formatNumber(source.drawn)}
              </button>
              {source.drawn < source.sampleSize && (
                <span className="badge badge-warning study-short" title={t('studies.settings.shortHint')}>
                  {t('studies.settings.short')}
                </span>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      <ConfigGroups groups={groups} />
      {!pairwise && (
        <details className="plain-details">
          <summary>{t('studies.settings.showItems', { count: config.items.length })}</summary>
          <RubricItemsTable items={config.items} />
        </details>
      )}
      <details className="plain-details">
        <summary>{t('studies.form.guidelines')}</summary>
        <p className="study-guidelines-text">{pick(config.guidelines)}</p>
      </details>
    </section>
  )
}
