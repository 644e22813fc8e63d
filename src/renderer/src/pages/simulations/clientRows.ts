import type { TFunction } from 'i18next'
import { clientMethodSettings, type ClientConfig } from '@shared/clients'
import type { SummaryRow } from '../../components/SummaryList'

/** A run's client method and its settings, as the run's configuration shows them (older runs: the static client). */
export function clientRows(config: ClientConfig, endpointName: (id: string) => string, t: TFunction): SummaryRow[] {
  const settings = clientMethodSettings(config)
  const rows: SummaryRow[] = [[t('clients.methodLabel'), t(`clients.methods.${settings.kind}`)]]
  if (settings.kind !== 'dynamic') return rows
  rows.push(
    [t('clients.update'), t(`clients.updates.${settings.update}`)],
    [t('clients.initialTrust'), String(settings.initial.trust)],
    [t('clients.initialEmotion'), String(settings.initial.emotion)],
    [t('clients.initialStage'), t(`clients.stages.${settings.initial.stage}`)],
  )
  if (settings.update === 'judge')
    rows.push(
      [
        t('clients.judgeEndpoint'),
        settings.judge.endpointId ? endpointName(settings.judge.endpointId) : t('clients.judgeSameAsClient'),
      ],
      [t('clients.judgeTemperature'), settings.judge.temperature == null ? '—' : String(settings.judge.temperature)],
    )
  return rows
}
