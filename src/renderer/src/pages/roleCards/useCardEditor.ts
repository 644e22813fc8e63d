import { useCallback, useMemo, useRef, useState } from 'react'
import i18next from 'i18next'
import type { Language, RoleCard } from '@shared/roleCard'
import { WorkbenchError } from '@shared/errors'
import { api } from '../../api/client'
import { errorMessage, hasErrorCode } from '../../lib/errors'
import { ageIsValid, emptyForm, formFromCard, formsEqual, formToInput, type CardForm } from './cardForm'
import { fieldErrorsOf, type FieldErrors } from '../../lib/fieldErrors'
import { CARD_FIELD_PATHS } from './cardFieldPaths'

export type EditorMode = 'empty' | 'new' | 'existing'

interface EditorState {
  mode: EditorMode
  /** The saved card behind the form ('existing' only). */
  card: RoleCard | null
  baseline: CardForm
  form: CardForm
  loading: boolean
  loadError: unknown
  saving: boolean
  errors: FieldErrors | null
  /** The card was changed elsewhere since it was loaded. */
  conflict: boolean
  /** The card was deleted elsewhere. */
  gone: boolean
}

const initial: EditorState = {
  mode: 'empty',
  card: null,
  baseline: emptyForm('zh'),
  form: emptyForm('zh'),
  loading: false,
  loadError: null,
  saving: false,
  errors: null,
  conflict: false,
  gone: false,
}

function loadedState(card: RoleCard): EditorState {
  const form = formFromCard(card)
  return { ...initial, mode: 'existing', card, baseline: form, form }
}

export type SaveOutcome = { ok: true; card: RoleCard; created: boolean } | { ok: false }

export function useCardEditor() {
  const [state, setState] = useState<EditorState>(initial)
  const stateRef = useRef(state)
  stateRef.current = state
  const loadSeq = useRef(0)
  /** Changes when a different card (or a new one) is put in the editor, not when the same card is saved. */
  const [session, setSession] = useState(0)

  const dirty = useMemo(() => state.mode !== 'empty' && !formsEqual(state.form, state.baseline), [state])

  const open = useCallback(async (id: string) => {
    const seq = ++loadSeq.current
    setState((previous) => ({ ...previous, loading: true, loadError: null }))
    try {
      const card = await api.getRoleCard({ id })
      if (seq === loadSeq.current) {
        setState(loadedState(card))
        setSession((n) => n + 1)
      }
    } catch (error) {
      if (seq === loadSeq.current) setState({ ...initial, loadError: error })
    }
  }, [])

  const startNew = useCallback((language: Language) => {
    loadSeq.current++
    const form = emptyForm(language)
    setState({ ...initial, mode: 'new', baseline: form, form })
    setSession((n) => n + 1)
  }, [])

  const close = useCallback(() => {
    loadSeq.current++
    setState(initial)
  }, [])

  const showCard = useCallback((card: RoleCard) => {
    loadSeq.current++
    setState(loadedState(card))
    setSession((n) => n + 1)
  }, [])

  const update = useCallback((change: (form: CardForm) => CardForm) => {
    setState((previous) => ({ ...previous, form: change(previous.form) }))
  }, [])

  const revert = useCallback(() => {
    setState((previous) => ({ ...previous, form: previous.baseline, errors: null }))
  }, [])

  const fail = (error: unknown) => {
    if (error instanceof WorkbenchError && error.code === 'invalid_input') {
      setState((previous) => ({
        ...previous,
        saving: false,
        errors: fieldErrorsOf(error, CARD_FIELD_PATHS),
      }))
    } else if (hasErrorCode(error, 'conflict')) {
      setState((previous) => ({ ...previous, saving: false, conflict: true }))
    } else if (hasErrorCode(error, 'not_found')) {
      setState((previous) => ({ ...previous, saving: false, gone: true }))
    } else {
      setState((previous) => ({ ...previous, saving: false, errors: { byField: {}, general: [errorMessage(error)] } }))
    }
  }

  /** `overwrite` skips the expectedUpdatedAt check (after the user chose to overwrite a conflicting change). */
  const save = useCallback(async (overwrite = false): Promise<SaveOutcome> => {
    const current = stateRef.current
    if (current.mode === 'empty') return { ok: false }
    if (!ageIsValid(current.form.age)) {
      setState((previous) => ({
        ...previous,
        errors: { byField: { age: i18next.t('validation.wholeYears') }, general: [] },
      }))
      return { ok: false }
    }
    setState((previous) => ({ ...previous, saving: true, errors: null }))
    const input = formToInput(current.form)
    try {
      const createAgain = current.mode === 'new' || current.gone || !current.card
      // A card deleted elsewhere comes back under its old id, so references to it stay valid.
      const card = createAgain
        ? await api.createRoleCard(current.card ? { ...input, id: current.card.id } : input)
        : await api.updateRoleCard({
            id: current.card!.id,
            card: input,
            expectedUpdatedAt: overwrite ? undefined : current.card!.updatedAt,
          })
      setState(loadedState(card))
      return { ok: true, card, created: createAgain }
    } catch (error) {
      fail(error)
      return { ok: false }
    }
  }, [])

  /** After a conflict: throw the edits away and show what is stored now. */
  const reloadLatest = useCallback(async () => {
    const id = stateRef.current.card?.id
    if (id) await open(id)
  }, [open])

  /** Someone else changed cards: refresh a clean editor silently, leave a dirty one to the conflict check. */
  const refreshIfClean = useCallback(async () => {
    const current = stateRef.current
    if (current.mode !== 'existing' || !current.card || !formsEqual(current.form, current.baseline)) return
    try {
      const card = await api.getRoleCard({ id: current.card.id })
      if (
        card.updatedAt !== stateRef.current.card?.updatedAt &&
        formsEqual(stateRef.current.form, stateRef.current.baseline)
      ) {
        setState(loadedState(card))
      }
    } catch (error) {
      if (hasErrorCode(error, 'not_found')) setState(initial)
    }
  }, [])

  return {
    ...state,
    session,
    dirty,
    open,
    startNew,
    close,
    showCard,
    update,
    revert,
    save,
    reloadLatest,
    refreshIfClean,
  }
}

export type CardEditor = ReturnType<typeof useCardEditor>
