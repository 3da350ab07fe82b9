import { coarsePoint, maskHelpText } from './live';

describe('maskHelpText', () => {
  it('stars digit runs of five or more but their last two digits, and keeps short numbers', () => {
    expect(maskHelpText('电话 13812345678，欠 3000 元')).toBe('电话 *********78，欠 3000 元');
    expect(maskHelpText('身份证 11010519491231002X')).toBe('身份证 ****************2X');
  });
  it('cuts to the given length with an ellipsis', () => {
    expect(maskHelpText('一二三四五六', 4)).toBe('一二三四…');
    expect(maskHelpText('一二三', 4)).toBe('一二三');
  });
});

describe('coarsePoint', () => {
  it('rounds to two decimals (about a kilometre)', () => {
    expect(coarsePoint({ lat: 39.85751, lng: 116.28049 })).toEqual({ lat: 39.86, lng: 116.28 });
  });
});
