import { contextBridge, ipcRenderer } from 'electron'
import type { WorkbenchBridge, WorkbenchEvent } from '@shared/api'

const bridge: WorkbenchBridge = {
  call: (method, input) => ipcRenderer.invoke('workbench:call', method, input),
  onEvent(listener) {
    const forward = (_event: unknown, payload: WorkbenchEvent) => listener(payload)
    ipcRenderer.on('workbench:event', forward)
    return () => ipcRenderer.off('workbench:event', forward)
  },
}

contextBridge.exposeInMainWorld('workbench', bridge)
