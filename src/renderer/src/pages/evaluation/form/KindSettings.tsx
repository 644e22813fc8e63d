import { useTranslation } from 'react-i18next'
import type { EndpointView } from '@shared/endpoint'
import { T_TESTS } from '@shared/evaluation'
import { useNavigate } from '../../../components/Navigation'
import { FormSection } from '../../simulations/newRun/fields'
import { configKeyOf, type AnalysisBinding } from './analysisForm'
import { ConfigCheck, ConfigNumber, ConfigSelect, ConfigText } from './fields'

function TestSelect({ bind }: { bind: AnalysisBinding }) {
  const { t } = useTranslation()
  return <ConfigSelect bind={bind} field="test" label={t('analysisForm.test')} hint={t('analysisForm.testHint')} options={T_TESTS.map((value) => ({ value, label: t(`results.tests.${value}`) }))} />
}

function OverlapSettings({ bind }: { bind: AnalysisBinding }) {
  const { t } = useTranslation()
  return (
    <div className="form-grid">
      <div className="field-wide">
        <ConfigCheck bind={bind} field="removeStopWords" label={t('analysisForm.removeStopWords')} hint={t('analysisForm.removeStopWordsHint')} />
      </div>
      <TestSelect bind={bind} />
      <ConfigNumber bind={bind} field="seed" label={t('analysisForm.seed')} hint={t('analysisForm.seedHint')} />
    </div>
  )
}

function EmbeddingSettings({ bind }: { bind: AnalysisBinding }) {
  const { t } = useTranslation()
  return (
    <div className="form-grid">
      <ConfigText bind={bind} field="model" className="field-wide" label={t('analysisForm.model')} hint={t('analysisForm.modelHint')} placeholder="Xenova/bge-m3" />
      <ConfigSelect bind={bind} field="pooling" label={t('analysisForm.pooling')} hint={t('analysisForm.poolingHint')} options={(['cls', 'mean'] as const).map((value) => ({ value, label: t(`analysisForm.poolings.${value}`) }))} />
      <ConfigNumber bind={bind} field="maxTokens" label={t('analysisForm.maxTokens')} hint={t('analysisForm.maxTokensHint')} />
      <TestSelect bind={bind} />
      <ConfigNumber bind={bind} field="seed" label={t('analysisForm.seed')} hint={t('analysisForm.seedHint')} />
      <ConfigCheck bind={bind} field="normalize" label={t('analysisForm.normalize')} hint={t('analysisForm.normalizeHint')} />
      <ConfigCheck bind={bind} field="quantized" label={t('analysisForm.quantized')} hint={t('analysisForm.quantizedHint')} />
    </div>
  )
}

function JudgeSettings({ bind, endpoints }: { bind: AnalysisBinding; endpoints: EndpointView[] }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const options = endpoints.length ? endpoints.map((e) => ({ value: e.id, label: `${e.name} · ${e.model}` })) : [{ value: '', label: t('analysisForm.noEndpointOption') }]
  return (
    <>
      {endpoints.length === 0 && (
        <div className="banner banner-warning" role="status" data-testid="analysis-no-endpoint">
          <div className="banner-text">{t('analysisForm.noEndpoint')}</div>
          <div className="banner-actions">
            <button type="button" className="button" onClick={() => navigate('settings')} data-testid="analysis-open-settings">
              {t('runs.openSettings')}
            </button>
          </div>
        </div>
      )}
      <div className="form-grid">
        <ConfigSelect bind={bind} field="endpointId" label={t('analysisForm.endpoint')} hint={t(`analysisForm.endpointHint.${bind.state.kind === 'wai' ? 'wai' : 'topics'}`)} options={options} />
        <ConfigNumber bind={bind} field="temperature" label={t('analysisForm.temperature')} hint={t('analysisForm.temperatureHint')} />
        <ConfigNumber bind={bind} field="rounds" label={t('analysisForm.rounds')} hint={t('analysisForm.roundsHint')} />
        <ConfigNumber bind={bind} field="parseRetries" label={t('analysisForm.parseRetries')} hint={t('analysisForm.parseRetriesHint')} />
        <TestSelect bind={bind} />
        <ConfigCheck bind={bind} field="cache" label={t('analysisForm.cache')} hint={t('analysisForm.cacheHint')} />
      </div>
    </>
  )
}

/** The settings of the chosen analysis, prefilled with the paper's defaults, each explained. */
export function KindSettings({ bind, endpoints, onReset, isDefault }: { bind: AnalysisBinding; endpoints: EndpointView[]; onReset: () => void; isDefault: boolean }) {
  const { t } = useTranslation()
  const key = configKeyOf(bind.state.kind)
  return (
    <FormSection title={t('analysisForm.settings')} help={t(`analysisForm.settingsHelp.${bind.state.kind}`)} testId="analysis-settings">
      {key === 'overlap' && <OverlapSettings bind={bind} />}
      {key === 'embedding' && <EmbeddingSettings bind={bind} />}
      {key === 'judge' && <JudgeSettings bind={bind} endpoints={endpoints} />}
      {key && (
        <div className="button-row settings-reset">
          <button type="button" className="button button-small" onClick={onReset} disabled={isDefault} title={isDefault ? t('analysisForm.alreadyDefault') : t('analysisForm.resetHint')} data-testid="analysis-reset">
            {t('analysisForm.reset')}
          </button>
        </div>
      )}
    </FormSection>
  )
}
