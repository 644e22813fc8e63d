import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { SaveBadge } from './SaveBadge'
import type { SaveState } from './useAnswerSaver'

/** Saved this long after the last key press (and at once when the field is left). */
const PAUSE_MS = 1200
const MAX = 4000

/** The rater's optional free-text comment on this dialogue (or pair). */
export function CommentField({
  initial,
  save,
  onSave,
}: {
  initial: string
  save: SaveState | undefined
  onSave: (text: string) => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const [text, setText] = useState(initial)
  const sent = useRef(initial)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const latest = useRef({ text, onSave })
  latest.current = { text, onSave }

  const flush = () => {
    clearTimeout(timer.current)
    const { text, onSave } = latest.current
    if (text === sent.current) return
    sent.current = text
    onSave(text)
  }
  // Leaving the dialogue with a comment still being typed saves it.
  useEffect(() => flush, [])

  return (
    <div className="rate-comment field">
      <div className="rate-comment-label">
        <label htmlFor={id}>{t('rate.commentLabel')}</label>
        <SaveBadge state={save} testId="rate-comment-status" />
      </div>
      <textarea
        id={id}
        rows={3}
        value={text}
        maxLength={MAX}
        placeholder={t('rate.commentPlaceholder')}
        onChange={(event) => {
          setText(event.target.value)
          clearTimeout(timer.current)
          timer.current = setTimeout(flush, PAUSE_MS)
        }}
        onBlur={flush}
        onKeyDown={(event) => {
          // Esc leaves the field, so the rating keys work again.
          if (event.key === 'Escape') {
            event.preventDefault()
            event.currentTarget.blur()
          }
        }}
        data-testid="rate-comment"
      />
      <p className="field-hint">{t('rate.commentHint')}</p>
    </div>
  )
}
