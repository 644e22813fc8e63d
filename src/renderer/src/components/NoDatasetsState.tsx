import { useNavigate } from './Navigation'

interface NoDatasetsStateProps {
  texts: { title: string; body: string; goDatasets: string; goSimulations: string }
  /** Names the state (`<prefix>-no-datasets`) and its buttons (`<prefix>-go-datasets`, `<prefix>-go-simulations`). */
  testIdPrefix: string
  /** Smaller, inside a form. */
  compact?: boolean
}

/** A page that works on datasets has none yet: the ways to get one (import on Datasets, or simulate). */
export function NoDatasetsState({ texts, testIdPrefix, compact = false }: NoDatasetsStateProps) {
  const navigate = useNavigate()
  return (
    <div className={`empty-state${compact ? ' empty-state-compact' : ''}`} data-testid={`${testIdPrefix}-no-datasets`}>
      <h3>{texts.title}</h3>
      <p>{texts.body}</p>
      <div className="button-row">
        <button
          type="button"
          className="button button-primary"
          onClick={() => navigate('datasets')}
          data-testid={`${testIdPrefix}-go-datasets`}
        >
          {texts.goDatasets}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => navigate('simulations')}
          data-testid={`${testIdPrefix}-go-simulations`}
        >
          {texts.goSimulations}
        </button>
      </div>
    </div>
  )
}
