import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { COUNSELOR_KINDS, type CounselorKind } from '@shared/counselors'
import type { EndpointView } from '@shared/endpoint'
import type { RoleCard } from '@shared/roleCard'
import type { TestDriveView as Drive } from '@shared/testDriveApi'
import { api } from '../../api/client'
import { ErrorBanner } from '../../components/ErrorBanner'
import { useNavigate } from '../../components/Navigation'
import { errorMessage } from '../../lib/errors'
import { useWorkbenchEvent } from '../../lib/useWorkbenchEvent'
import { useDatasets } from '../datasets/useDatasets'
import { ClientStateTags } from '../datasets/transcript/ClientState'

interface TestDriveViewProps {
  cardId: string
  onBack: () => void
}

/**
 * A live chat with a card's simulated client (#/cards/<id>/drive): the person types the counselor's turns, the
 * client's reply streams in and can be stopped; the chat is saved as a dialogue into a dataset.
 */
export function TestDriveView({ cardId, onBack }: TestDriveViewProps) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [card, setCard] = useState<RoleCard | null>(null)
  const [endpoints, setEndpoints] = useState<EndpointView[] | null>(null)
  const [endpointId, setEndpointId] = useState('')
  /** The client method: the paper's static client, or the dynamic one with its state judged or by the rule. */
  const [clientMode, setClientMode] = useState<'static' | 'judge' | 'rule'>('static')
  const [drive, setDrive] = useState<Drive | null>(null)
  const [streaming, setStreaming] = useState<string | null>(null)
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [stopped, setStopped] = useState(false)
  const [showPrompt, setShowPrompt] = useState(false)
  const [target, setTarget] = useState('')
  const [name, setName] = useState('')
  const [saving, setSaving] = useState(false)
  const [saved, setSaved] = useState<{ datasetId: string; dialogueId: string } | null>(null)
  const [method, setMethod] = useState<CounselorKind>('three-stage')
  const [methodEndpointId, setMethodEndpointId] = useState('')
  const [methodWriting, setMethodWriting] = useState(false)
  /** Which side the person plays: the counselor (the card's client answers) or the client (a method counsels). */
  const [play, setPlay] = useState<'counselor' | 'client'>('counselor')
  const { datasets } = useDatasets()
  const driveId = useRef<string | null>(null)
  const input = useRef<HTMLTextAreaElement>(null)

  useEffect(() => {
    void api.getRoleCard({ id: cardId }).then(setCard, (e: unknown) => setError(errorMessage(e)))
    void api.listEndpoints().then((list) => {
      setEndpoints(list)
      setEndpointId((current) => current || (list[0]?.id ?? ''))
    })
  }, [cardId])
  // The drive lives in the app's memory: closed when the view goes.
  useEffect(
    () => () => {
      if (driveId.current) void api.closeTestDrive({ id: driveId.current })
    },
    [],
  )

  useWorkbenchEvent('testDrive.delta', ({ driveId: id, text: piece, attempt }) => {
    if (id !== driveId.current) return
    // A retried attempt starts the reply over.
    setStreaming((current) => (attempt > 1 && current === null ? piece : (current ?? '') + piece))
  })

  const fail = (e: unknown) => setError(errorMessage(e))

  const start = async () => {
    setError(null)
    setSaved(null)
    if (driveId.current) await api.closeTestDrive({ id: driveId.current })
    try {
      const next = await api.startTestDrive({
        cardId,
        endpointId,
        clientMethod: clientMode === 'static' ? 'static' : 'dynamic',
        ...(clientMode === 'static' ? {} : { clientState: clientMode }),
      })
      driveId.current = next.id
      setDrive(next)
      requestAnimationFrame(() => input.current?.focus())
    } catch (e) {
      fail(e)
    }
  }

  const say = async (turn: string, current = drive) => {
    if (!current) return
    const drive = current
    setError(null)
    setStopped(false)
    setSaved(null)
    setStreaming('')
    setDrive({
      ...drive,
      replying: true,
      turns: turn ? [...drive.turns, { speaker: 'counselor', content: turn }] : drive.turns,
    })
    setText('')
    try {
      const result = await api.testDriveSay({ id: drive.id, text: turn })
      setDrive(result.view)
      setStopped(result.cancelled)
    } catch (e) {
      fail(e)
      setDrive(await api.getTestDrive({ id: drive.id }).catch(() => drive))
    } finally {
      setStreaming(null)
      requestAnimationFrame(() => input.current?.focus())
    }
  }

  /** The chosen counselor method writes the counselor's turn, then the client answers it. */
  const methodAnswers = async (clientTurn = '') => {
    if (!drive) return
    setError(null)
    setStopped(false)
    setSaved(null)
    setMethodWriting(true)
    setText('')
    setDrive({
      ...drive,
      replying: true,
      turns: clientTurn ? [...drive.turns, { speaker: 'client', content: clientTurn }] : drive.turns,
    })
    const chosen = { id: drive.id, kind: method, endpointId: methodEndpointId || endpointId }
    try {
      const { view } =
        play === 'client'
          ? await api.testDrivePlayClient({ ...chosen, text: clientTurn })
          : await api.testDriveCounselor(chosen)
      setDrive(view)
      setMethodWriting(false)
      if (view.turns.at(-1)?.speaker !== 'counselor') setStopped(true)
      else if (play === 'counselor') await say('', view)
    } catch (e) {
      fail(e)
      setDrive(await api.getTestDrive({ id: drive.id }).catch(() => drive))
    } finally {
      setMethodWriting(false)
    }
  }

  const save = async () => {
    if (!drive) return
    setSaving(true)
    setError(null)
    try {
      setSaved(await api.saveTestDrive({ id: drive.id, datasetId: target || null, name }))
    } catch (e) {
      fail(e)
    } finally {
      setSaving(false)
    }
  }

  const send = (turn: string) => (play === 'client' ? methodAnswers(turn) : say(turn))
  const replying = drive?.replying ?? false
  const lastIsCounselor = drive?.turns.at(-1)?.speaker === 'counselor'
  const speakerLabel = (speaker: string) =>
    speaker === 'client'
      ? t(play === 'client' ? 'testDrive.clientYou' : 'testDrive.client')
      : t(play === 'client' ? 'testDrive.counselorMethod' : 'testDrive.counselor')
  const cardName = card?.name || card?.complaint?.title || cardId

  return (
    <section className="test-drive" aria-label={t('testDrive.title', { name: cardName })} data-testid="test-drive">
      <header className="editor-header">
        <h2>{t('testDrive.title', { name: cardName })}</h2>
        <button type="button" className="button" onClick={onBack} data-testid="test-drive-back">
          {t('testDrive.back')}
        </button>
      </header>
      {error && <ErrorBanner>{error}</ErrorBanner>}
      {endpoints?.length === 0 ? (
        <p className="empty-state">{t('testDrive.noEndpoints')}</p>
      ) : (
        <div className="button-row">
          <label>
            {t('testDrive.endpoint')}{' '}
            <select
              value={endpointId}
              onChange={(e) => setEndpointId(e.target.value)}
              disabled={replying}
              data-testid="test-drive-endpoint"
            >
              {(endpoints ?? []).map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name} ({e.model})
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('testDrive.clientMethod')}{' '}
            <select
              value={clientMode}
              onChange={(e) => setClientMode(e.target.value as 'static' | 'judge' | 'rule')}
              disabled={replying}
              title={t('testDrive.clientMethodHint')}
              data-testid="test-drive-client-method"
            >
              <option value="static">{t('testDrive.clientStatic')}</option>
              <option value="judge">{t('testDrive.clientDynamicJudge')}</option>
              <option value="rule">{t('testDrive.clientDynamicRule')}</option>
            </select>
          </label>
          <label>
            {t('testDrive.play')}{' '}
            <select
              value={play}
              onChange={(e) => setPlay(e.target.value as 'counselor' | 'client')}
              disabled={replying}
              title={t('testDrive.playHint')}
              data-testid="test-drive-play"
            >
              <option value="counselor">{t('testDrive.playCounselor')}</option>
              <option value="client">{t('testDrive.playClient')}</option>
            </select>
          </label>
          <button
            type="button"
            className={drive ? 'button' : 'button button-primary'}
            onClick={() => void start()}
            disabled={!endpointId || replying}
            title={drive ? t('testDrive.restartHint') : undefined}
            data-testid="test-drive-start"
          >
            {drive ? t('testDrive.restart') : t('testDrive.start')}
          </button>
          {drive && (
            <button
              type="button"
              className="button"
              aria-expanded={showPrompt}
              onClick={() => setShowPrompt((v) => !v)}
              data-testid="test-drive-prompt-toggle"
            >
              {showPrompt ? t('testDrive.hidePrompt') : t('testDrive.showPrompt')}
            </button>
          )}
        </div>
      )}
      {drive && showPrompt && (
        <figure className="test-drive-prompt">
          <figcaption className="muted small">
            {t('testDrive.promptTitle', { id: drive.template.id, version: drive.template.version })}
          </figcaption>
          <pre className="mono small" data-testid="test-drive-prompt">
            {drive.clientPrompt}
          </pre>
        </figure>
      )}
      {!drive && endpoints && endpoints.length > 0 && <p className="muted">{t('testDrive.notStarted')}</p>}
      {drive && (
        <>
          <ol className="test-drive-turns" aria-live="polite" data-testid="test-drive-turns">
            {drive.turns.length === 0 && <li className="muted">{t('testDrive.empty')}</li>}
            {drive.turns.map((turn, i) => (
              <li key={i} className={`turn turn-${turn.speaker}`} data-testid="test-drive-turn">
                <strong>{speakerLabel(turn.speaker)}</strong>
                <p>{turn.content}</p>
                {turn.clientState && <ClientStateTags state={turn.clientState} />}
              </li>
            ))}
            {methodWriting && (
              <li className="turn turn-counselor muted" data-testid="test-drive-method-writing">
                {t('testDrive.methodWriting')}
              </li>
            )}
            {streaming !== null && (
              <li className="turn turn-client" data-testid="test-drive-streaming">
                <strong>{t('testDrive.client')}</strong>
                <p>{streaming || <span className="muted">{t('testDrive.replying')}</span>}</p>
              </li>
            )}
          </ol>
          {stopped && <p className="muted small">{t('testDrive.stopped')}</p>}
          <form
            className="test-drive-input"
            onSubmit={(e) => {
              e.preventDefault()
              if (text.trim() && !replying) void send(text.trim())
            }}
          >
            <textarea
              ref={input}
              value={text}
              rows={3}
              placeholder={t('testDrive.inputPlaceholder')}
              onChange={(e) => setText(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                  e.preventDefault()
                  if (text.trim() && !replying) void send(text.trim())
                }
              }}
              aria-label={t('testDrive.input')}
              data-testid="test-drive-input"
            />
            <div className="button-row">
              {replying ? (
                <button
                  type="button"
                  className="button button-danger-outline"
                  onClick={() => void api.cancelTestDriveReply({ id: drive.id })}
                  data-testid="test-drive-stop"
                >
                  {t('testDrive.stop')}
                </button>
              ) : (
                <>
                  <button
                    type="submit"
                    className="button button-primary"
                    disabled={!text.trim()}
                    data-testid="test-drive-send"
                  >
                    {t('testDrive.send')}
                  </button>
                  <span className="spacer" />
                  <label>
                    {t('testDrive.method')}{' '}
                    <select
                      value={method}
                      onChange={(e) => setMethod(e.target.value as CounselorKind)}
                      data-testid="test-drive-method"
                    >
                      {COUNSELOR_KINDS.map((kind) => (
                        <option key={kind} value={kind} title={t(`methods.descriptions.${kind}`)}>
                          {t(`methods.kinds.${kind}`)}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label>
                    {t('testDrive.methodEndpoint')}{' '}
                    <select
                      value={methodEndpointId || endpointId}
                      onChange={(e) => setMethodEndpointId(e.target.value)}
                      data-testid="test-drive-method-endpoint"
                    >
                      {(endpoints ?? []).map((e) => (
                        <option key={e.id} value={e.id}>
                          {e.name}
                        </option>
                      ))}
                    </select>
                  </label>
                  <button
                    type="button"
                    className="button"
                    onClick={() => void methodAnswers()}
                    title={t('testDrive.methodAnswersHint')}
                    data-testid="test-drive-method-answer"
                  >
                    {t('testDrive.methodAnswers')}
                  </button>
                  {lastIsCounselor && play === 'counselor' && (
                    <button
                      type="button"
                      className="button"
                      onClick={() => void say('')}
                      data-testid="test-drive-again"
                    >
                      {t('testDrive.answerAgain')}
                    </button>
                  )}
                </>
              )}
            </div>
          </form>
          <fieldset className="test-drive-save" disabled={replying || saving}>
            <legend>{t('testDrive.saveTitle')}</legend>
            <div className="button-row">
              <label>
                {t('testDrive.saveInto')}{' '}
                <select value={target} onChange={(e) => setTarget(e.target.value)} data-testid="test-drive-dataset">
                  <option value="">{t('testDrive.newDataset')}</option>
                  {(datasets ?? []).map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name}
                    </option>
                  ))}
                </select>
              </label>
              {target === '' && (
                <input
                  type="text"
                  value={name}
                  aria-label={t('testDrive.datasetName')}
                  placeholder={t('testDrive.datasetNamePlaceholder', { name: cardName })}
                  onChange={(e) => setName(e.target.value)}
                  data-testid="test-drive-dataset-name"
                />
              )}
              <button
                type="button"
                className="button"
                onClick={() => void save()}
                disabled={drive.turns.length === 0}
                title={drive.turns.length === 0 ? t('testDrive.nothingToSave') : undefined}
                data-testid="test-drive-save"
              >
                {saving ? t('testDrive.saving') : t('testDrive.save')}
              </button>
              {saved && (
                <>
                  <span role="status">{t('testDrive.saved')}</span>
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => navigate('datasets', { datasetId: saved.datasetId, dialogueId: saved.dialogueId })}
                    data-testid="test-drive-open-saved"
                  >
                    {t('testDrive.openSaved')}
                  </button>
                </>
              )}
            </div>
          </fieldset>
        </>
      )}
    </section>
  )
}
