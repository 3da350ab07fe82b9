import { fireEvent, render, screen } from '@testing-library/react'
import { ApiError } from '@xfqs/api-client'
import { StateView } from './StateView'

describe('<StateView>', () => {
  it('shows the spinner text while loading', () => {
    render(<StateView loading />)
    expect(screen.getByText('正在加载…')).toBeTruthy()
  })

  it('explains a contract error in Chinese, never showing the raw code, and retries on tap', () => {
    const onRetry = jest.fn()
    const { container } = render(<StateView error={new ApiError(410, 'CODE_EXPIRED', 'code expired')} onRetry={onRetry} />)
    expect(screen.getByText('二维码已过期，请让工作人员刷新后重新扫码')).toBeTruthy()
    expect(container.textContent).not.toMatch(/CODE_EXPIRED|code expired/)
    fireEvent.click(screen.getByText('重新加载'))
    expect(onRetry).toHaveBeenCalledTimes(1)
  })

  it('lets a page say what a code means on that page', () => {
    render(<StateView error={new ApiError(404, 'NOT_FOUND', 'x')} errorOverrides={{ NOT_FOUND: '没有找到这场沟通会' }} />)
    expect(screen.getByText('没有找到这场沟通会')).toBeTruthy()
  })

  it('shows the empty text instead of the children when empty, and the children once there is data', () => {
    const { rerender } = render(
      <StateView empty emptyText='还没有提交过随手拍'>
        <span>list</span>
      </StateView>,
    )
    expect(screen.getByText('还没有提交过随手拍')).toBeTruthy()
    expect(screen.queryByText('list')).toBeNull()
    rerender(
      <StateView>
        <span>list</span>
      </StateView>,
    )
    expect(screen.getByText('list')).toBeTruthy()
  })
})
