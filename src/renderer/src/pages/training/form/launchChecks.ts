import i18next from 'i18next'
import type { SshProfileView } from '@shared/training'
import { stepOf, validateLaunch, type StepId, type TrainingErrors, type TrainingFormState } from './trainingFormState'

export interface LaunchCheck {
  id: 'dataset' | 'data' | 'preview' | 'config' | 'server' | 'hostKey' | 'name'
  ok: boolean
  /** A warning does not block the launch. */
  warning?: boolean
  label: string
  step: StepId
}

interface LaunchContext {
  /** The server's messages about the configuration (live YAML). */
  configErrors: TrainingErrors
  previewReady: boolean
  profile: SshProfileView | null
  /** The last host key check said the key changed. */
  hostKeyChanged: boolean
}

/** What stands between the form and a launch, in the order of the steps; the first failing non-warning blocks it. */
export function launchChecks(
  state: TrainingFormState,
  { configErrors, previewReady, profile, hostKeyChanged }: LaunchContext,
): LaunchCheck[] {
  const t = i18next.t
  const all = { ...validateLaunch(state), ...configErrors }
  const count = (id: StepId) => Object.keys(all).filter((path) => stepOf(path) === id).length
  // "Not chosen" has its own line; the data line counts the values to fix.
  const chosen = Boolean(state.data.datasetId) || state.data.preferences !== null
  const dataProblems = count('data') - ('data.datasetId' in all ? 1 : 0)
  const configProblems = count('config')
  const named = Boolean(state.name.trim())
  const trusted = Boolean(profile?.hostKey) && !hostKeyChanged
  return [
    {
      id: 'dataset',
      ok: chosen,
      label: chosen ? t('training.launch.checkDatasetOk') : t('training.launch.checkDatasetMissing'),
      step: 'data',
    },
    {
      id: 'data',
      ok: dataProblems === 0,
      label: dataProblems
        ? t('training.launch.checkDataBad', { count: dataProblems })
        : t('training.launch.checkDataOk'),
      step: 'data',
    },
    {
      id: 'preview',
      ok: previewReady,
      warning: true,
      label: previewReady ? t('training.launch.checkPreviewOk') : t('training.launch.checkPreviewMissing'),
      step: 'data',
    },
    {
      id: 'config',
      ok: configProblems === 0,
      label: configProblems
        ? t('training.launch.checkConfigBad', { count: configProblems })
        : t('training.launch.checkConfigOk'),
      step: 'config',
    },
    {
      id: 'server',
      ok: Boolean(state.profileId),
      label: state.profileId ? t('training.launch.checkServerOk') : t('training.launch.checkServerMissing'),
      step: 'server',
    },
    {
      id: 'hostKey',
      ok: trusted,
      label: hostKeyChanged
        ? t('training.launch.checkHostKeyChanged')
        : profile?.hostKey
          ? t('training.launch.checkHostKeyOk')
          : t('training.launch.checkHostKeyMissing'),
      step: 'server',
    },
    {
      id: 'name',
      ok: named,
      label: named ? t('training.launch.checkNameOk') : t('training.launch.checkNameMissing'),
      step: 'launch',
    },
  ]
}
