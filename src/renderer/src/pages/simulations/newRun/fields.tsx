import { pathFields } from '../../../components/pathFields'
import { testIdFor } from './runFormState'

/** The run form's fields (the arena form shares them): inputs named "run-<path without config.>". */
export const { NumberField, TextField, CheckField } = pathFields(testIdFor)
