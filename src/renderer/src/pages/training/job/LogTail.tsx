import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../../../lib/format'

/** How close to the bottom (px) still counts as "following" the log. */
const FOLLOW_SLACK = 24

/**
 * The end of train.log (or another log: `title`, `textLabel`), in monospace; it follows new lines unless the reader
 * scrolled up.
 */
export function LogTail({
  text,
  checkedAt,
  title,
  textLabel,
}: {
  text: string
  checkedAt: string | null
  title?: string
  textLabel?: string
}) {
  const { t } = useTranslation()
  const ref = useRef<HTMLPreElement>(null)
  const following = useRef(true)

  useEffect(() => {
    const box = ref.current
    if (box && following.current) box.scrollTop = box.scrollHeight
  }, [text])

  return (
    <section
      className="result-section training-log"
      aria-label={title ?? t('training.log.title')}
      data-testid="training-log"
    >
      <div className="training-panel-head">
        <h3>{title ?? t('training.log.title')}</h3>
        <span className="muted small">
          {checkedAt ? t('training.log.checkedAt', { when: formatDateTime(checkedAt) }) : t('training.log.notChecked')}
        </span>
      </div>
      {text ? (
        <pre
          ref={ref}
          className="training-log-text selectable"
          tabIndex={0}
          aria-label={textLabel ?? t('training.log.textLabel')}
          onScroll={(event) => {
            const box = event.currentTarget
            following.current = box.scrollHeight - box.scrollTop - box.clientHeight < FOLLOW_SLACK
          }}
          data-testid="training-log-text"
        >
          {text}
        </pre>
      ) : (
        <p className="muted small">{t('training.log.empty')}</p>
      )}
    </section>
  )
}
