import type { ExecutionContext } from '@nestjs/common';

type Handler = ReturnType<ExecutionContext['getHandler']>;
type ControllerClass = ReturnType<ExecutionContext['getClass']>;

/**
 * A value worked out once per route (controller class and handler) from its decorators, instead of on every
 * request. Keyed by both: a handler inherited by two controllers may carry different class-level metadata.
 */
export class PerRoute<T> {
  private readonly byClass = new WeakMap<object, WeakMap<object, T>>();

  constructor(private readonly compute: (handler: Handler, type: ControllerClass) => T) {}

  of(context: ExecutionContext): T {
    const type = context.getClass();
    const handler = context.getHandler();
    let byHandler = this.byClass.get(type);
    if (!byHandler) {
      byHandler = new WeakMap();
      this.byClass.set(type, byHandler);
    }
    let value = byHandler.get(handler);
    if (value === undefined) {
      value = this.compute(handler, type);
      byHandler.set(handler, value);
    }
    return value;
  }
}
