"use client";

import * as React from "react";
import { Direction } from "radix-ui";

type DirectionProviderProps = {
  dir: "ltr" | "rtl";
  children: React.ReactNode;
};

function DirectionProvider({ dir, children }: DirectionProviderProps) {
  return <Direction.Provider dir={dir}>{children}</Direction.Provider>;
}

export { DirectionProvider, type DirectionProviderProps };
