import { SERVER_MESSAGES_ZH } from '@shared/messages.zh'

/** 服务器消息（src/shared/messages.zh.ts）。 */
export const server = {
  server: SERVER_MESSAGES_ZH,
  serverStatus: {
    pending: '“等待中”',
    uploading: '“上传中”',
    running: '“运行中”',
    paused: '“已暂停”',
    completed: '“已完成”',
    cancelled: '“已取消”',
    failed: '“失败”',
    interrupted: '“已中断”',
    lost: '“已丢失”',
    awaiting_vote: '“等待投票”',
  },
}
