import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { hasErrorCode } from '../../../lib/errors'
import { useAppInfo } from '../../../lib/useAppInfo'
import { RateHeader } from './RateHeader'
import { RaterNameForm } from './RaterNameForm'
import { rememberRater, rememberedRater } from './raterName'
import { RateSession } from './RateSession'
import './rate.css'

/** Sent by link users: the server takes the rater (and the study) from their link instead. */
const NAME_FROM_LINK = 'link'

/**
 * A rater's view of one study (`#/rate/<studyId>`). Opened from a rater's access link (serve mode) the server knows
 * who rates and the page is shown alone; in the desktop app the name comes from the address (`?as=<name>`), from the
 * last time in this browser, or is asked for.
 */
export function RatePage({ studyId, rater, onClose }: { studyId: string; rater: string | null; onClose: () => void }) {
  const { t } = useTranslation()
  const { info, error: infoError } = useAppInfo()
  // An access link may call only the rating methods: anything else is refused as unauthorized.
  const viaLink = hasErrorCode(infoError, 'unauthorized')
  const known = info !== null || infoError != null
  const [chosen, setChosen] = useState<string | null>(() => rater ?? rememberedRater(studyId))
  const [renaming, setRenaming] = useState(false)
  useEffect(() => {
    if (rater) {
      setChosen(rater)
      setRenaming(false)
    }
  }, [rater])

  const asking = known && !viaLink && (chosen === null || renaming)
  const name = viaLink ? (chosen ?? NAME_FROM_LINK) : chosen
  const choose = (next: string) => {
    rememberRater(studyId, next)
    setChosen(next)
    setRenaming(false)
  }

  if (known && !asking && name)
    return (
      <RateSession
        key={`${studyId}:${name}`}
        studyId={studyId}
        rater={name}
        viaLink={viaLink}
        onRename={() => setRenaming(true)}
        onClose={onClose}
      />
    )
  return (
    <div className="rate-page" data-testid="rate-view" data-study-id={studyId}>
      <RateHeader title={t('rate.title')} rater={null} />
      <div className="rate-scroll">
        {!known ? (
          <p className="muted rate-loading">{t('app.loading')}</p>
        ) : (
          <RaterNameForm
            initial={chosen ?? ''}
            onName={choose}
            onLeave={renaming && chosen ? () => setRenaming(false) : onClose}
          />
        )}
      </div>
    </div>
  )
}
