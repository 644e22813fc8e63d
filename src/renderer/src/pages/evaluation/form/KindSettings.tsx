import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { EndpointView } from '@shared/endpoint'
import {
  CARD_SOURCES,
  CARD_TEXTS,
  DISTINCT_SPEAKERS,
  DISTINCT_TOKENIZERS,
  EMBEDDING_BACKENDS,
  EMBEDDING_DEVICES,
  T_TESTS,
  WAI_ITEM_SCORINGS,
  JUDGE_DELIVERIES,
  type EvaluationKind,
  type SettingsGroup,
} from '@shared/evaluation'
import { FormSection } from '../../../components/FormSection'
import { NoEndpointBanner } from '../../../components/StartForm'
import { configKeyOf, type AnalysisBinding } from './analysisForm'
import { CheckField, NumberField, SelectField, TextField } from './fields'

function TestSelect({ bind }: { bind: AnalysisBinding }) {
  const { t } = useTranslation()
  return (
    <SelectField
      bind={bind}
      path="config.test"
      label={t('analysisForm.test')}
      hint={t('analysisForm.testHint')}
      options={T_TESTS.map((value) => ({ value, label: t(`results.tests.${value}`) }))}
    />
  )
}

/** Which card text R client fidelity compares with (overlap and embeddings). */
function CardTextSelect({ bind }: { bind: AnalysisBinding }) {
  const { t } = useTranslation()
  return (
    <SelectField
      bind={bind}
      path="config.cardText"
      label={t('analysisForm.cardText')}
      hint={t('analysisForm.cardTextHint')}
      options={CARD_TEXTS.map((value) => ({ value, label: t(`analysisForm.cardTexts.${value}`) }))}
    />
  )
}

function OverlapSettings({ bind }: { bind: AnalysisBinding }) {
  const { t } = useTranslation()
  return (
    <div className="form-grid">
      <div className="field-wide">
        <CheckField
          bind={bind}
          path="config.removeStopWords"
          label={t('analysisForm.removeStopWords')}
          hint={t('analysisForm.removeStopWordsHint')}
        />
      </div>
      <CardTextSelect bind={bind} />
      <TestSelect bind={bind} />
      <NumberField bind={bind} path="config.seed" label={t('analysisForm.seed')} hint={t('analysisForm.seedHint')} />
    </div>
  )
}

function EmbeddingSettings({ bind, endpoints }: { bind: AnalysisBinding; endpoints: EndpointView[] }) {
  const { t } = useTranslation()
  const remote = bind.state.config?.backend === 'endpoint'
  return (
    <div className="form-grid">
      <SelectField
        bind={bind}
        path="config.backend"
        className="field-wide"
        label={t('analysisForm.embeddingBackend')}
        hint={t('analysisForm.embeddingBackendHint')}
        options={EMBEDDING_BACKENDS.map((value) => ({ value, label: t(`analysisForm.embeddingBackends.${value}`) }))}
      />
      {remote ? (
        <>
          {endpoints.length === 0 && (
            <div className="field-wide">
              <NoEndpointBanner
                text={t('analysisForm.noEmbeddingEndpoint')}
                testId="analysis-no-embedding-endpoint"
                settingsTestId="analysis-open-settings"
              />
            </div>
          )}
          <SelectField
            bind={bind}
            path="config.endpointId"
            label={t('analysisForm.embeddingEndpoint')}
            hint={t('analysisForm.embeddingEndpointHint')}
            options={[
              { value: '', label: t('analysisForm.chooseEmbeddingEndpointOption') },
              ...endpoints.map((e) => ({ value: e.id, label: `${e.name} · ${e.model}` })),
            ]}
          />
          <NumberField
            bind={bind}
            path="config.batchSize"
            label={t('analysisForm.embeddingBatchSize')}
            hint={t('analysisForm.embeddingBatchSizeHint')}
          />
        </>
      ) : (
        <>
          <TextField
            bind={bind}
            path="config.model"
            className="field-wide"
            label={t('analysisForm.model')}
            hint={t('analysisForm.modelHint')}
            placeholder="Xenova/bge-m3"
          />
          <SelectField
            bind={bind}
            path="config.device"
            label={t('analysisForm.embeddingDevice')}
            hint={t('analysisForm.embeddingDeviceHint')}
            options={EMBEDDING_DEVICES.map((value) => ({ value, label: t(`analysisForm.embeddingDevices.${value}`) }))}
          />
          <SelectField
            bind={bind}
            path="config.pooling"
            label={t('analysisForm.pooling')}
            hint={t('analysisForm.poolingHint')}
            options={(['cls', 'mean'] as const).map((value) => ({ value, label: t(`analysisForm.poolings.${value}`) }))}
          />
          <NumberField
            bind={bind}
            path="config.maxTokens"
            label={t('analysisForm.maxTokens')}
            hint={t('analysisForm.maxTokensHint')}
          />
          <CheckField
            bind={bind}
            path="config.quantized"
            label={t('analysisForm.quantized')}
            hint={t('analysisForm.quantizedHint')}
          />
        </>
      )}
      <SelectField
        bind={bind}
        path="config.cardSource"
        label={t('analysisForm.cardSource')}
        hint={t('analysisForm.cardSourceHint')}
        options={CARD_SOURCES.map((value) => ({ value, label: t(`analysisForm.cardSources.${value}`) }))}
      />
      {bind.state.config?.cardSource === 'card-by-id' && (
        <TextField
          bind={bind}
          path="config.cardIdField"
          label={t('analysisForm.cardIdField')}
          hint={t('analysisForm.cardIdFieldHint')}
          placeholder="externalId"
        />
      )}
      {bind.state.config?.cardSource !== 'first-client-turn' && <CardTextSelect bind={bind} />}
      <TestSelect bind={bind} />
      <NumberField bind={bind} path="config.seed" label={t('analysisForm.seed')} hint={t('analysisForm.seedHint')} />
      <CheckField
        bind={bind}
        path="config.normalize"
        label={t('analysisForm.normalize')}
        hint={t('analysisForm.normalizeHint')}
      />
    </div>
  )
}

