import type { ReactNode } from 'react'

export function ErrorBanner({ children, actions, testId }: { children: ReactNode; actions?: ReactNode; testId?: string }) {
  return (
    <div className="banner banner-error" role="alert" data-testid={testId}>
      <div className="banner-text">{children}</div>
      {actions && <div className="banner-actions">{actions}</div>}
    </div>
  )
}
