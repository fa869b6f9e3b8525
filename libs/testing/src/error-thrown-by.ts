/**
 * The error a synchronous call throws, checked to be an instance of `type`; fails the test when the
 * call returns normally. Lets a test assert on every member of an error, not just its message.
 */
export function errorThrownBy<E extends Error>(
  type: abstract new (...args: never[]) => E,
  call: () => unknown,
): E {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    return error as E;
  }
  throw new Error(`expected the call to throw ${type.name}`);
}
