// The centered column the card sits in, under the header.
import type { ReactNode } from "react";

export function ViaMain({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  return (
    <main className={`mx-auto flex w-full flex-1 flex-col items-center px-4 pb-10 pt-6 sm:justify-center sm:pb-16 sm:pt-10 ${wide ? "max-w-3xl" : "max-w-[28rem]"}`}>
      {children}
    </main>
  );
}
