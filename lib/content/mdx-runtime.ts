/**
 * Turns mdx-bundler's compiled code into a React component, on the server at build time. Same as
 * `getMDXComponent` from mdx-bundler/client, minus its react-dom import (not wanted in Server
 * Components): the compiled lessons only reference the JSX runtime.
 */
import * as React from 'react';
import * as jsxRuntime from 'react/jsx-runtime';
import type { ComponentType, ReactNode } from 'react';

export type MdxContent = ComponentType<{ components?: Record<string, ComponentType<never> | ((props: never) => ReactNode)> }>;

export function mdxComponentFromCode(code: string): MdxContent {
  // mdx-bundler's output is a function body that expects these globals by name.
  const scope: Record<string, unknown> = { React, ReactDOM: undefined, _jsx_runtime: jsxRuntime };
  const evaluate = new Function(...Object.keys(scope), code) as (...values: unknown[]) => { default: MdxContent };
  return evaluate(...Object.values(scope)).default;
}
