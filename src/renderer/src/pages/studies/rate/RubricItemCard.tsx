import { forwardRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RubricItem } from '@shared/study'
import { anchorFor, anchorRange, inLanguage, keyForPoint, scalePoints } from './rateLogic'
import { RateItemShell } from './RateItemShell'
import type { SaveState } from './useAnswerSaver'

interface RubricItemCardProps {
  item: RubricItem
  index: number
  value: number | null
  save: SaveState | undefined
  current: boolean
  onChoose: (value: number) => void
  onSelect: () => void
}

/**
 * One rubric item: its name and question, the scale as buttons (the anchor of a point's level shows on hover and
 * focus), and, for the current item, every anchor of the scale.
 */
export const RubricItemCard = forwardRef<HTMLElement, RubricItemCardProps>(function RubricItemCard(
  { item, index, value, save, current, onChoose, onSelect },
  ref,
) {
  const { t, i18n } = useTranslation()
  const [preview, setPreview] = useState<number | null>(null)
  const language = i18n.language
  const shown = preview ?? value
  const shownAnchor = anchorFor(item.anchors, shown)
  return (
    <RateItemShell
      ref={ref}
      itemKey={item.key}
      name={item.name}
      question={item.question}
      index={index}
      answered={value !== null}
      save={save}
      current={current}
      onSelect={onSelect}
    >
      {(name) => (
        <>
          <div className="rate-scale" role="group" aria-label={t('rate.scaleLabel', { name })}>
            {scalePoints(item.scale).map((point) => {
              const anchor = anchorFor(item.anchors, point)
              const anchorText = anchor ? inLanguage(anchor.text, language) : ''
              const key = keyForPoint(point, item.scale)
              return (
                <button
                  key={point}
                  type="button"
                  className="rate-point"
                  aria-pressed={value === point}
                  aria-label={anchorText ? `${point} — ${anchorText}` : String(point)}
                  title={[anchorText, key && key !== String(point) ? t('rate.keyHint', { key }) : '']
                    .filter(Boolean)
                    .join(' · ')}
                  onClick={(event) => {
                    event.stopPropagation()
                    onSelect()
                    onChoose(point)
                  }}
                  onMouseEnter={() => setPreview(point)}
                  onMouseLeave={() => setPreview(null)}
                  onFocus={() => setPreview(point)}
                  onBlur={() => setPreview(null)}
                  data-testid={`rate-point-${item.key}-${point}`}
                >
                  {point}
                  {key && key !== String(point) && <kbd className="rate-point-key">{key}</kbd>}
                </button>
              )
            })}
          </div>
          <p className="rate-anchor-preview" aria-live="polite" data-testid={`rate-anchor-${item.key}`}>
            {shownAnchor ? (
              <>
                <strong>{anchorRange(shownAnchor)}</strong> {inLanguage(shownAnchor.text, language)}
              </>
            ) : shown !== null ? (
              <span className="muted">{t('rate.noAnchor', { point: shown })}</span>
            ) : (
              <span className="muted">{t('rate.choosePoint', { min: item.scale.min, max: item.scale.max })}</span>
            )}
          </p>
          {current && item.anchors.length > 0 && (
            <dl className="rate-anchors" aria-label={t('rate.anchorsLabel')}>
              {[...item.anchors]
                .sort((a, b) => a.from - b.from)
                .map((anchor, i) => (
                  <div
                    key={i}
                    className={
                      shown !== null && anchor.from <= shown && shown <= anchor.to
                        ? 'rate-anchor rate-anchor-on'
                        : 'rate-anchor'
                    }
                  >
                    <dt>{anchorRange(anchor)}</dt>
                    <dd>{inLanguage(anchor.text, language)}</dd>
                  </div>
                ))}
            </dl>
          )}
        </>
      )}
    </RateItemShell>
  )
})
