import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ModelPresetId } from '@shared/trainConfig'
import { api } from '../../../api/client'
import { useToast } from '../../../components/Toasts'
import { errorMessage } from '../../../lib/errors'
import { configDraftFrom, type TrainingFormState } from './trainingFormState'

/** The preset menu and "Reset to the paper's settings", both from trainingConfigDefaults. */
export function usePresetActions(state: TrainingFormState | null, set: (path: string, value: unknown) => void) {
  const { t } = useTranslation()
  const toast = useToast()
  const [busy, setBusy] = useState(false)

  const withDefaults = async (
    model: ModelPresetId,
    apply: (defaults: Awaited<ReturnType<typeof api.trainingConfigDefaults>>) => void,
  ) => {
    if (!state) return
    setBusy(true)
    try {
      apply(await api.trainingConfigDefaults({ model, outputDir: state.config.output_dir || undefined }))
    } catch (error) {
      toast({ kind: 'error', message: t('training.config.presetFailed', { message: errorMessage(error) }) })
    } finally {
      setBusy(false)
    }
  }

  /** A preset fills in the model and its template; the other settings stay. */
  const changeModel = (model: ModelPresetId) => {
    set('data.model', model)
    void withDefaults(model, (defaults) => {
      set('config.model_name_or_path', defaults.model_name_or_path)
      set('config.template', defaults.template)
    })
  }

  /** Every setting back to the chosen model's preset (the output folder is kept). */
  const reset = () => {
    if (!state) return
    void withDefaults(state.data.model, (defaults) => {
      set('config', configDraftFrom(defaults))
      toast({ message: t('training.config.resetDone') })
    })
  }

  return { busy, changeModel, reset }
}
