import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../../api/client'
import { useNavigate } from '../../../components/Navigation'
import { useToast } from '../../../components/Toasts'
import { trainOnPreferences } from '../../training/form/NewTrainingForm'
import { downloadFile } from '../../../lib/download'
import { errorMessage } from '../../../lib/errors'
import { formatNumber } from '../../../lib/format'
import type { ReportRequest } from './reportRequest'

/**
 * The decisions behind the shown ratings (same arenas, referee kind and annotator) as DPO preference data: the pairs,
 * dataset_info.json and a stage: dpo train YAML, downloaded as three files; or the new-training form on them (DPO
 * preset), to launch on a GPU server.
 */
export function PreferenceExport({ request, decided }: { request: ReportRequest; decided: number }) {
  const { t } = useTranslation()
  const toast = useToast()
  const navigate = useNavigate()
  const [busy, setBusy] = useState(false)
  const run = async () => {
    setBusy(true)
    try {
      const { files, summary } = await api.exportArenaPreferences({
        arenaIds: request.arenaIds,
        referee: request.referee,
        annotator: request.annotator,
      })
      for (const file of files) downloadFile(file)
      toast({
        kind: 'success',
        message: t('arena.ratings.preferencesDone', {
          pairs: formatNumber(summary.pairs),
          turns: formatNumber(summary.turns),
          dialogues: formatNumber(summary.dialogues),
        }),
      })
    } catch (error) {
      toast({ kind: 'error', message: t('arena.ratings.preferencesFailed', { message: errorMessage(error) }) })
    } finally {
      setBusy(false)
    }
  }
  const train = () => {
    trainOnPreferences({ arenaIds: request.arenaIds, referee: request.referee, annotator: request.annotator })
    navigate('training')
  }
  return (
    <>
      <button
        type="button"
        className="button button-small"
        onClick={() => void run()}
        disabled={busy || decided === 0}
        title={decided === 0 ? t('arena.ratings.preferencesNone') : t('arena.ratings.preferencesHint')}
        data-testid="arena-export-preferences"
      >
        {busy ? t('arena.ratings.preferencesBusy') : t('arena.ratings.preferences')}
      </button>
      <button
        type="button"
        className="button button-small"
        onClick={train}
        disabled={decided === 0}
        title={decided === 0 ? t('arena.ratings.preferencesNone') : t('arena.ratings.trainHint')}
        data-testid="arena-train-preferences"
      >
        {t('arena.ratings.train')}
      </button>
    </>
  )
}
