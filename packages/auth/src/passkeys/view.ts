import type { PasskeyOutput } from '@otp-auth/validators';

export const passkeySelect = {
  id: true,
  name: true,
  createdAt: true,
  lastUsedAt: true,
  deviceType: true,
  backedUp: true,
  transports: true,
  aaguid: true,
} as const;

export function toPasskeyOutput(row: {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  deviceType: string;
  backedUp: boolean;
  transports: string[];
  aaguid: string;
}): PasskeyOutput {
  return {
    id: row.id,
    name: row.name,
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    synced: row.deviceType === 'multiDevice',
    backed_up: row.backedUp,
    transports: row.transports,
    aaguid: row.aaguid,
  };
}
