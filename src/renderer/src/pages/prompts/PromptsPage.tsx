import { useCallback, useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Language } from '@shared/roleCard'
import { api } from '../../api/client'
import { ErrorBanner } from '../../components/ErrorBanner'
import { useLeaveGuard } from '../../components/LeaveGuard'
import { useToast } from '../../components/Toasts'
import { useUiLanguage } from '../../components/UiLanguage'
import { useUnsavedPrompt } from '../../components/useUnsavedPrompt'
import { usePageAddress } from '../../lib/address'
import { errorMessage } from '../../lib/errors'
import { useLoaded } from '../../lib/useLoaded'
import { TemplateEditor, type TemplateDraft } from './TemplateEditor'
import { TemplateHistory } from './TemplateHistory'
import { TemplateList } from './TemplateList'
import { groupTemplates } from './templateGroups'

/** The prompt templates the agents use; every save is a new version, and runs pin the version they started with. */
export function PromptsPage() {
  const { t } = useTranslation()
  const toast = useToast()
  const { language: uiLanguage } = useUiLanguage()
  const { value: list, error: loadError, reload: load } = useLoaded(() => api.listTemplates(), [])
  const [selected, setSelected] = useState<{ id: string; language: Language } | null>(null)
  const [draft, setDraft] = useState<TemplateDraft>({ text: '', note: '' })
  const [saving, setSaving] = useState(false)
  const [saveError, setSaveError] = useState<string | null>(null)
  const unsaved = useUnsavedPrompt(t('prompts.unsavedBody'))

  const groups = useMemo(() => groupTemplates(list ?? []), [list])
  const group = groups.find((g) => g.id === selected?.id) ?? null
  const view = selected && group ? (group.byLanguage[selected.language] ?? null) : null
  const dirty = view !== null && (draft.text !== view.text || draft.note !== '')

  // The template shown is in the address (#/prompts/<id>/<language>, replaced as templates are chosen), so reload,
  // Back / Forward and a copied link show it again.
  const [address, setAddress] = usePageAddress('prompts')
  const [addressedId, addressedLanguage] = address ?? []
  useEffect(() => {
    if (!selected || !address) return
    if (addressedId !== selected.id || addressedLanguage !== selected.language)
      setAddress([selected.id, selected.language], { replace: true })
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the selection is what moves the address
  }, [selected?.id, selected?.language])

  // First visit: the template the address names, else the first one in the interface language when it has one.
  useEffect(() => {
    if (selected || groups.length === 0) return
    const named = groups.find((g) => g.id === addressedId)
    if (named && named.byLanguage[addressedLanguage as Language]) {
      setSelected({ id: named.id, language: addressedLanguage as Language })
      return
    }
    const first = groups[0]
    setSelected({
      id: first.id,
      language: first.byLanguage[uiLanguage] ? uiLanguage : (Object.keys(first.byLanguage)[0] as Language),
    })
  }, [groups, selected, uiLanguage, addressedId, addressedLanguage])

  // The editor shows the current version whenever the selection (or the saved version) changes.
  useEffect(() => {
    if (view) setDraft({ text: view.text, note: '' })
    // Only a new version or selection replaces the draft, not a re-render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view?.id, view?.language, view?.version])

  const save = useCallback(async () => {
    if (!view) return false
    setSaving(true)
    setSaveError(null)
    try {
      const saved = await api.saveTemplate({ id: view.id, language: view.language, text: draft.text, note: draft.note })
      toast({
        kind: 'success',
        message:
          saved.version === view.version
            ? t('prompts.unchangedToast')
            : t('prompts.savedToast', { version: saved.version }),
      })
      await load()
      if (saved.version === view.version) setDraft({ text: view.text, note: '' })
      return true
    } catch (error) {
      setSaveError(t('prompts.saveFailed', { message: errorMessage(error) }))
      return false
    } finally {
      setSaving(false)
    }
  }, [view, draft, load, t, toast])

  const confirmLeave = useCallback(async () => {
    if (!dirty) return true
    const choice = await unsaved.ask()
    if (choice === 'cancel') return false
    return choice === 'discard' || (await save())
  }, [dirty, unsaved, save])
  useLeaveGuard(confirmLeave)

  // An address naming another template (Back / Forward, a link) shows it, after unsaved edits are saved or dropped.
  useEffect(() => {
    if (!selected || !addressedId || !addressedLanguage) return
    if (addressedId === selected.id && addressedLanguage === selected.language) return
    const named = groups.find((g) => g.id === addressedId)
    if (named?.byLanguage[addressedLanguage as Language])
      void choose({ id: addressedId, language: addressedLanguage as Language })
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new address is what moves the selection
  }, [addressedId, addressedLanguage])

  const choose = async (next: { id: string; language: Language }) => {
    if (next.id === selected?.id && next.language === selected.language) return
    if (!(await confirmLeave())) {
      if (selected) setAddress([selected.id, selected.language], { replace: true })
      return
    }
    setSaveError(null)
    setSelected(next)
  }

  return (
    <div className="prompts-page" data-testid="prompts-page">
      <header className="page-header">
        <div className="page-title">
          <h1>{t('prompts.title')}</h1>
          <span className="muted">{t('prompts.subtitle')}</span>
        </div>
      </header>
      {loadError != null && (
        <ErrorBanner onRetry={() => void load()}>
          {t('prompts.loadFailed', { message: errorMessage(loadError) })}
        </ErrorBanner>
      )}
      <div className="split">
        <section className="list-pane" aria-label={t('prompts.listLabel')}>
          {list && groups.length === 0 ? (
            <p className="empty-inline list-empty">{t('prompts.none')}</p>
          ) : (
            <TemplateList
              groups={groups}
              selectedId={selected?.id ?? null}
              onSelect={(id) => void choose({ id, language: selected?.language ?? uiLanguage })}
            />
          )}
          <footer className="list-footer">
            <span className="muted small">{t('prompts.pinNote')}</span>
          </footer>
        </section>
        <div className="detail-pane">
          {group && view && selected ? (
            <div className="template-pane">
              {saveError && <ErrorBanner testId="prompt-save-error">{saveError}</ErrorBanner>}
              <TemplateEditor
                group={group}
                language={selected.language}
                view={view}
                draft={draft}
                dirty={dirty}
                saving={saving}
                onLanguage={(language) => void choose({ id: group.id, language })}
                onChange={setDraft}
                onSave={() => void save()}
                onRevert={() => setDraft({ text: view.text, note: '' })}
              />
              <TemplateHistory
                id={view.id}
                language={view.language}
                currentVersion={view.version}
                onLoad={(old) =>
                  setDraft({ text: old.text, note: t('prompts.restoredNote', { version: old.version }) })
                }
              />
            </div>
          ) : (
            <div className="empty-state">{list ? <p>{t('prompts.noneSelected')}</p> : <p>{t('app.loading')}</p>}</div>
          )}
        </div>
      </div>
      {unsaved.dialog}
    </div>
  )
}
