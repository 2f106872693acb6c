import { faultSize } from './fault-size';

describe('faultSize', () => {
  it('is short unless EVENTLINE_FAULTS=full asks for the heavy run', () => {
    expect(faultSize({})).toBe('short');
    expect(faultSize({ EVENTLINE_FAULTS: 'yes' })).toBe('short');
    expect(faultSize({ EVENTLINE_FAULTS: 'full' })).toBe('full');
  });
});
