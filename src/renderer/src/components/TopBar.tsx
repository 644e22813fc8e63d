import { useTranslation } from 'react-i18next'
import { useAppInfo } from '../lib/useAppInfo'
import { LanguageSwitch } from './LanguageSwitch'

function lastSegment(path: string): string {
  const parts = path.split(/[\\/]/).filter(Boolean)
  return parts[parts.length - 1] ?? path
}

export function TopBar() {
  const { t } = useTranslation()
  const { info } = useAppInfo()
  return (
    <header className="top-bar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          S
        </span>
        <span className="brand-name">{t('app.name')}</span>
      </div>
      {info && (
        <div
          className="workspace"
          title={t('app.workspaceTitle', { file: info.workspaceFile })}
          data-testid="workspace-name"
        >
          <span className="workspace-label">{t('app.workspace')}</span>
          <span className="workspace-name">{lastSegment(info.dataDir)}</span>
          {info.mode === 'serve' && (
            <span className="badge badge-neutral" title={t('app.browserModeTitle')}>
              {t('app.browserMode')}
            </span>
          )}
        </div>
      )}
      <div className="top-bar-end">
        <LanguageSwitch />
      </div>
    </header>
  )
}