function DistinctSettings({ bind }: { bind: AnalysisBinding }) {
  const { t } = useTranslation()
  const usesTokenizerJson = bind.state.config?.tokenizer === 'tokenizer-json'
  return (
    <div className="form-grid">
      <SelectField
        bind={bind}
        path="config.speaker"
        label={t('analysisForm.distinctSpeaker')}
        hint={t('analysisForm.distinctSpeakerHint')}
        options={DISTINCT_SPEAKERS.map((value) => ({ value, label: t(`analysisForm.distinctSpeakers.${value}`) }))}
      />
      <NumberField
        bind={bind}
        path="config.maxN"
        label={t('analysisForm.distinctMaxN')}
        hint={t('analysisForm.distinctMaxNHint')}
      />
      <SelectField
        bind={bind}
        path="config.tokenizer"
        label={t('analysisForm.distinctTokenizer')}
        hint={t('analysisForm.distinctTokenizerHint')}
        options={DISTINCT_TOKENIZERS.map((value) => ({ value, label: t(`analysisForm.distinctTokenizers.${value}`) }))}
      />
      {usesTokenizerJson && (
        <TextField
          bind={bind}
          path="config.tokenizerPath"
          className="field-wide"
          label={t('analysisForm.distinctTokenizerPath')}
          hint={t('analysisForm.distinctTokenizerPathHint')}
          placeholder="/models/bert-base-chinese"
        />
      )}
      <NumberField
        bind={bind}
        path="config.vocabularySize"
        nullable
        label={t('analysisForm.distinctVocabulary')}
        hint={t('analysisForm.distinctVocabularyHint')}
      />
      <CheckField
        bind={bind}
        path="config.lowercase"
        label={t('analysisForm.distinctLowercase')}
        hint={t('analysisForm.distinctLowercaseHint')}
      />
    </div>
  )
}

/** Fields of one judged kind beyond the judge's settings that the kinds share (shown with them). */
const JUDGE_EXTRAS: Partial<Record<EvaluationKind, (bind: AnalysisBinding) => ReactNode>> = {
  wai: (bind) => <WaiItemScoring bind={bind} />,
}

function WaiItemScoring({ bind }: { bind: AnalysisBinding }) {
  const { t } = useTranslation()
  return (
    <SelectField
      bind={bind}
      path="config.itemScoring"
      label={t('analysisForm.itemScoring')}
      hint={t('analysisForm.itemScoringHint')}
      options={WAI_ITEM_SCORINGS.map((value) => ({ value, label: t(`analysisForm.itemScorings.${value}`) }))}
    />
  )
}

