"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { api } from "./api-client";

export interface SessionView {
  mode: "none" | "token" | "proxy";
  actor: { name: string; role: "viewer" | "operator" } | null;
  estate?: string;
  lab?: boolean;
  storeReachable?: boolean;
}

const SESSION_KEY = ["session"] as const;

/** Who I am, the estate's name, and whether Lantern's store answers: what the header shows. */
export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: () => api<SessionView>("GET", "/api/session"), staleTime: 30_000, refetchInterval: 30_000 });
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => api<{ actor: SessionView["actor"] }>("POST", "/api/session", { token }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SESSION_KEY }),
  });
}

export function useSignOut() {
  const router = useRouter();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<unknown>("DELETE", "/api/session"),
    onSuccess: () => {
      queryClient.clear();
      router.replace("/login");
    },
  });
}
