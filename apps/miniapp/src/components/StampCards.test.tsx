import { render, screen } from '@testing-library/react'
import { StampCards } from './StampCards'

const filledIn = (card: Element) => card.querySelectorAll('.xf-stamps__slot--filled').length

describe('<StampCards>', () => {
  it('keeps stamps beyond the goal visible: the full card and the next one (第 2 张)', () => {
    const { container } = render(<StampCards balance={12} goal={10} />)
    const cards = container.querySelectorAll('.xf-cards__card')
    expect(cards).toHaveLength(2)
    expect(filledIn(cards[0])).toBe(10)
    expect(filledIn(cards[1])).toBe(2)
    expect(screen.getByText('第 1 张')).toBeTruthy()
    expect(screen.getByText('第 2 张')).toBeTruthy()
    expect(screen.getByText('2/10')).toBeTruthy()
  })

  it('says how many more cards are full', () => {
    render(<StampCards balance={34} goal={10} />)
    expect(screen.getByText('第 3 张')).toBeTruthy()
    expect(screen.getByText('另有 2 张已集满')).toBeTruthy()
    expect(screen.getByText('第 4 张')).toBeTruthy()
  })

  it('presses in the stamps that just arrived, also across a completed card', () => {
    const { container } = render(<StampCards balance={11} goal={10} fresh={3} />)
    const [full, current] = Array.from(container.querySelectorAll('.xf-cards__card'))
    expect(current.querySelectorAll('.xf-stamps__slot--new')).toHaveLength(1)
    expect(full.querySelectorAll('.xf-stamps__slot--new')).toHaveLength(2)
    expect(Array.from(full.querySelectorAll('.xf-stamps__slot')).slice(8).every((s) => s.classList.contains('xf-stamps__slot--new'))).toBe(true)
  })

  it('shows one card below the goal, and only the current card when asked', () => {
    expect(render(<StampCards balance={7} goal={10} />).container.querySelectorAll('.xf-cards__card')).toHaveLength(1)
    expect(render(<StampCards balance={15} goal={10} currentOnly />).container.querySelectorAll('.xf-cards__card')).toHaveLength(1)
    // A check-in that just completed a card shows that card, not an empty next one.
    const completed = render(<StampCards balance={10} goal={10} fresh={2} currentOnly />).container
    expect(completed.querySelectorAll('.xf-cards__card--full')).toHaveLength(1)
    expect(completed.querySelectorAll('.xf-stamps__slot--new')).toHaveLength(2)
  })
})
