import type { ApiHandlers } from '@shared/api'
import type { testDriveApi } from '@shared/testDriveApi'
import type { TestDriveService } from '../../simulation/testDrive'

export function testDriveHandlers(drives: TestDriveService): Pick<ApiHandlers, keyof typeof testDriveApi> {
  return {
    startTestDrive: (input) => drives.start(input),
    getTestDrive: ({ id }) => drives.get(id),
    testDriveSay: (input) => drives.say(input),
    testDriveCounselor: (input) => drives.counselor(input),
    testDrivePlayClient: (input) => drives.playClient(input),
    cancelTestDriveReply: ({ id }) => drives.cancel(id),
    saveTestDrive: (input) => drives.save(input),
    closeTestDrive: ({ id }) => drives.close(id),
  }
}
