import type { Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { ROUTE_POLICY, type DeclaredPolicy } from './policy';

export interface RouteEntry {
  method: string;
  /** The full path, with Nest's parameters (`/api/commitments/commitments/:id/firm`). */
  path: string;
  controller: string;
  handler: string;
  policy: DeclaredPolicy | undefined;
}

const joinPath = (...parts: string[]) =>
  `/${parts
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/')}`;

function controllersOf(module: Type<unknown>, seen = new Set<Type<unknown>>()): Array<Type<unknown>> {
  if (seen.has(module)) return [];
  seen.add(module);
  const controllers =
    (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, module) as Array<Type<unknown>> | undefined) ?? [];
  const imports = (Reflect.getMetadata(MODULE_METADATA.IMPORTS, module) as Array<Type<unknown>> | undefined) ?? [];
  return [...controllers, ...imports.filter((i) => typeof i === 'function').flatMap((i) => controllersOf(i, seen))];
}

/** Every route the controllers of these modules declare, with its policy, read from Nest's own metadata. */
export function routeTable(modules: Array<Type<unknown>>, extraControllers: Array<Type<unknown>> = []): RouteEntry[] {
  const seen = new Set<Type<unknown>>();
  const controllers = [...modules.flatMap((m) => controllersOf(m, seen)), ...extraControllers];
  const routes: RouteEntry[] = [];
  for (const controller of new Set(controllers)) {
    const base = ([] as string[]).concat(
      (Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined) ?? '',
    )[0];
    const classPolicy = Reflect.getMetadata(ROUTE_POLICY, controller) as DeclaredPolicy | undefined;
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      if (name === 'constructor') continue;
      const handler = Object.getOwnPropertyDescriptor(controller.prototype, name)?.value as unknown;
      if (typeof handler !== 'function') continue;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (path === undefined || method === undefined) continue;
      const policy = (Reflect.getMetadata(ROUTE_POLICY, handler) as DeclaredPolicy | undefined) ?? classPolicy;
      routes.push({
        method: RequestMethod[method],
        path: joinPath(base, ([] as string[]).concat(path)[0]),
        controller: controller.name,
        handler: name,
        policy,
      });
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/** Stops a process from starting when one of its routes has no declared policy, naming each. */
export function assertEveryRouteHasPolicy(routes: RouteEntry[]): void {
  const missing = routes.filter((r) => r.policy === undefined);
  if (missing.length) {
    throw new Error(
      `Routes sans politique d’accès (@Allow ou @Public) : ${missing.map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`).join(' ; ')}`,
    );
  }
}
