import { act, render, screen } from '@testing-library/react'
import { useLoader } from './use-loader'

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { stopPullDownRefresh: jest.fn() }, useDidShow: jest.fn(), usePullDownRefresh: jest.fn() }))

/** A load whose answer arrives when the test says so. */
function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)))
  return { promise, resolve, reject }
}

function Filtered({ filter, answers }: { filter: string; answers: Record<string, Promise<string>> }) {
  const loader = useLoader(() => answers[filter], [filter])
  return <div data-testid='out'>{loader.loading ? 'loading' : loader.error ? `error:${String(loader.error)}` : loader.data}</div>
}

describe('useLoader', () => {
  it('ignores the answer to a superseded request that arrives after the newer one', async () => {
    const slowOld = deferred<string>()
    const fastNew = deferred<string>()
    const answers = { all: slowOld.promise, open: fastNew.promise }
    const { rerender } = render(<Filtered filter='all' answers={answers} />)
    rerender(<Filtered filter='open' answers={answers} />)
    await act(async () => fastNew.resolve('open stations'))
    expect(screen.getByTestId('out').textContent).toBe('open stations')
    await act(async () => slowOld.resolve('all stations'))
    expect(screen.getByTestId('out').textContent).toBe('open stations')
  })

  it('ignores a superseded request’s failure and keeps loading until the current one answers', async () => {
    const old = deferred<string>()
    const current = deferred<string>()
    const answers = { all: old.promise, open: current.promise }
    const { rerender } = render(<Filtered filter='all' answers={answers} />)
    rerender(<Filtered filter='open' answers={answers} />)
    await act(async () => old.reject('offline'))
    expect(screen.getByTestId('out').textContent).toBe('loading')
    await act(async () => current.resolve('open stations'))
    expect(screen.getByTestId('out').textContent).toBe('open stations')
  })
})
