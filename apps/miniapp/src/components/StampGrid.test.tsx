import { render } from '@testing-library/react'
import { StampGrid } from './StampGrid'

const slots = (container: HTMLElement) => Array.from(container.querySelectorAll('.xf-stamps__slot'))

describe('<StampGrid>', () => {
  it('shows the goal’s slots with the first `balance` stamped and the rest numbered', () => {
    const { container } = render(<StampGrid balance={3} goal={10} />)
    const all = slots(container)
    expect(all).toHaveLength(10)
    expect(all.filter((s) => s.classList.contains('xf-stamps__slot--filled'))).toHaveLength(3)
    expect(all.map((s) => s.textContent)).toEqual(['先锋', '先锋', '先锋', '4', '5', '6', '7', '8', '9', '10'])
  })

  it('a card over its goal is fully stamped, never longer than the goal', () => {
    const { container } = render(<StampGrid balance={14} goal={10} />)
    expect(slots(container)).toHaveLength(10)
    expect(slots(container).every((s) => s.textContent === '先锋')).toBe(true)
  })

  it('follows an org’s own goal', () => {
    const { container } = render(<StampGrid balance={0} goal={8} />)
    expect(slots(container)).toHaveLength(8)
  })
})
