/**
 * Turns compiled lesson MDX (a function body from mdx-compile.ts) into a React component. At build
 * time on the server for lesson pages; in the studio's preview in the browser.
 */
import * as jsxRuntime from 'react/jsx-runtime';
import type { ComponentType, ReactNode } from 'react';

export type MdxContent = ComponentType<{ components?: Record<string, ComponentType<never> | ((props: never) => ReactNode)> }>;

export function mdxComponentFromCode(code: string): MdxContent {
  // @mdx-js/mdx's function-body output takes the JSX runtime as its one argument.
  const run = new Function(code) as (runtime: unknown) => { default: MdxContent };
  return run({ ...jsxRuntime, baseUrl: undefined }).default;
}
