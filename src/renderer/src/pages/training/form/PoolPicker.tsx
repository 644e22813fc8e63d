import { useTranslation } from 'react-i18next'
import { errorMessage } from '../../../lib/errors'
import { useCardMatches } from '../../roleCards/useCardMatches'
import { trainingTestId, type TrainingBinding } from './trainingFormState'
import { CheckField } from '../../../components/CheckField'

/** '' stands for dialogues without a role card (their pool is empty). */
const NO_CARD = ''

/** Every pool, or only the ticked ones. */
export function PoolPicker({ bind }: { bind: TrainingBinding }) {
  const { t } = useTranslation()
  // The role card pools present in the workspace (e.g. train / test).
  const { facets, error } = useCardMatches({})
  const pools = facets?.pools ?? null
  const chosen = bind.state.data.pools
  const problem = bind.errors['data.pools']
  const options = [...(pools ?? []), NO_CARD]
  const toggle = (pool: string, checked: boolean) =>
    bind.set('data.pools', checked ? [...(chosen ?? []), pool] : (chosen ?? []).filter((p) => p !== pool))

  return (
    <fieldset
      className={`radio-group training-pools${problem ? ' field-invalid' : ''}`}
      data-testid={trainingTestId('data.pools')}
    >
      <legend className="field-label">{t('training.data.pools')}</legend>
      <div className="training-choice-options">
        <label className="radio">
          <input
            type="radio"
            name="training-pools"
            checked={chosen === null}
            onChange={() => bind.set('data.pools', null)}
            data-testid="training-data-pools-all"
          />
          <span>{t('training.data.allPools')}</span>
        </label>
        <label className="radio">
          <input
            type="radio"
            name="training-pools"
            checked={chosen !== null}
            onChange={() => bind.set('data.pools', chosen ?? [])}
            data-testid="training-data-pools-some"
          />
          <span>{t('training.data.somePools')}</span>
        </label>
      </div>
      {chosen !== null && (
        <ul className="training-pool-list">
          {options.map((pool) => (
            <li key={pool || '(none)'}>
              <CheckField
                label={pool === NO_CARD ? t('training.data.noCardPool') : pool}
                checked={chosen.includes(pool)}
                onChange={(checked) => toggle(pool, checked)}
                testId="training-data-pool"
                data={{ 'data-pool': pool }}
              />
            </li>
          ))}
        </ul>
      )}
      {error != null && (
        <p className="field-error">{t('training.data.poolsFailed', { message: errorMessage(error) })}</p>
      )}
      {problem ? (
        <p className="field-error">{problem}</p>
      ) : (
        <p className="field-hint">
          {pools && pools.length === 0 ? t('training.data.noPoolsHint') : t('training.data.poolsHint')}
        </p>
      )}
    </fieldset>
  )
}
