// Line icons used across the hosted pages (decorative; always aria-hidden).
const base = { viewBox: "0 0 24 24", fill: "none", stroke: "currentColor", strokeWidth: 1.8, strokeLinecap: "round", strokeLinejoin: "round" } as const;

export function PasskeyIcon({ className = "h-5 w-5" }: { className?: string }) {
  return (
    <svg aria-hidden="true" {...base} className={className}>
      <circle cx="9" cy="7.5" r="3.5" />
      <path d="M3 20v-1.5A4.5 4.5 0 0 1 7.5 14h3" />
      <circle cx="17.5" cy="13" r="2.5" />
      <path d="M17.5 15.5V21l1.5-1.2M17.5 18.5l1.3-1" />
    </svg>
  );
}

export function MailIcon({ className = "h-5 w-5" }: { className?: string }) {
  return (
    <svg aria-hidden="true" {...base} className={className}>
      <rect x="3" y="5" width="18" height="14" rx="2.5" />
      <path d="m4 7 8 6 8-6" />
    </svg>
  );
}

export function CheckIcon({ className = "h-7 w-7" }: { className?: string }) {
  return (
    <svg aria-hidden="true" {...base} className={className}>
      <path d="m5 12.5 4.5 4.5L19 7.5" />
    </svg>
  );
}

export function StopIcon({ className = "h-7 w-7" }: { className?: string }) {
  return (
    <svg aria-hidden="true" {...base} className={className}>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7.5v5.5M12 16.5h.01" />
    </svg>
  );
}

export function LockIcon({ className = "h-4 w-4" }: { className?: string }) {
  return (
    <svg aria-hidden="true" {...base} className={className}>
      <rect x="4.5" y="10.5" width="15" height="10" rx="2" />
      <path d="M8 10.5V7.5a4 4 0 0 1 8 0v3" />
    </svg>
  );
}

export function KeyIcon({ className = "h-7 w-7" }: { className?: string }) {
  return (
    <svg aria-hidden="true" {...base} className={className}>
      <circle cx="8" cy="15" r="4" />
      <path d="m11 12 8.5-8.5M16 7l2.5 2.5M14 9l2 2" />
    </svg>
  );
}

export function ArrowLeftIcon({ className = "h-4 w-4" }: { className?: string }) {
  return (
    <svg aria-hidden="true" {...base} className={className}>
      <path d="M19 12H5m6-6-6 6 6 6" />
    </svg>
  );
}

export function BuildingIcon({ className = "h-7 w-7" }: { className?: string }) {
  return (
    <svg aria-hidden="true" {...base} className={className}>
      <path d="M4.5 20.5v-15a1 1 0 0 1 1-1h8a1 1 0 0 1 1 1v15m0-10h4a1 1 0 0 1 1 1v9M3 20.5h18" />
      <path d="M8 8h3m-3 3.5h3M8 15h3" />
    </svg>
  );
}