function JudgeSettings({ bind, endpoints }: { bind: AnalysisBinding; endpoints: EndpointView[] }) {
  const { t } = useTranslation()
  const options = endpoints.length
    ? endpoints.map((e) => ({ value: e.id, label: `${e.name} · ${e.model}` }))
    : [{ value: '', label: t('analysisForm.noEndpointOption') }]
  return (
    <>
      {endpoints.length === 0 && (
        <NoEndpointBanner
          text={t('analysisForm.noEndpoint')}
          testId="analysis-no-endpoint"
          settingsTestId="analysis-open-settings"
        />
      )}
      <div className="form-grid">
        <SelectField
          bind={bind}
          path="config.endpointId"
          label={t('analysisForm.endpoint')}
          hint={t(`analysisForm.endpointHint.${bind.state.kind}`)}
          options={options}
        />
        <NumberField
          bind={bind}
          path="config.temperature"
          label={t('analysisForm.temperature')}
          hint={t([`analysisForm.temperatureHints.${bind.state.kind}`, 'analysisForm.temperatureHint'])}
        />
        <NumberField
          bind={bind}
          path="config.rounds"
          label={t('analysisForm.rounds')}
          hint={t([`analysisForm.roundsHints.${bind.state.kind}`, 'analysisForm.roundsHint'])}
        />
        <NumberField
          bind={bind}
          path="config.parseRetries"
          label={t('analysisForm.parseRetries')}
          hint={t('analysisForm.parseRetriesHint')}
        />
        <TestSelect bind={bind} />
        {JUDGE_EXTRAS[bind.state.kind]?.(bind)}
        <NumberField
          bind={bind}
          path="config.sampleSize"
          nullable
          placeholder={t('analysisForm.sampleAll')}
          label={t('analysisForm.sampleSize')}
          hint={t('analysisForm.sampleSizeHint')}
        />
        <NumberField
          bind={bind}
          path="config.sampleFraction"
          nullable
          placeholder={t('analysisForm.sampleAll')}
          label={t('analysisForm.sampleFraction')}
          hint={t('analysisForm.sampleFractionHint')}
        />
        <NumberField
          bind={bind}
          path="config.sampleSeed"
          label={t('analysisForm.sampleSeed')}
          hint={t('analysisForm.sampleSeedHint')}
        />
        <CheckField
          bind={bind}
          path="config.cache"
          label={t('analysisForm.cache')}
          hint={t('analysisForm.cacheHint')}
        />
        <SelectField
          bind={bind}
          path="config.delivery"
          label={t('analysisForm.delivery')}
          hint={t('analysisForm.deliveryHint')}
          options={JUDGE_DELIVERIES.map((value) => ({ value, label: t(`analysisForm.deliveries.${value}`) }))}
        />
        {bind.state.config?.delivery === 'batch' && (
          <NumberField
            bind={bind}
            path="config.batchPriceFactor"
            label={t('analysisForm.batchPriceFactor')}
            hint={t('analysisForm.batchPriceFactorHint')}
          />
        )}
      </div>
    </>
  )
}

/**
 * The panel of each settings group in the registry (src/shared/evaluations: a kind's `settings`), so the compiler asks
 * for one per group.
 */
const SETTINGS_PANELS: Record<
  SettingsGroup,
  (props: { bind: AnalysisBinding; endpoints: EndpointView[] }) => ReactNode
> = {
  overlap: OverlapSettings,
  embedding: EmbeddingSettings,
  judge: JudgeSettings,
  // CTRS: the judge's settings with MAGneT's defaults (temperature 0), kept apart from topics' and WAI's.
  cbtJudge: JudgeSettings,
  distinct: DistinctSettings,
}

/** The settings of the chosen analysis, prefilled with the paper's defaults, each explained. */
export function KindSettings({
  bind,
  endpoints,
  onReset,
  isDefault,
}: {
  bind: AnalysisBinding
  endpoints: EndpointView[]
  onReset: () => void
  isDefault: boolean
}) {
  const { t } = useTranslation()
  const key = configKeyOf(bind.state.kind)
  const Panel = key ? SETTINGS_PANELS[key] : null
  return (
    <FormSection
      title={t('analysisForm.settings')}
      help={t(`analysisForm.settingsHelp.${bind.state.kind}`)}
      testId="analysis-settings"
    >
      {Panel && <Panel bind={bind} endpoints={endpoints} />}
      {key && (
        <div className="button-row settings-reset">
          <button
            type="button"
            className="button button-small"
            onClick={onReset}
            disabled={isDefault}
            title={isDefault ? t('analysisForm.alreadyDefault') : t('analysisForm.resetHint')}
            data-testid="analysis-reset"
          >
            {t('analysisForm.reset')}
          </button>
        </div>
      )}
    </FormSection>
  )
}
