const ROLE: Record<string, string> = { owner: 'Owner', manager: 'Manager', cashier: 'Cashier' };

export function roleLabel(role: string): string {
  return ROLE[role] ?? role;
}

export function isManagerRole(role: string): boolean {
  return role === 'owner' || role === 'manager';
}
