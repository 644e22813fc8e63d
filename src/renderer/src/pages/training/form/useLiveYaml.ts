import { useEffect, useState } from 'react'
import type { TrainConfigInput } from '@shared/trainConfig'
import { api } from '../../../api/client'
import { useDebouncedValue } from '../../../lib/useDebouncedValue'
import { trainingFieldErrors } from '../trainingMessages'
import { CONFIG_FIELD_PATHS, configFieldPath, DATA_FIELD_PATHS, type TrainingErrors } from './trainingFormState'

export interface LiveYaml {
  /** The YAML of the current settings; null while they have problems (then `last` is the previous good one). */
  yaml: string | null
  last: string | null
  /**
   * The server's messages by form field (renderTrainingConfig validates with the shared schema), for the current values
   * only.
   */
  errors: TrainingErrors
  /** Problems that belong to no field, or a failed call. */
  general: string[]
  busy: boolean
}

const DEBOUNCE_MS = 300

/** Renders the train YAML on the server as the form changes (debounced): the preview and the per-field messages. */
export function useLiveYaml(config: TrainConfigInput | null): LiveYaml {
  const key = config ? JSON.stringify(config) : ''
  const debounced = useDebouncedValue(key, DEBOUNCE_MS)
  const [result, setResult] = useState<{
    key: string
    yaml: string | null
    errors: TrainingErrors
    general: string[]
  } | null>(null)
  const [last, setLast] = useState<string | null>(null)

  useEffect(() => {
    if (!debounced) return
    let live = true
    // JSON turns NaN (a box that is not a number) into null, which the schema reports as "must be a number".
    api.renderTrainingConfig({ config: JSON.parse(debounced) as TrainConfigInput }).then(
      ({ yaml }) => {
        if (!live) return
        setResult({ key: debounced, yaml, errors: {}, general: [] })
        setLast(yaml)
      },
      (error: unknown) => {
        if (!live) return
        const placed = trainingFieldErrors(error, [...CONFIG_FIELD_PATHS, ...DATA_FIELD_PATHS], (path) =>
          configFieldPath(path[0] === 'config' ? (path[1] ?? '') : (path[0] ?? '')),
        )
        setResult({ key: debounced, yaml: null, errors: placed.byField, general: placed.general })
      },
    )
    return () => {
      live = false
    }
  }, [debounced])

  const current = result?.key === key
  // Messages about values that were changed since would linger: until the new answer, the form's own check (same
  // schema) speaks.
  return {
    yaml: current ? (result?.yaml ?? null) : null,
    last,
    errors: current ? (result?.errors ?? {}) : {},
    general: current ? (result?.general ?? []) : [],
    busy: !current,
  }
}
