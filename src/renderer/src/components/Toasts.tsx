import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

export interface ToastOptions {
  message: string
  kind?: 'info' | 'success' | 'error'
  action?: { label: string; run: () => void }
  durationMs?: number
}
interface Toast extends ToastOptions {
  id: number
}

const ToastContext = createContext<(toast: ToastOptions) => void>(() => {})

export function useToast(): (toast: ToastOptions) => void {
  return useContext(ToastContext)
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  const [toasts, setToasts] = useState<Toast[]>([])
  const nextId = useRef(1)

  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((toast) => toast.id !== id)), [])

  const show = useCallback(
    (options: ToastOptions) => {
      const id = nextId.current++
      setToasts((list) => [...list.slice(-3), { ...options, id }])
      const duration = options.durationMs ?? (options.kind === 'error' ? 15000 : options.action ? 10000 : 5000)
      setTimeout(() => dismiss(id), duration)
    },
    [dismiss],
  )

  const value = useMemo(() => show, [show])
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts" aria-live="polite" aria-relevant="additions">
        {toasts.map((toast) => (
          <div
            key={toast.id}
            className={`toast toast-${toast.kind ?? 'info'}`}
            role={toast.kind === 'error' ? 'alert' : 'status'}
            data-testid="toast"
          >
            <span className="toast-message">{toast.message}</span>
            {toast.action && (
              <button
                type="button"
                className="button button-small"
                data-testid="toast-action"
                onClick={() => {
                  dismiss(toast.id)
                  toast.action!.run()
                }}
              >
                {toast.action.label}
              </button>
            )}
            <button
              type="button"
              className="icon-button"
              aria-label={t('common.dismiss')}
              title={t('common.dismiss')}
              onClick={() => dismiss(toast.id)}
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  )
}
