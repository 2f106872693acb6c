import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';

/**
 * Nest turns a handler's error into a generic "Internal server error" for RPC callers. The
 * Eventline runtime needs the error itself — a RejectedEventError is a dead letter, anything
 * else a transient fault to retry — so errors pass through unchanged.
 */
@Catch()
export class RethrowRpcErrors implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
