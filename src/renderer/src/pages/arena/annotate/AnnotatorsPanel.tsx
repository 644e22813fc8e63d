import { useTranslation } from 'react-i18next'
import type { ArenaSummary } from '@shared/arena'
import { DataTable } from '../../../components/DataTable'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { errorMessage } from '../../../lib/errors'
import { formatNumber } from '../../../lib/format'
import { AccessLinkForm } from './AccessLinkForm'
import { ClaimedDialogues } from './ClaimedDialogues'
import { useAnnotators } from './useAnnotators'

/** Who has voted and how much, the way to annotate here, and access links for annotators in browser mode. */
export function AnnotatorsPanel({ arena, onAnnotate }: { arena: ArenaSummary; onAnnotate: () => void }) {
  const { t } = useTranslation()
  const { value: rows, error, reload: load } = useAnnotators(arena)
  const totalVotes = rows?.reduce((sum, row) => sum + row.votes, 0) ?? 0

  return (
    <section
      className="result-section arena-people"
      aria-labelledby="arena-annotators-title"
      data-testid="arena-annotators"
    >
      <div className="section-title-row">
        <h3 id="arena-annotators-title">{t('arena.people.title')}</h3>
        <span className="spacer" />
        <button type="button" className="button" onClick={onAnnotate} data-testid="arena-annotate-here">
          {t('arena.people.annotateHere')}
        </button>
      </div>
      <p className="muted small">{t('arena.people.help')}</p>
      {error != null && (
        <ErrorBanner onRetry={() => void load()}>
          {t('arena.people.loadFailed', { message: errorMessage(error) })}
        </ErrorBanner>
      )}
      {rows && rows.length === 0 && (
        <p className="empty-inline" data-testid="arena-annotators-empty">
          {t('arena.people.none')}
        </p>
      )}
      {rows && rows.length > 0 && (
        <DataTable
          columns={[
            { label: t('arena.people.annotator') },
            { label: t('arena.people.votes'), numeric: true },
            { label: t('arena.people.dialogues'), numeric: true },
          ]}
          footer={
            <tr>
              <th scope="row">{t('arena.people.total')}</th>
              <td className="numeric">{formatNumber(totalVotes)}</td>
              <td />
            </tr>
          }
        >
          {rows.map((row) => (
            <tr
              key={row.annotator}
              data-testid="arena-annotator-row"
              data-annotator={row.annotator}
              data-votes={row.votes}
            >
              <th scope="row">{row.annotator}</th>
              <td className="numeric">{formatNumber(row.votes)}</td>
              <td className="numeric">{formatNumber(row.dialogues)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <ClaimedDialogues arena={arena} />
      <AccessLinkForm arenaId={arena.id} />
    </section>
  )
}
