import { pathFields } from '../../../components/pathFields'
import { analysisTestId } from './analysisForm'

/**
 * The analysis form's fields, at "config.<field>" of the chosen kind's settings: inputs named "analysis-<field>", text
 * without spell checking (model ids).
 */
export const { NumberField, TextField, SelectField, CheckField } = pathFields(analysisTestId, { spellCheck: false })
