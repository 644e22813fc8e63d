import { useRateRoute } from './rateRoute'
import { RatePage } from './rate/RatePage'

/** Rating studies: the owner's list, form and results; a rating address (`#/rate/<id>`) shows the rater's view. */
export function StudiesPage() {
  const { route, close } = useRateRoute()
  if (route) return <RatePage studyId={route.studyId} rater={route.rater} onClose={close} />
  return <div className="empty-state">Studies</div>
}
