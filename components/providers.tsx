"use client";

import { QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { goToSignIn, SessionEndedError } from "./session/session-ended";
import { Announcer } from "./ui/announcer";

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        // Any query that learns the session is gone signs the tab out, whichever page it is on.
        queryCache: new QueryCache({
          onError: (error) => error instanceof SessionEndedError && goToSignIn(),
        }),
        defaultOptions: { queries: { refetchOnWindowFocus: true, retry: 2 } },
      }),
  );
  return (
    <QueryClientProvider client={client}>
      {children}
      <Announcer />
    </QueryClientProvider>
  );
}
