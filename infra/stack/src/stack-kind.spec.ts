import { StackError } from './errors';
import { stackKind } from './stack-kind';

describe('EVENTLINE_STACK', () => {
  it.each([
    [undefined, 'embedded'],
    ['', 'embedded'],
    ['embedded', 'embedded'],
    ['containers', 'containers'],
  ])('reads %p as the %s stack', (value, kind) => {
    expect(stackKind({ EVENTLINE_STACK: value })).toBe(kind);
  });

  it('refuses any other value, listing the allowed ones', () => {
    expect(() => stackKind({ EVENTLINE_STACK: 'docker' })).toThrow(StackError);
    expect(() => stackKind({ EVENTLINE_STACK: 'docker' })).toThrow('EVENTLINE_STACK must be one of embedded, containers (unset means embedded), got "docker".');
    expect(() => stackKind({ EVENTLINE_STACK: 'Containers' })).toThrow('got "Containers"');
  });
});
