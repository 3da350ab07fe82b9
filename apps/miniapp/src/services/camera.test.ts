import { cameraProblemOf, CAMERA_PROBLEM_TEXT } from './camera'

describe('cameraProblemOf', () => {
  it('tells a refused permission, a missing camera, an insecure page and anything else apart', () => {
    expect(cameraProblemOf(Object.assign(new Error('Permission denied'), { name: 'NotAllowedError' }), true)).toBe('denied')
    expect(cameraProblemOf(Object.assign(new Error('Requested device not found'), { name: 'NotFoundError' }), true)).toBe('no-camera')
    expect(cameraProblemOf('Camera not found.', true)).toBe('no-camera')
    expect(cameraProblemOf(new Error('whatever'), false)).toBe('insecure')
    expect(cameraProblemOf(Object.assign(new Error('Could not start video source'), { name: 'NotReadableError' }), true)).toBe('failed')
    for (const problem of ['denied', 'no-camera', 'insecure', 'failed'] as const) expect(CAMERA_PROBLEM_TEXT[problem].message).toContain('手动输入')
  })
})
