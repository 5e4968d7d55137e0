// A screen with a prompt: "the device asking to sign in" (decorative).
export function DeviceIcon({ className = "h-7 w-7" }: { className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" className={className}>
      <rect x="3" y="4" width="18" height="13" rx="2" />
      <path d="m7 9 2.5 2L7 13M12 13h4M9 20h6" />
    </svg>
  );
}
