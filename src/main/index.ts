import { app, BrowserWindow, dialog, ipcMain, safeStorage, shell, session } from 'electron'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { createApp, type App } from './app'
import { configureLogger, log, logToWorkspace } from './logger'
import { keyFileSecretBox, type SecretBox } from './secrets/secretBox'

/** The Electron shell: a window, IPC to the one dispatcher, the OS keychain. Nothing else lives here. */
function osKeychainSecretBox(dataDir: string): SecretBox {
  if (!safeStorage.isEncryptionAvailable()) return keyFileSecretBox(dataDir)
  return {
    description: 'the operating system keychain (Electron safeStorage)',
    seal: (plain) => 'ss1:' + safeStorage.encryptString(plain).toString('base64'),
    open: (sealed) => safeStorage.decryptString(Buffer.from(sealed.replace(/^ss1:/, ''), 'base64')),
  }
}

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'"

let workbench: App | null = null

function createWindow() {
  const window = new BrowserWindow({
    width: 1360,
    height: 880,
    minWidth: 960,
    minHeight: 600,
    title: 'SimPsy Workbench',
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
    },
  })
  window.once('ready-to-show', () => window.show())
  // Links leave the app for the system browser; the window never navigates away from the workbench.
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:/.test(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  window.webContents.on('will-navigate', (event, url) => {
    if (url !== window.webContents.getURL()) {
      event.preventDefault()
      if (/^https?:/.test(url)) void shell.openExternal(url)
    }
  })
  // Back and Forward move through the workbench's addresses (#/runs/<id>, …) as in a browser: Alt+← / Alt+→ (⌘[ / ⌘]
  // on macOS) and the mouse's side buttons.
  const history = window.webContents.navigationHistory
  const go = (back: boolean) => {
    if (back ? history.canGoBack() : history.canGoForward()) void (back ? history.goBack() : history.goForward())
  }
  window.webContents.on('before-input-event', (event, input) => {
    if (input.type !== 'keyDown' || input.shift) return
    const mac = process.platform === 'darwin'
    const back = mac ? input.meta && input.key === '[' : input.alt && !input.control && input.key === 'ArrowLeft'
    const forward = mac ? input.meta && input.key === ']' : input.alt && !input.control && input.key === 'ArrowRight'
    if (!back && !forward) return
    event.preventDefault()
    go(back)
  })
  window.on('app-command', (_event, command) => {
    if (command === 'browser-backward' || command === 'browser-forward') go(command === 'browser-backward')
  })
  // The renderer's beforeunload guard (unsaved edits) needs a real question in Electron.
  window.webContents.on('will-prevent-unload', (event) => {
    const zh =
      (workbench!.handlers.getPreferences({}, { remote: false }) as { uiLanguage: string | null }).uiLanguage === 'zh'
    const choice = dialog.showMessageBoxSync(window, {
      type: 'question',
      buttons: zh ? ['仍然关闭', '留下'] : ['Close anyway', 'Stay'],
      defaultId: 1,
      cancelId: 1,
      message: zh ? '有未保存的修改，确定关闭吗？' : 'You have unsaved changes. Close anyway?',
    })
    if (choice === 0) event.preventDefault()
  })
  const unsubscribe = workbench!.events.subscribe((event) => {
    if (!window.isDestroyed()) window.webContents.send('workbench:event', event)
  })
  window.on('closed', unsubscribe)
  if (process.env.ELECTRON_RENDERER_URL) void window.loadURL(process.env.ELECTRON_RENDERER_URL)
  else void window.loadFile(join(import.meta.dirname, '../renderer/index.html'))
}

// The last safety net (a closed lid or a busy database must not end the desktop app): timers,
// event handlers and jobs handle their own errors; anything that still escapes is logged.
configureLogger({ console: 'warn' })
process.on('uncaughtException', (error) => log.error('[main] uncaught', error))
process.on('unhandledRejection', (reason) => log.error('[main] unhandled rejection', reason))

app.whenReady().then(() => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } })
  })
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  const dataDir = process.env.SIMPSY_DATA_DIR ?? app.getPath('userData')
  // The terminal (when started from one) shows warnings and errors; the log file keeps the rest, with the stacks.
  logToWorkspace(dataDir, 'warn')
  // better-sqlite3 is built twice: node_modules keeps Node's build (tests, serve, CLI);
  // scripts/ensure-native.mjs puts Electron's beside it, so neither overwrites the other.
  const repoRoot = join(import.meta.dirname, '..', '..')
  const binding = app.isPackaged
    ? join(process.resourcesPath, 'native', 'better_sqlite3.node')
    : join(repoRoot, '.native', `electron-${process.versions.electron}-${process.arch}`, 'better_sqlite3.node')
  workbench = createApp({
    dataDir,
    mode: 'electron',
    secrets: osKeychainSecretBox(dataDir),
    resourcesDir: app.isPackaged ? join(process.resourcesPath, 'resources') : join(repoRoot, 'resources'),
    nativeBinding: existsSync(binding) ? binding : undefined,
    resumeInterruptedRuns: true,
  })
  ipcMain.handle('workbench:call', (_event, method: string, input: unknown) => workbench!.dispatch(method, input))
  createWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow()
  })
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
// Let running simulations stop cleanly (they resume at next start) before the database closes.
let quitting = false
app.on('before-quit', (event) => {
  if (quitting || !workbench) return
  event.preventDefault()
  quitting = true
  void workbench.close().finally(() => app.quit())
})
